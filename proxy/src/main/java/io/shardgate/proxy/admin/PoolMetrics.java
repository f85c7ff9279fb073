package io.shardgate.proxy.admin;

import io.shardgate.engine.Engine;
import io.shardgate.engine.LogicalDatabase;
import io.shardgate.engine.backend.BackendServer;

/** The Prometheus text of what the engine already knows: its databases and backend pool usage. */
public final class PoolMetrics {

    private final Engine engine;

    public PoolMetrics(Engine engine) {
        this.engine = engine;
    }

    public String scrape() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP shardgate_info Shardgate build information.\n# TYPE shardgate_info gauge\n");
        out.append("shardgate_info{version=\"0.1.0\"} 1\n");
        out.append("# HELP shardgate_pool_active_connections Backend connections in use, per server.\n");
        out.append("# TYPE shardgate_pool_active_connections gauge\n");
        for (String name : engine.databases()) {
            LogicalDatabase database = engine.database(name);
            for (BackendServer server : database.backends().servers()) {
                out.append("shardgate_pool_active_connections{database=\"").append(name).append("\",group=\"")
                        .append(server.group()).append("\",role=\"").append(server.role()).append("\"} ")
                        .append(database.backends().activeConnections(server)).append('\n');
            }
        }
        return out.toString();
    }
}
