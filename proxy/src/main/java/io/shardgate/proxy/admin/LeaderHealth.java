package io.shardgate.proxy.admin;

import io.shardgate.engine.Engine;
import io.shardgate.engine.LogicalDatabase;
import io.shardgate.engine.backend.BackendServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Readiness: every group of every logical database has a leader that answers within a second.
 * Probes with a fresh connection (not the pool), so a saturated pool never reads as an outage.
 */
public final class LeaderHealth {

    private final Engine engine;

    public LeaderHealth(Engine engine) {
        this.engine = engine;
    }

    public AdminServer.Report check() {
        List<String> lines = new ArrayList<>();
        boolean ok = true;
        for (String name : engine.databases()) {
            LogicalDatabase database = engine.database(name);
            for (String group : Set.copyOf(database.rules().groups().keySet()).stream().sorted().toList()) {
                BackendServer leader = database.backends().leader(group);
                String problem = probe(leader);
                ok &= problem == null;
                lines.add(name + "." + group + " leader " + leader.describe() + ": " + (problem == null ? "up" : problem));
            }
        }
        return new AdminServer.Report(ok, (ok ? "ok\n" : "unavailable\n") + String.join("\n", lines) + "\n");
    }

    private static String probe(BackendServer server) {
        DriverManager.setLoginTimeout(1);
        try (Connection connection = DriverManager.getConnection(server.source().url(), server.source().user(),
                server.source().password())) {
            return connection.isValid(1) ? null : "not answering";
        } catch (SQLException e) {
            return "down (" + e.getMessage().split("\n", 2)[0] + ")";
        }
    }
}
