package io.shardgate.engine;

import io.shardgate.engine.backend.BackendServer;
import io.shardgate.engine.backend.Backends;
import io.shardgate.engine.metadata.LocalColumns;
import io.shardgate.engine.replica.ConsistencyGuarantee;
import io.shardgate.engine.replica.GroupHealth;
import io.shardgate.engine.replica.ServerHealth;
import io.shardgate.rules.config.GroupRule;
import io.shardgate.rules.config.ReadRule;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.config.WriteRule;
import io.shardgate.sql.AdminStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SHOW SHARDGATE GROUPS (every server of every group: role now, health, lag, position, pool use)
 * and SHOW SHARDGATE RULES (the settings of each logical database and the guarantee its
 * consistency and acknowledgement levels give), answered from the engine's state.
 */
final class ReplicaShow {

    private final Engine engine;

    ReplicaShow(Engine engine) {
        this.engine = engine;
    }

    ExecutionResult answer(AdminStatement.Command command) {
        return command == AdminStatement.Command.SHOW_GROUPS ? groups() : rules();
    }

    private ExecutionResult groups() {
        List<ColumnMeta> columns = List.of(LocalColumns.text("database"), LocalColumns.text("group"),
                LocalColumns.text("server"), LocalColumns.text("role"), LocalColumns.text("health"),
                LocalColumns.text("read_only"), LocalColumns.text("replication"), LocalColumns.integer("lag_ms"),
                LocalColumns.text("gtid_position"), LocalColumns.integer("pool_active"),
                LocalColumns.integer("pool_max"), LocalColumns.text("url"), LocalColumns.text("problem"));
        List<Object[]> rows = new ArrayList<>();
        for (String name : engine.databases()) {
            LogicalDatabase db = engine.database(name);
            Backends backends = db.backends();
            for (String group : db.rules().groups().keySet()) {
                GroupHealth health = db.replicas().health(group);
                for (BackendServer server : backends.servers(group)) {
                    ServerHealth state = health == null ? null : health.of(server);
                    boolean leads = health == null ? server.isLeader() : server.equals(health.leader());
                    String role = leads ? (server.isLeader() ? "leader" : "leader (promoted)") : "follower";
                    rows.add(new Object[] {db.name(), group, server.role(), role,
                            state == null ? "not monitored" : state.state(leads),
                            state == null || !state.reachable() ? null : state.readOnly() ? "ON" : "OFF",
                            state == null || !state.reachable() ? null : state.replication().name().toLowerCase(Locale.ROOT),
                            state == null || state.lagMillis() < 0 ? null : state.lagMillis(),
                            state == null || !state.reachable() ? null : state.position(),
                            (long) backends.activeConnections(server), (long) backends.maxConnections(server),
                            server.describe().substring(server.describe().indexOf('(') + 1, server.describe().length() - 1),
                            state == null || state.reachable() ? null : state.problem()});
                }
            }
        }
        return LocalResults.of(columns, rows, List.of());
    }

    private ExecutionResult rules() {
        List<ColumnMeta> columns = List.of(LocalColumns.text("database"), LocalColumns.text("setting"),
                LocalColumns.text("value"));
        List<Object[]> rows = new ArrayList<>();
        for (String name : engine.databases()) {
            RuleSet rules = engine.database(name).rules();
            ReadRule reads = rules.reads() == null ? ReadRule.DEFAULT : rules.reads();
            WriteRule writes = rules.writes() == null ? WriteRule.DEFAULT : rules.writes();
            rows.add(new Object[] {rules.database(), "source", rules.source()});
            rows.add(new Object[] {rules.database(), "default-group", rules.defaultGroup()});
            rows.add(new Object[] {rules.database(), "tables", String.join(", ", rules.tables().keySet())});
            rows.add(new Object[] {rules.database(), "reads.balance", lower(reads.balance())});
            rows.add(new Object[] {rules.database(), "reads.consistency", lower(reads.consistency())});
            rows.add(new Object[] {rules.database(), "reads.max-lag", reads.maxLag().toMillis() + "ms"});
            rows.add(new Object[] {rules.database(), "reads.session-wait", reads.sessionWait().toMillis() + "ms"});
            rows.add(new Object[] {rules.database(), "writes.ack", lower(writes.ack())});
            rows.add(new Object[] {rules.database(), "writes.ack-timeout", writes.ackTimeout().toMillis() + "ms"});
            for (GroupRule group : rules.groups().values()) {
                int copies = 1 + group.followers().size();
                rows.add(new Object[] {rules.database(), "guarantee " + group.name(),
                        ConsistencyGuarantee.describe(reads.consistency(), writes.ack(), copies)});
            }
        }
        return LocalResults.of(columns, rows, List.of());
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
