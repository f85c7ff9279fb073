package io.shardgate.engine.replica;

import io.shardgate.engine.backend.BackendServer;
import io.shardgate.engine.backend.Backends;
import io.shardgate.engine.backend.ServerStates;
import io.shardgate.engine.backend.SessionVariables;
import io.shardgate.engine.transaction.Transaction;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.config.GroupRule;
import io.shardgate.rules.config.ReadRule;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.config.WriteRule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The leader–follower side of one logical database: a {@link GroupMonitor} per group of MySQL or
 * MariaDB servers, the choice of the server for each read under the consistency level
 * (DESIGN §4), write acknowledgement by followers ({@code writes.ack}), and what SHOW SHARDGATE
 * GROUPS and RULES print. Groups of other servers (H2) keep every statement on their leader.
 * Thread-safe.
 */
public final class Replicas implements ServerStates, AutoCloseable {

    /** How often each group's servers are checked. */
    public static final Duration CHECK_INTERVAL = Duration.ofMillis(500);

    private final RuleSet rules;
    private final Backends backends;
    private final Map<String, GroupMonitor> monitors = new LinkedHashMap<>();
    private final FollowerChooser chooser;
    private final ExecutorService waiters;

    public Replicas(RuleSet rules, Backends backends) {
        this(rules, backends, CHECK_INTERVAL);
    }

    public Replicas(RuleSet rules, Backends backends, Duration interval) {
        this.rules = rules;
        this.backends = backends;
        this.chooser = new FollowerChooser(reads().balance());
        for (GroupRule group : rules.groups().values()) {
            List<BackendServer> servers = backends.servers(group.name());
            if (servers.stream().allMatch(s -> s.dialect().understandsMysqlVariables())) {
                monitors.put(group.name(), new GroupMonitor(group.name(), servers, interval));
            }
        }
        AtomicInteger count = new AtomicInteger();
        this.waiters = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "shardgate-ack-" + rules.database() + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        if (!monitors.isEmpty()) {
            backends.attach(this);
            monitors.values().forEach(GroupMonitor::start);
        }
    }

    /** Reports every monitoring round's follower lags to {@code listener} (the engine's observers). */
    public void reportLag(java.util.function.Consumer<io.shardgate.engine.observe.FollowerLag> listener) {
        monitors.values().forEach(monitor -> monitor.reportLag(listener));
    }

    ReadRule reads() {
        return rules.reads() == null ? ReadRule.DEFAULT : rules.reads();
    }

    WriteRule writes() {
        return rules.writes() == null ? WriteRule.DEFAULT : rules.writes();
    }

    Backends backends() {
        return backends;
    }

    /** The last health check of {@code group}, or null when its servers are not monitored. */
    public GroupHealth health(String group) {
        GroupMonitor monitor = monitors.get(group);
        return monitor == null ? null : monitor.health();
    }

    /** Every monitored group's last health check, in rule-file order. */
    public List<GroupHealth> health() {
        return monitors.values().stream().map(GroupMonitor::health).toList();
    }

    ReplicationDialect dialect(BackendServer server) {
        GroupMonitor monitor = monitors.get(server.group());
        return monitor == null ? null : monitor.dialect(server);
    }

    /**
     * Connections for one autocommit statement: leader units on the group's current leader, read
     * units on a follower where {@code consistency} allows.
     *
     * @param write whether the statement writes (its GTID is recorded for the session and acknowledged)
     */
    public ReadWriteConnections connections(SessionVariables variables, boolean oneAtATimePerGroup, boolean write,
                                            SessionPositions positions, ReadRule.Consistency consistency) {
        return new ReadWriteConnections(this, variables, oneAtATimePerGroup, write, positions, consistency);
    }

    /** The consistency level of a statement: its {@code consistency=…} hint, else the database's. */
    public ReadRule.Consistency consistency(Map<String, String> hints) {
        String hinted = hints.get("consistency");
        if (hinted == null) {
            return reads().consistency();
        }
        try {
            return ReadRule.Consistency.valueOf(hinted.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ShardgateException(ErrorCode.ROUTE_ERROR, "hint consistency=" + hinted
                    + " is not a consistency level; use strong, session, bounded or eventual");
        }
    }

    /** The acknowledgement a write needs: its {@code ack=…} hint, else the database's {@code writes.ack}. */
    public WriteRule.Ack ack(Map<String, String> hints) {
        String hinted = hints.get("ack");
        if (hinted == null) {
            return writes().ack();
        }
        try {
            return WriteRule.Ack.valueOf(hinted.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ShardgateException(ErrorCode.ROUTE_ERROR, "hint ack=" + hinted
                    + " is not an acknowledgement level; use leader, quorum or all");
        }
    }

    /**
     * Waits until enough followers of each group have applied the write's position ({@code ack});
     * fails with ACK_TIMEOUT, saying the write is committed on the leader, when they do not within
     * {@code writes.ack-timeout}.
     */
    public void acknowledge(Map<String, String> positionsByGroup, WriteRule.Ack ack) {
        if (ack == WriteRule.Ack.LEADER || positionsByGroup.isEmpty()) {
            return;
        }
        new WriteAcknowledgement(this, waiters).await(positionsByGroup, ack, writes().ackTimeout());
    }

    /**
     * After an autocommit write: remembers each group's commit position for the session and waits
     * for the acknowledgement the statement needs (its {@code ack} hint, else writes.ack).
     */
    public void afterWrite(ReadWriteConnections connections, SessionPositions positions, Map<String, String> hints) {
        Map<String, String> written = connections.written();
        positions.wrote(written);
        acknowledge(written, ack(hints));
    }

    /**
     * Commits an explicit transaction; for the groups it wrote to, reads each commit's position
     * before the connection goes back to its pool, remembers it for the session, and waits for
     * writes.ack.
     */
    public void commit(Transaction transaction, Set<String> writtenGroups, SessionPositions positions) {
        if (writtenGroups.isEmpty()) {
            transaction.commit();
            return;
        }
        Map<String, String> committed = new LinkedHashMap<>();
        transaction.observeCommits((leader, connection) -> {
            if (writtenGroups.contains(leader.group())) {
                String position = lastCommit(leader, connection);
                if (position != null) {
                    committed.put(leader.group(), position);
                }
            }
        });
        transaction.commit();
        positions.wrote(committed);
        acknowledge(committed, writes().ack());
    }

    /** Reads the position of the transaction {@code connection} just committed, or null when it cannot be known. */
    String lastCommit(BackendServer server, Connection connection) {
        if (!monitors.containsKey(server.group())) {
            return null;
        }
        try {
            ReplicationDialect dialect = dialectOf(server, connection);
            try (var statement = connection.createStatement(); var row = statement.executeQuery(dialect.lastCommitSql())) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    ReplicationDialect dialectOf(BackendServer server, Connection connection) throws SQLException {
        ReplicationDialect known = dialect(server);
        return known != null ? known : ReplicationDialect.forVersion(connection.getMetaData().getDatabaseProductVersion());
    }

    /** The followers of {@code group} that reads may go to now: up, replicating, not the current leader. */
    List<BackendServer> readableFollowers(GroupHealth health) {
        List<BackendServer> readable = new ArrayList<>();
        for (ServerHealth server : health.servers()) {
            if (!server.server().equals(health.leader()) && server.servesReads()) {
                readable.add(server.server());
            }
        }
        return readable;
    }

    FollowerChooser chooser() {
        return chooser;
    }

    // ---- ServerStates -------------------------------------------------------------------------------

    @Override
    public BackendServer leader(String group) {
        GroupHealth health = health(group);
        return health == null ? null : health.leader();
    }

    @Override
    public BackendServer reader(String group) {
        GroupHealth health = health(group);
        ReadRule.Consistency level = reads().consistency();
        if (health == null || level == ReadRule.Consistency.STRONG) {
            return null;
        }
        List<BackendServer> followers = readableFollowers(health);
        if (level == ReadRule.Consistency.BOUNDED) {
            followers = withinLag(health, followers, reads().maxLag());
        }
        List<BackendServer> ordered = chooser.order(group, followers);
        return ordered.isEmpty() ? null : ordered.get(0);
    }

    static List<BackendServer> withinLag(GroupHealth health, List<BackendServer> followers, Duration maxLag) {
        return followers.stream().filter(s -> {
            long lag = health.of(s).lagMillis();
            return lag >= 0 && lag <= maxLag.toMillis();
        }).toList();
    }

    @Override
    public String unavailable(BackendServer server) {
        GroupHealth health = health(server.group());
        ServerHealth state = health == null ? null : health.of(server);
        if (state == null || !state.checked() || state.reachable()) {
            return null;
        }
        long ago = Math.max(0, (System.nanoTime() - state.checkedAtNanos()) / 1_000_000);
        String why = "a health check " + ago + " ms ago found it down (" + state.problem() + ")";
        if (server.equals(health.leader())) {
            return why + "; writes to group " + server.group() + " fail until it is back or a follower is promoted "
                    + "(read_only=OFF, replication stopped); reads that the consistency level allows go to followers";
        }
        return why;
    }

    @Override
    public void close() {
        for (GroupMonitor monitor : monitors.values()) {
            monitor.close();
        }
        waiters.shutdownNow();
    }
}
