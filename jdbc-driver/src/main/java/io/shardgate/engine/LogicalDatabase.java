package io.shardgate.engine;

import io.shardgate.engine.backend.Backends;
import io.shardgate.engine.metadata.PhysicalNames;
import io.shardgate.engine.metadata.TableCatalog;
import io.shardgate.engine.replica.Replicas;
import io.shardgate.engine.transaction.xa.XaCoordinator;
import io.shardgate.rules.config.Policies;
import io.shardgate.rules.config.RuleSet;

/** One logical database of an engine: its rules, router, backend pools and logical schema. */
public final class LogicalDatabase implements AutoCloseable {

    private final RuleSet rules;
    private final StatementRouter router;
    private final Backends backends;
    private final PhysicalNames names;
    private final TableCatalog catalog;
    private final Replicas replicas;
    private final XaCoordinator xa;

    LogicalDatabase(RuleSet rules, StatementRouter router) {
        this.rules = rules;
        this.router = router;
        this.backends = new Backends(rules);
        this.names = new PhysicalNames(rules);
        this.catalog = new TableCatalog(rules, backends, names);
        this.replicas = new Replicas(rules, backends);
        try {
            // recovery of XA branches left prepared by an earlier run happens here, at engine start
            this.xa = rules.policies().crossShardTransaction() == Policies.CrossShardTransaction.XA
                    ? XaCoordinator.open(rules, backends) : null;
        } catch (RuntimeException e) {
            replicas.close();
            backends.close();
            throw e;
        }
    }

    public String name() {
        return rules.database();
    }

    public RuleSet rules() {
        return rules;
    }

    public StatementRouter router() {
        return router;
    }

    public Backends backends() {
        return backends;
    }

    public PhysicalNames names() {
        return names;
    }

    public TableCatalog catalog() {
        return catalog;
    }

    /** Health, leaders and follower choice of the database's groups. */
    public Replicas replicas() {
        return replicas;
    }

    /** The XA coordinator under {@code cross-shard-transaction: xa}, else null. */
    public XaCoordinator xa() {
        return xa;
    }

    @Override
    public void close() {
        replicas.close();
        if (xa != null) {
            xa.close();
        }
        backends.close();
    }
}
