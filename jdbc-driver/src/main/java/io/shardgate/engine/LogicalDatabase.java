package io.shardgate.engine;

import io.shardgate.engine.backend.Backends;
import io.shardgate.engine.metadata.PhysicalNames;
import io.shardgate.engine.metadata.TableCatalog;
import io.shardgate.engine.replica.Replicas;
import io.shardgate.engine.transaction.DeadlockDetector;
import io.shardgate.engine.transaction.xa.XaCoordinator;
import io.shardgate.rules.config.Policies;
import io.shardgate.rules.config.RuleSet;

import java.time.Duration;

/** One logical database of an engine: its rules, router, backend pools and logical schema. */
public final class LogicalDatabase implements AutoCloseable {

    private final RuleSet rules;
    private final StatementRouter router;
    private final Backends backends;
    private final PhysicalNames names;
    private final TableCatalog catalog;
    private final Replicas replicas;
    private final XaCoordinator xa;
    private final DeadlockDetector deadlocks;

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
        // one group's server finds its own deadlocks; only a transaction over two groups can hide one.
        // XA branches are left to the servers' lock wait timeout: MariaDB does not always list an XA
        // branch's lock wait, and a killed branch statement must not race the XA protocol
        this.deadlocks = rules.groups().size() > 1
                && rules.policies().crossShardTransaction() != Policies.CrossShardTransaction.XA
                ? new DeadlockDetector(rules.database(), backends, DEADLOCK_CHECK_INTERVAL) : null;
    }

    /** How often open transactions are checked for deadlocks across groups (detection takes up to about twice this). */
    static final Duration DEADLOCK_CHECK_INTERVAL = Duration.ofMillis(500);

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

    /** The detector of deadlocks across this database's groups, or null (a single group, or policy xa). */
    public DeadlockDetector deadlocks() {
        return deadlocks;
    }

    @Override
    public void close() {
        if (deadlocks != null) {
            deadlocks.close();
        }
        replicas.close();
        if (xa != null) {
            xa.close();
        }
        backends.close();
    }
}
