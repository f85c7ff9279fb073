package io.shardgate.engine.replica;

import io.shardgate.engine.backend.BackendServer;
import io.shardgate.engine.backend.Backends;
import io.shardgate.engine.backend.SessionVariables;
import io.shardgate.engine.execute.ConnectionSource;
import io.shardgate.engine.execute.Lease;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.config.ReadRule;
import io.shardgate.rules.route.RouteUnit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connections for one autocommit statement, split by role: a leader unit gets the group's current
 * leader; a read unit gets a follower when the consistency level allows one, else the leader.
 * <ul>
 * <li>eventual: the first readable follower by {@code reads.balance};</li>
 * <li>bounded: the same among followers whose lag is within {@code reads.max-lag};</li>
 * <li>session: a follower known to have the session's last write in the group; else one that
 * reaches it within {@code reads.session-wait} (waited on that follower); else the leader;</li>
 * <li>strong: the leader's position is read on the leader, then a follower known or checked to
 * have it; else the leader (whose connection is already at hand).</li>
 * </ul>
 * Write units remember the position of what they committed ({@link #written()}).
 */
public final class ReadWriteConnections implements ConnectionSource {

    private final Replicas replicas;
    private final Backends backends;
    private final SessionVariables variables;
    private final boolean oneAtATimePerGroup;
    private final boolean write;
    private final SessionPositions positions;
    private final ReadRule.Consistency consistency;
    private final Map<String, String> written = new ConcurrentHashMap<>();

    ReadWriteConnections(Replicas replicas, SessionVariables variables, boolean oneAtATimePerGroup, boolean write,
                         SessionPositions positions, ReadRule.Consistency consistency) {
        this.replicas = replicas;
        this.backends = replicas.backends();
        this.variables = variables;
        this.oneAtATimePerGroup = oneAtATimePerGroup;
        this.write = write;
        this.positions = positions;
        this.consistency = consistency;
    }

    /** The position each group's leader committed this statement's write at (write statements only). */
    public Map<String, String> written() {
        return Map.copyOf(written);
    }

    @Override
    public Object lane(RouteUnit unit, int index) {
        return oneAtATimePerGroup ? unit.group() : index;
    }

    @Override
    public Lease lease(RouteUnit unit) {
        GroupHealth health = replicas.health(unit.group());
        if (unit.role() == RouteUnit.Role.LEADER || health == null) {
            BackendServer leader = backends.leader(unit.group());
            // a write's position matters only where followers could serve the session's reads or ack it
            boolean recordsCommit = write && health != null && health.servers().size() > 1;
            return new PooledLease(leader, backends.connect(leader, variables), recordsCommit);
        }
        List<BackendServer> followers = replicas.readableFollowers(health);
        if (consistency == ReadRule.Consistency.BOUNDED) {
            followers = Replicas.withinLag(health, followers, replicas.reads().maxLag());
        }
        followers = replicas.chooser().order(unit.group(), followers);
        return switch (consistency) {
            case EVENTUAL, BOUNDED -> firstReachable(followers, unit.group());
            case SESSION -> readOwnWrites(unit.group(), health, followers);
            case STRONG -> strong(unit.group(), health, followers);
        };
    }

    /**
     * The server {@link #lease} would read {@code unit} from, when choosing it needs no round trip
     * (no wait for a GTID position, no read of the leader's position); null when it does. For a
     * front end that runs the statement over its own connection to that server (the proxy's direct lane).
     */
    public BackendServer chooseWithoutWaiting(RouteUnit unit) {
        GroupHealth health = replicas.health(unit.group());
        BackendServer leader = backends.leader(unit.group());
        if (unit.role() == RouteUnit.Role.LEADER || health == null) {
            return leader;
        }
        List<BackendServer> followers = replicas.readableFollowers(health);
        if (followers.isEmpty()) {
            return leader; // what every level falls back to
        }
        if (consistency == ReadRule.Consistency.BOUNDED) {
            followers = Replicas.withinLag(health, followers, replicas.reads().maxLag());
        }
        followers = replicas.chooser().order(unit.group(), followers);
        String wanted = consistency == ReadRule.Consistency.SESSION ? positions.lastWrite(unit.group()) : null;
        return switch (consistency) {
            case EVENTUAL, BOUNDED -> followers.isEmpty() ? leader : followers.get(0);
            case SESSION -> wanted == null ? (followers.isEmpty() ? leader : followers.get(0))
                    : followers.stream().filter(f -> covers(f, health.of(f).position(), wanted)).findFirst()
                    .orElse(null);
            case STRONG -> null;
        };
    }

    private Lease firstReachable(List<BackendServer> followers, String group) {
        for (BackendServer follower : followers) {
            Lease lease = tryConnect(follower);
            if (lease != null) {
                return lease;
            }
        }
        BackendServer leader = backends.leader(group);
        return new PooledLease(leader, backends.connect(leader, variables), false);
    }

    private Lease readOwnWrites(String group, GroupHealth health, List<BackendServer> followers) {
        String wanted = positions.lastWrite(group);
        if (wanted == null) {
            return firstReachable(followers, group);
        }
        List<BackendServer> caughtUp = followers.stream().filter(f -> covers(f, health.of(f).position(), wanted)).toList();
        if (!caughtUp.isEmpty()) {
            return firstReachable(caughtUp, group);
        }
        if (!followers.isEmpty()) {
            // none is known to have it yet: wait on the one least behind, the likeliest to get there
            BackendServer nearest = followers.stream()
                    .min(java.util.Comparator.comparingLong(f -> lagOrMax(health.of(f)))).orElseThrow();
            Lease lease = tryConnect(nearest);
            if (lease != null) {
                if (waitFor(lease, wanted, replicas.reads().sessionWait().toMillis() / 1000.0)) {
                    return lease;
                }
                lease.release();
            }
        }
        BackendServer leader = backends.leader(group);
        return new PooledLease(leader, backends.connect(leader, variables), false);
    }

    private Lease strong(String group, GroupHealth health, List<BackendServer> followers) {
        BackendServer leader = backends.leader(group);
        PooledLease onLeader = new PooledLease(leader, backends.connect(leader, variables), false);
        if (followers.isEmpty()) {
            return onLeader;
        }
        String position;
        try {
            ReplicationDialect dialect = replicas.dialectOf(leader, onLeader.connection());
            try (Statement statement = onLeader.connection().createStatement();
                 ResultSet row = statement.executeQuery(dialect.writtenPositionSql())) {
                position = row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            return onLeader; // the read itself will report what is wrong with the leader
        }
        if (position == null) {
            return onLeader;
        }
        for (BackendServer follower : followers) {
            if (covers(follower, health.of(follower).position(), position)) {
                Lease lease = tryConnect(follower);
                if (lease != null) {
                    onLeader.release();
                    return lease;
                }
            }
        }
        Lease lease = tryConnect(followers.get(0));
        if (lease != null) {
            if (waitFor(lease, position, 0)) {
                onLeader.release();
                return lease;
            }
            lease.release();
        }
        return onLeader;
    }

    private static long lagOrMax(ServerHealth health) {
        return health.lagMillis() < 0 ? Long.MAX_VALUE : health.lagMillis();
    }

    private boolean covers(BackendServer follower, String applied, String wanted) {
        ReplicationDialect dialect = replicas.dialect(follower);
        if (dialect == null) {
            return false;
        }
        try {
            return dialect.covers(applied, wanted);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Waits on the follower itself until it has applied {@code position}, at most {@code seconds}. */
    private boolean waitFor(Lease lease, String position, double seconds) {
        try {
            ReplicationDialect dialect = replicas.dialectOf(lease.server(), lease.connection());
            try (PreparedStatement wait = lease.connection().prepareStatement(dialect.waitSql())) {
                wait.setString(1, position);
                wait.setDouble(2, seconds);
                try (ResultSet row = wait.executeQuery()) {
                    return row.next() && !row.wasNull() && dialect.reached(row.getLong(1));
                }
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private Lease tryConnect(BackendServer follower) {
        try {
            return new PooledLease(follower, backends.connect(follower, variables), false);
        } catch (ShardgateException e) {
            if (e.code() != ErrorCode.BACKEND_UNAVAILABLE) {
                throw e;
            }
            return null; // the next follower, or the leader, serves the read
        }
    }

    /** A pooled connection; for a write, the position it committed is read before it goes back. */
    private final class PooledLease implements Lease {
        private final BackendServer server;
        private final Connection connection;
        private final boolean recordsCommit;
        private boolean released;

        PooledLease(BackendServer server, Connection connection, boolean recordsCommit) {
            this.server = server;
            this.connection = connection;
            this.recordsCommit = recordsCommit;
        }

        @Override
        public Connection connection() {
            return connection;
        }

        @Override
        public BackendServer server() {
            return server;
        }

        @Override
        public boolean shared() {
            return false;
        }

        @Override
        public void release() {
            if (released) {
                return;
            }
            released = true;
            if (recordsCommit) {
                String position = replicas.lastCommit(server, connection);
                if (position != null && !position.isBlank()) {
                    written.put(server.group(), position);
                }
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the pool discards a connection it cannot take back
            }
        }
    }
}
