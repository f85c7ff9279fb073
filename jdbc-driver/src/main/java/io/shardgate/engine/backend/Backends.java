package io.shardgate.engine.backend;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.config.GroupRule;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.route.RouteUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backend servers of one logical database and their connection pools: one HikariCP pool per
 * server (each group's leader and each follower), created on first use and closed by
 * {@link #close()}. Thread-safe.
 */
public final class Backends implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Backends.class);

    private final RuleSet rules;
    private final Map<String, List<BackendServer>> serversByGroup = new LinkedHashMap<>();
    private final Map<BackendServer, HikariDataSource> pools = new LinkedHashMap<>();
    private final VariableReplay replay = new VariableReplay();
    private boolean closed;
    private volatile ServerStates states;

    public Backends(RuleSet rules) {
        this.rules = rules;
        for (GroupRule group : rules.groups().values()) {
            List<BackendServer> servers = new ArrayList<>();
            servers.add(new BackendServer(rules.database(), group.name(), BackendServer.LEADER, group.leader()));
            for (int i = 0; i < group.followers().size(); i++) {
                servers.add(new BackendServer(rules.database(), group.name(), i, group.followers().get(i)));
            }
            serversByGroup.put(group.name(), List.copyOf(servers));
        }
    }

    /** Every server, groups in rule-file order, each leader before its followers. */
    public List<BackendServer> servers() {
        return serversByGroup.values().stream().flatMap(List::stream).toList();
    }

    /** The group's current leader: the configured one, or a follower promoted outside Shardgate. */
    public BackendServer leader(String group) {
        List<BackendServer> servers = serversOf(group);
        ServerStates known = states;
        BackendServer current = known == null ? null : known.leader(group);
        return current != null ? current : servers.get(0);
    }

    /** The configured servers of {@code group}: its leader first, then its followers. */
    public List<BackendServer> servers(String group) {
        return serversOf(group);
    }

    /**
     * The server that runs a plain read on {@code group} without session context: a follower the
     * health checks allow under the database's consistency level, else the leader. Session-aware
     * choices (read-your-writes, strong) are made by {@code io.shardgate.engine.replica.Replicas}.
     */
    public BackendServer reader(String group) {
        ServerStates known = states;
        BackendServer reader = known == null ? null : known.reader(group);
        return reader != null ? reader : leader(group);
    }

    /** Lets health checks decide leaders and fail statements to servers known to be down at once. */
    public void attach(ServerStates states) {
        this.states = states;
    }

    /** The server a route unit needs: the leader for {@link RouteUnit.Role#LEADER}, else {@link #reader}. */
    public BackendServer serverFor(RouteUnit unit) {
        return unit.role() == RouteUnit.Role.LEADER ? leader(unit.group()) : reader(unit.group());
    }

    /**
     * A pooled connection to {@code server} in autocommit mode; the caller closes it to give it
     * back. Fails with BACKEND_UNAVAILABLE naming the server when none can be had within the
     * group's connection timeout.
     */
    public Connection connect(BackendServer server) {
        ServerStates known = states;
        String down = known == null ? null : known.unavailable(server);
        if (down != null) {
            throw new ShardgateException(ErrorCode.BACKEND_UNAVAILABLE, server.describe() + " is unavailable: " + down);
        }
        HikariDataSource pool = pool(server);
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ShardgateException(ErrorCode.BACKEND_UNAVAILABLE, e,
                    server.describe() + " is unavailable: " + cause.getMessage()
                            + "; check that the server is up and reachable, or raise pool.max-size / "
                            + "pool.connection-timeout of group " + server.group());
        }
    }

    /**
     * A pooled connection to {@code server} with the session's variables applied (only what differs
     * from the connection's current state is sent). A SET the backend refuses fails the statement
     * with the backend's error.
     */
    public Connection connect(BackendServer server, SessionVariables variables) {
        Connection connection = connect(server);
        try {
            replay.apply(connection, server.dialect(), variables);
            return connection;
        } catch (SQLException e) {
            replay.forget(connection);
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the replay error is the one to report
            }
            throw new io.shardgate.engine.BackendException(server.group(), e.getMessage()
                    + " (while restoring the session's variables on " + server.describe() + ")", e);
        }
    }

    /** Forgets the variables recorded for {@code connection}, whose state is no longer known. */
    public void forgetVariables(Connection connection) {
        replay.forget(connection);
    }

    /**
     * Takes a lent-out connection of {@code server} out of use for good: its session is closed at
     * once (the server rolls back what it had open) and the pool never lends it again. For a
     * connection whose server-side state is unknown, e.g. after a failed XA statement.
     */
    public void discard(BackendServer server, Connection connection) {
        replay.forget(connection);
        HikariDataSource pool;
        synchronized (this) {
            pool = pools.get(server);
        }
        try {
            if (pool != null) {
                pool.evictConnection(connection);
            }
        } catch (RuntimeException e) {
            // not one of this pool's connections: aborting it below is all there is to do
        }
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            // already closed: nothing left to discard
        }
    }

    /** Whether the pool of {@code server} has been started (pools start on first use). */
    public synchronized boolean isStarted(BackendServer server) {
        return pools.containsKey(server);
    }

    /** Connections of {@code server} currently lent out (0 when its pool has not started), for metrics and tests. */
    public synchronized int activeConnections(BackendServer server) {
        HikariDataSource pool = pools.get(server);
        return pool == null || pool.getHikariPoolMXBean() == null ? 0 : pool.getHikariPoolMXBean().getActiveConnections();
    }

    /** The pool size of {@code server}'s group (pool.max-size). */
    public int maxConnections(BackendServer server) {
        GroupRule.Pool sizes = rules.groups().get(server.group()).pool();
        return (sizes == null ? GroupRule.Pool.DEFAULT : sizes).maxSize();
    }

    /** Active, idle and pending connections of {@code server}'s pool, for metrics. */
    public synchronized PoolUsage poolUsage(BackendServer server) {
        HikariDataSource pool = pools.get(server);
        if (pool == null || pool.getHikariPoolMXBean() == null) {
            return PoolUsage.NOT_STARTED;
        }
        com.zaxxer.hikari.HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        return new PoolUsage(bean.getActiveConnections(), bean.getIdleConnections(), bean.getThreadsAwaitingConnection(),
                pool.getMaximumPoolSize());
    }

    public RuleSet rules() {
        return rules;
    }

    private List<BackendServer> serversOf(String group) {
        List<BackendServer> servers = serversByGroup.get(group);
        if (servers == null) {
            throw new ShardgateException(ErrorCode.ROUTE_ERROR, "group '" + group + "' is not defined in "
                    + rules.source() + "; known groups: " + String.join(", ", serversByGroup.keySet()));
        }
        return servers;
    }

    private synchronized HikariDataSource pool(BackendServer server) {
        if (closed) {
            throw new ShardgateException(ErrorCode.BACKEND_UNAVAILABLE,
                    "the engine is closed; " + server.describe() + " can no longer be used");
        }
        HikariDataSource pool = pools.get(server);
        if (pool == null) {
            pool = new HikariDataSource(config(server));
            pools.put(server, pool);
            log.info("started pool {} for {}", server.poolName(), server.describe());
        }
        return pool;
    }

    private HikariConfig config(BackendServer server) {
        GroupRule.Pool sizes = rules.groups().get(server.group()).pool();
        if (sizes == null) {
            sizes = GroupRule.Pool.DEFAULT;
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName(server.poolName());
        config.setJdbcUrl(server.source().url());
        config.setUsername(server.source().user());
        config.setPassword(server.source().password());
        config.setMaximumPoolSize(sizes.maxSize());
        config.setMinimumIdle(sizes.minIdle());
        config.setConnectionTimeout(Math.max(250, sizes.connectionTimeout().toMillis()));
        config.setAutoCommit(true);
        // A server that is down at first use must cost the statement, not the pool: connection
        // errors surface from getConnection() (as BACKEND_UNAVAILABLE), and the pool keeps retrying.
        config.setInitializationFailTimeout(-1);
        if (server.dialect() == BackendDialect.MYSQL) {
            // Connector/J sends SET net_write_timeout before and after every streaming result
            // (fetch size MIN_VALUE, how the engine reads): two extra round trips per SELECT,
            // a tenth of the point-select throughput. 0 keeps the server's net_write_timeout.
            config.addDataSourceProperty("netTimeoutForStreamingResults", "0");
            // The engine sends the same few rewritten statements over and over: Connector/J then
            // parses each text once per connection instead of once per execution (a seventh of a
            // point select's client CPU). Client-side prepares only: nothing changes on the wire.
            config.addDataSourceProperty("cachePrepStmts", "true");
            config.addDataSourceProperty("prepStmtCacheSize", "256");
            config.addDataSourceProperty("prepStmtCacheSqlLimit", "4096");
        }
        return config;
    }

    /** Closes every started pool; open connections are closed as they are given back. */
    @Override
    public void close() {
        List<HikariDataSource> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(pools.values());
            pools.clear();
        }
        for (HikariDataSource pool : toClose) {
            try {
                pool.close();
            } catch (RuntimeException e) {
                log.warn("closing pool {} failed: {}", pool.getPoolName(), e.toString());
            }
        }
    }
}
