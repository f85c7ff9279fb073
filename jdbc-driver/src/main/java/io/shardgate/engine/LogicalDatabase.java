package io.shardgate.engine;

import io.shardgate.engine.backend.Backends;
import io.shardgate.engine.metadata.PhysicalNames;
import io.shardgate.engine.metadata.TableCatalog;
import io.shardgate.engine.replica.Replicas;
import io.shardgate.rules.config.RuleSet;

/** One logical database of an engine: its rules, router, backend pools and logical schema. */
public final class LogicalDatabase implements AutoCloseable {

    private final RuleSet rules;
    private final StatementRouter router;
    private final Backends backends;
    private final PhysicalNames names;
    private final TableCatalog catalog;
    private final Replicas replicas;

    LogicalDatabase(RuleSet rules, StatementRouter router) {
        this.rules = rules;
        this.router = router;
        this.backends = new Backends(rules);
        this.names = new PhysicalNames(rules);
        this.catalog = new TableCatalog(rules, backends, names);
        this.replicas = new Replicas(rules, backends);
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

    @Override
    public void close() {
        replicas.close();
        backends.close();
    }
}
