package io.shardgate.engine.replica;

import io.shardgate.engine.backend.BackendServer;
import io.shardgate.engine.observe.FollowerLag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Properties;

/**
 * Watches the servers of one leader–follower group from a thread of its own: every
 * {@code interval} it checks each server over a dedicated connection (not the pools, which may be
 * exhausted) for reachability, read_only, replication threads and GTID position, and derives the
 * group's current leader and each follower's lag. Readers get the last {@link GroupHealth}
 * without blocking.
 *
 * <p>Lag is measured on GTIDs, not only on Seconds_Behind_Master (NULL while a follower's SQL
 * thread is stopped): the monitor remembers when the leader's position changed, and a follower
 * that has not applied a position the leader had at time T is at least {@code now − T} behind;
 * the bound used is the poll before T, so a follower is never reported fresher than it is.
 */
public final class GroupMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupMonitor.class);
    /**
     * Leader positions kept for lag: at most one per check, so at least 1000 checks (8 minutes at
     * 500 ms) back. A follower missing even the oldest is reported that far behind, which is a
     * lower bound then, but far beyond any sensible max-lag.
     */
    private static final int MAX_SAMPLES = 1000;

    private final String group;
    private final List<BackendServer> servers;
    private final Duration interval;
    private final Map<BackendServer, Connection> connections = new HashMap<>();
    private final Map<BackendServer, ReplicationDialect> dialects = new HashMap<>();
    /** Leader positions in the order they were first seen, with the poll time just before. */
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final Thread thread;
    private final Object wakeUp = new Object();
    private volatile GroupHealth health;
    private volatile boolean closed;
    private long lastPollNanos = System.nanoTime();

    private record Sample(String position, long notBeforeNanos) {
    }

    /** @param servers the group's servers as configured: the leader first, then its followers */
    private volatile Consumer<FollowerLag> lagListener;

    public GroupMonitor(String group, List<BackendServer> servers, Duration interval) {
        this.group = group;
        this.servers = List.copyOf(servers);
        this.interval = interval;
        List<ServerHealth> unknown = this.servers.stream().map(ServerHealth::unknown).toList();
        this.health = new GroupHealth(group, this.servers.get(0), false, unknown, null);
        this.thread = new Thread(this::run, "shardgate-health-" + group);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** The last check's view of the group (all servers "not checked yet" before the first). */
    public GroupHealth health() {
        return health;
    }

    /** The dialect of a server once it has been reached, else null. */
    ReplicationDialect dialect(BackendServer server) {
        synchronized (dialects) {
            return dialects.get(server);
        }
    }

    private void run() {
        while (!closed) {
            try {
                check();
            } catch (RuntimeException e) {
                log.warn("health check of group {} failed: {}", group, e.toString());
            }
            synchronized (wakeUp) {
                if (closed) {
                    break;
                }
                try {
                    wakeUp.wait(Math.max(1, interval.toMillis()));
                } catch (InterruptedException e) {
                    break;
                }
            }
        }
        for (Connection connection : connections.values()) {
            closeQuietly(connection);
        }
        connections.clear();
    }

    /** One round: probe every server, then decide who leads and how far behind each follower is. */
    void check() {
        List<Probe> probes = new ArrayList<>();
        for (BackendServer server : servers) {
            probes.add(probe(server));
        }
        long now = System.nanoTime();
        GroupHealth previous = health;
        BackendServer leader = chooseLeader(probes, previous.leader());
        Probe leaderProbe = probes.get(servers.indexOf(leader));
        boolean leaderUp = leaderProbe.reachable && leaderProbe.canLead();
        if (leaderUp && leaderProbe.written != null) {
            remember(leaderProbe.written, lastPollNanos);
        }
        ReplicationDialect leaderDialect = dialect(leader);
        List<ServerHealth> states = new ArrayList<>();
        for (Probe probe : probes) {
            boolean isLeader = probe.server.equals(leader);
            long lag = -1;
            if (!isLeader && probe.reachable && probe.replication != ServerHealth.Replication.NONE) {
                lag = lagMillis(probe, leaderDialect != null ? leaderDialect : dialect(probe.server), now);
            }
            String position = isLeader || probe.replication == ServerHealth.Replication.NONE ? probe.written : probe.applied;
            states.add(new ServerHealth(probe.server, probe.reachable, probe.readOnly, probe.replication, lag,
                    position == null ? "" : position, probe.problem, now));
        }
        if (!leader.equals(previous.leader())) {
            log.warn("group {}: {} now leads the group (was {})", group, leader.describe(), previous.leader().describe());
        }
        lastPollNanos = now;
        health = new GroupHealth(group, leader, leaderUp, List.copyOf(states),
                leaderUp ? null : "leader " + leader.describe() + " is " + describeProblem(leaderProbe));
        Consumer<FollowerLag> listener = lagListener;
        if (listener != null) {
            for (ServerHealth state : states) {
                if (!state.server().equals(leader)) {
                    listener.accept(new FollowerLag(state.server(),
                            state.lagMillis() < 0 ? null : Duration.ofMillis(state.lagMillis())));
                }
            }
        }
    }

    /** Where each round's follower lags go (the engine's observers: metrics). */
    void reportLag(Consumer<FollowerLag> listener) {
        this.lagListener = listener;
    }

    private static String describeProblem(Probe probe) {
        if (!probe.reachable) {
            return "down (" + probe.problem + ")";
        }
        return probe.readOnly ? "read-only (read_only=ON), no writable server in the group"
                : "replicating from another server, no writable server in the group";
    }

    /**
     * The configured leader while it can lead; else the current leader while it can; else the
     * first follower that was promoted outside Shardgate (writable, replication stopped). With
     * no such server the current leader stays, so errors name the server that should be there.
     */
    private BackendServer chooseLeader(List<Probe> probes, BackendServer current) {
        if (probes.get(0).canLead()) {
            return servers.get(0);
        }
        Probe currentProbe = probes.get(servers.indexOf(current));
        if (currentProbe.canLead()) {
            return current;
        }
        for (Probe probe : probes) {
            if (probe.canLead()) {
                return probe.server;
            }
        }
        return current;
    }

    private void remember(String position, long notBefore) {
        if (samples.isEmpty() || !samples.peekLast().position.equals(position)) {
            samples.addLast(new Sample(position, notBefore));
            while (samples.size() > MAX_SAMPLES) {
                samples.removeFirst();
            }
        }
    }

    private long lagMillis(Probe follower, ReplicationDialect dialect, long now) {
        long gtidLag = 0;
        if (dialect != null && follower.applied != null) {
            Iterator<Sample> newestFirst = samples.descendingIterator();
            Sample oldestMissing = null;
            while (newestFirst.hasNext()) {
                Sample sample = newestFirst.next();
                if (safeCovers(dialect, follower.applied, sample.position)) {
                    break;
                }
                oldestMissing = sample;
            }
            if (oldestMissing != null) {
                gtidLag = Math.max(0, (now - oldestMissing.notBeforeNanos) / 1_000_000);
            }
        }
        long reported = follower.secondsBehind == null ? 0 : follower.secondsBehind * 1000;
        return Math.max(gtidLag, reported);
    }

    private static boolean safeCovers(ReplicationDialect dialect, String applied, String wanted) {
        try {
            return dialect.covers(applied, wanted);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ---- probing one server -----------------------------------------------------------------------

    private static final class Probe {
        final BackendServer server;
        boolean reachable;
        boolean readOnly = true;
        ServerHealth.Replication replication = ServerHealth.Replication.NONE;
        Long secondsBehind;
        String written;
        String applied;
        String problem;

        Probe(BackendServer server) {
            this.server = server;
        }

        boolean canLead() {
            return reachable && !readOnly && (replication == ServerHealth.Replication.NONE
                    || replication == ServerHealth.Replication.STOPPED);
        }
    }

    private Probe probe(BackendServer server) {
        Probe probe = new Probe(server);
        try {
            Connection connection = connection(server);
            ReplicationDialect dialect = dialect(server);
            try (Statement statement = connection.createStatement()) {
                try (ResultSet row = statement.executeQuery("SELECT @@GLOBAL.read_only")) {
                    probe.readOnly = row.next() && row.getInt(1) != 0;
                }
                try (ResultSet row = statement.executeQuery(dialect.replicaStatusSql())) {
                    if (row.next()) {
                        ReplicationDialect.ReplicaStatus status = dialect.replicaStatus(row);
                        probe.secondsBehind = status.secondsBehind();
                        if (status.error() != null) {
                            probe.replication = ServerHealth.Replication.BROKEN;
                            probe.problem = status.error();
                        } else if (status.sqlRunning() && (status.ioRunning() || status.ioConnecting())) {
                            probe.replication = ServerHealth.Replication.RUNNING;
                        } else if (status.ioRunning() || status.ioConnecting()) {
                            probe.replication = ServerHealth.Replication.PAUSED;
                        } else if (status.sqlRunning()) {
                            probe.replication = ServerHealth.Replication.RUNNING;
                        } else {
                            probe.replication = ServerHealth.Replication.STOPPED;
                        }
                    }
                }
                probe.written = single(statement, dialect.writtenPositionSql());
                probe.applied = single(statement, dialect.appliedPositionSql());
            }
            probe.reachable = true;
        } catch (SQLException e) {
            probe.reachable = false;
            probe.problem = e.getMessage();
            Connection broken = connections.remove(server);
            if (broken != null) {
                closeQuietly(broken);
            }
        }
        return probe;
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private Connection connection(BackendServer server) throws SQLException {
        Connection connection = connections.get(server);
        if (connection != null) {
            return connection;
        }
        Properties properties = new Properties();
        if (server.source().user() != null) {
            properties.setProperty("user", server.source().user());
        }
        if (server.source().password() != null) {
            properties.setProperty("password", server.source().password());
        }
        // a server that hangs must not hold the whole group's check: these bound each probe
        long timeout = Math.max(500, interval.toMillis() * 2);
        properties.setProperty("connectTimeout", String.valueOf(timeout));
        properties.setProperty("socketTimeout", String.valueOf(timeout * 2));
        connection = DriverManager.getConnection(server.source().url(), properties);
        String version;
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SELECT VERSION()")) {
            version = row.next() ? row.getString(1) : "";
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
        synchronized (dialects) {
            dialects.put(server, ReplicationDialect.forVersion(version));
        }
        connections.put(server, connection);
        return connection;
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a health-check connection: nothing to save
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
