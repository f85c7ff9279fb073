package io.shardgate.engine.transaction;

import io.shardgate.engine.BackendException;
import io.shardgate.engine.EngineWarning;
import io.shardgate.engine.backend.BackendServer;
import io.shardgate.engine.backend.Backends;
import io.shardgate.engine.backend.SessionVariables;
import io.shardgate.engine.execute.ConnectionSource;
import io.shardgate.engine.execute.Lease;
import io.shardgate.engine.transaction.xa.XaCoordinator;
import io.shardgate.engine.transaction.xa.XaTransaction;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.config.Policies;
import io.shardgate.rules.route.RouteFlag;
import io.shardgate.rules.route.RouteUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An open transaction of one session: one leader connection per group it touched (held, in
 * manual-commit mode, until COMMIT or ROLLBACK), in the order the groups joined, and its
 * savepoints. When a statement brings in a second group, the database's
 * {@code cross-shard-transaction} policy decides: {@code reject} rolls everything back and fails;
 * {@code best-effort} goes on with a warning, and COMMIT then commits group by group (not atomic);
 * {@code xa} goes on with a warning too, but every group's work is an XA branch from its first
 * statement on, and COMMIT is atomic ({@link XaTransaction}: two-phase across groups, one phase on
 * one group). Not thread-safe.
 */
public final class Transaction implements ConnectionSource {

    private static final Logger log = LoggerFactory.getLogger(Transaction.class);

    private final SessionVariables variables;
    private final Integer isolation;
    private Backends backends;
    private Policies.CrossShardTransaction policy;
    private String database;
    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, Integer> joinedAtSavepoint = new HashMap<>();
    private final List<String> savepoints = new ArrayList<>();
    private boolean ended;
    private java.util.function.BiConsumer<BackendServer, Connection> commitObserver;
    /** The XA branches under policy xa (null otherwise). */
    private XaTransaction xa;
    /** Finds deadlocks across groups (null: not watched); reads the fields below from its own thread. */
    private DeadlockDetector detector;
    private final Map<String, ServerThread> threads = new java.util.concurrent.ConcurrentHashMap<>();
    private final long startedNanos = System.nanoTime();
    private volatile long runningSince;
    private volatile String deadlock;

    /** The server thread behind this transaction's connection to one group. */
    record ServerThread(BackendServer server, long id) {
    }

    /**
     * @param isolation isolation level for this transaction only (SET TRANSACTION ISOLATION LEVEL
     *                  without SESSION), or null to use the session's
     */
    public Transaction(SessionVariables variables, Integer isolation) {
        this.variables = variables;
        this.isolation = isolation;
    }

    /**
     * Binds the transaction to the logical database of its first statement; a transaction stays
     * in one logical database (their groups and policies differ).
     */
    public void bind(String database, Backends backends, Policies.CrossShardTransaction policy) {
        bind(database, backends, policy, null, null);
    }

    /**
     * As {@link #bind(String, Backends, Policies.CrossShardTransaction)}, with the database's XA
     * coordinator, which policy xa needs (null under the other policies), and its deadlock
     * detector (null: deadlocks across groups end at the servers' lock wait timeout).
     */
    public void bind(String database, Backends backends, Policies.CrossShardTransaction policy,
                     XaCoordinator coordinator, DeadlockDetector detector) {
        if (this.database == null) {
            this.detector = detector;
            if (policy == Policies.CrossShardTransaction.XA && coordinator == null) {
                throw new IllegalArgumentException("policy xa needs the database's XA coordinator");
            }
            this.database = database;
            this.backends = backends;
            this.policy = policy;
            this.xa = policy == Policies.CrossShardTransaction.XA ? coordinator.begin() : null;
        } else if (!this.database.equals(database)) {
            throw new ShardgateException(ErrorCode.NOT_SUPPORTED, "a transaction across logical databases ("
                    + this.database + " and " + database + "); COMMIT before using the other database");
        }
    }

    /** The logical database the transaction runs in, or null before its first statement. */
    public String database() {
        return database;
    }

    /** Groups touched so far, in the order they joined. */
    public Set<String> groups() {
        return new LinkedHashSet<>(connections.keySet());
    }

    /**
     * Makes sure the transaction holds a leader connection on each of {@code groups}, applying the
     * cross-shard policy when that makes it span more than one group.
     *
     * @param flagged whether the statement's route plan already carries a CROSS_SHARD_TRANSACTION flag
     * @return the warnings to add to the statement
     */
    public List<EngineWarning> join(List<String> groups, boolean flagged) {
        if (backends == null) {
            throw new IllegalStateException("bind() the transaction to its database first");
        }
        List<String> fresh = groups.stream().filter(g -> !connections.containsKey(g)).distinct().toList();
        if (fresh.isEmpty()) {
            return List.of();
        }
        List<EngineWarning> warnings = new ArrayList<>();
        Set<String> spanned = new LinkedHashSet<>(connections.keySet());
        spanned.addAll(fresh);
        if (spanned.size() > 1) {
            String policyName = policy.name().toLowerCase(Locale.ROOT).replace('_', '-');
            switch (policy) {
                case REJECT -> {
                    List<String> before = new ArrayList<>(connections.keySet());
                    rollback();
                    String what = before.isEmpty()
                            ? "this statement needs groups " + String.join(", ", fresh) + " in one transaction"
                            : "the transaction used group(s) " + String.join(", ", before)
                            + " and this statement needs group(s) " + String.join(", ", fresh);
                    throw new ShardgateException(ErrorCode.CROSS_SHARD_TRANSACTION_REJECTED, "cross-shard "
                            + "transaction rejected by policy cross-shard-transaction=reject of database " + database
                            + ": " + what + "; the transaction was rolled back. Keep a transaction's statements on "
                            + "one shard (the same shard-key value), or set policies.cross-shard-transaction: "
                            + "best-effort");
                }
                case BEST_EFFORT -> {
                    if (!flagged) {
                        warnings.add(warning("cross-shard transaction: the open transaction now spans groups "
                                + String.join(", ", spanned) + "; COMMIT runs group by group and is not atomic "
                                + "(policy cross-shard-transaction=" + policyName + ")"));
                    }
                }
                case XA -> {
                    if (!flagged) {
                        warnings.add(warning("cross-shard transaction: the open transaction now spans groups "
                                + String.join(", ", spanned) + "; COMMIT is atomic, by XA two-phase commit "
                                + "(policy cross-shard-transaction=" + policyName + ")"));
                    }
                }
            }
        }
        for (String group : fresh) {
            BackendServer leader = backends.leader(group);
            Connection connection = backends.connect(leader, variables);
            try {
                if (isolation != null) {
                    connection.setTransactionIsolation(isolation);
                }
                if (xa != null) {
                    xa.start(group, connection); // statements of an XA branch are in it whatever autocommit says
                } else {
                    connection.setAutoCommit(false);
                }
            } catch (SQLException e) {
                close(connection);
                throw new BackendException(group, e.getMessage() + " (starting the transaction on "
                        + leader.describe() + ")", e);
            }
            connections.put(group, connection);
            joinedAtSavepoint.put(group, savepoints.size());
            long thread = detector == null ? -1 : DeadlockDetector.serverThreadId(connection);
            if (thread >= 0) {
                threads.put(group, new ServerThread(leader, thread));
                detector.add(this);
            }
        }
        return warnings;
    }

    private static EngineWarning warning(String message) {
        return new EngineWarning("Warning", RouteFlag.Kind.CROSS_SHARD_TRANSACTION.warningCode(), message);
    }

    @Override
    public Lease lease(RouteUnit unit) {
        Connection connection = connections.get(unit.group());
        if (connection == null) {
            throw new ShardgateException(ErrorCode.INTERNAL, "group " + unit.group() + " has not joined the transaction");
        }
        BackendServer server = backends.leader(unit.group());
        return new Lease() {
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
                return true;
            }

            @Override
            public void release() {
                // held until COMMIT or ROLLBACK
            }
        };
    }

    /** Units of one group share the group's connection, so they run in sequence. */
    @Override
    public Object lane(RouteUnit unit, int index) {
        return unit.group();
    }

    /**
     * Commits every group in the order they joined. If one fails, the groups before it stay
     * committed, the rest are rolled back, and the error says which is which.
     */
    public void commit() {
        if (xa != null) {
            try {
                xa.commit(connections, this::discard);
                if (commitObserver != null) {
                    // the positions the branches committed at, for reads of this session's writes
                    connections.forEach((group, connection) -> commitObserver.accept(backends.leader(group), connection));
                }
            } finally {
                end();
            }
            return;
        }
        List<String> committed = new ArrayList<>();
        try {
            for (Map.Entry<String, Connection> entry : connections.entrySet()) {
                try {
                    // Turning autocommit back on commits (JDBC and MySQL agree): one round trip, where
                    // commit() and then the pool's reset to autocommit would take two.
                    entry.getValue().setAutoCommit(true);
                    committed.add(entry.getKey());
                    if (commitObserver != null) {
                        commitObserver.accept(backends.leader(entry.getKey()), entry.getValue());
                    }
                } catch (SQLException e) {
                    List<String> rest = new ArrayList<>(connections.keySet());
                    rest.removeAll(committed);
                    rest.remove(entry.getKey());
                    for (String group : rest) {
                        rollbackQuietly(group, connections.get(group));
                    }
                    String message = "COMMIT failed on group " + entry.getKey() + ": " + e.getMessage()
                            + (committed.isEmpty() ? "" : "; group(s) " + String.join(", ", committed)
                            + " had already committed and stay committed (a cross-shard transaction is not atomic)")
                            + (rest.isEmpty() ? "" : "; group(s) " + String.join(", ", rest) + " were rolled back");
                    throw new BackendException(entry.getKey(), message, e);
                }
            }
        } finally {
            end();
        }
    }

    /**
     * Called with each group's leader and connection right after that group commits, before the
     * connection goes back to the pool (to read the position of what it committed).
     */
    public void observeCommits(java.util.function.BiConsumer<BackendServer, Connection> observer) {
        this.commitObserver = observer;
    }

    /** Rolls back every group; errors are logged, since the connections are discarded anyway. */
    public void rollback() {
        if (xa != null) {
            try {
                xa.rollback(connections, this::discard);
            } finally {
                end();
            }
            return;
        }
        try {
            for (Map.Entry<String, Connection> entry : connections.entrySet()) {
                rollbackQuietly(entry.getKey(), entry.getValue());
            }
        } finally {
            end();
        }
    }

    public void savepoint(String name) {
        int existing = savepoints.indexOf(name.toLowerCase(Locale.ROOT));
        if (existing >= 0) {
            savepoints.remove(existing); // MySQL replaces a savepoint of the same name
        }
        for (Map.Entry<String, Connection> entry : connections.entrySet()) {
            run(entry.getKey(), entry.getValue(), "SAVEPOINT " + quote(name));
        }
        savepoints.add(name.toLowerCase(Locale.ROOT));
    }

    /**
     * ROLLBACK TO SAVEPOINT: groups that were in the transaction when the savepoint was set roll
     * back to it; groups that joined later roll back entirely (they had done nothing before it).
     */
    public void rollbackTo(String name) {
        int index = indexOf(name);
        for (Map.Entry<String, Connection> entry : connections.entrySet()) {
            if (joinedAtSavepoint.get(entry.getKey()) > index) {
                try {
                    if (xa != null) {
                        xa.restart(entry.getKey(), entry.getValue());
                    } else {
                        entry.getValue().rollback();
                    }
                    joinedAtSavepoint.put(entry.getKey(), index + 1);
                } catch (SQLException e) {
                    throw new BackendException(entry.getKey(), e.getMessage(), e);
                }
            } else {
                run(entry.getKey(), entry.getValue(), "ROLLBACK TO SAVEPOINT " + quote(name));
            }
        }
        savepoints.subList(index + 1, savepoints.size()).clear();
    }

    public void release(String name) {
        int index = indexOf(name);
        for (Map.Entry<String, Connection> entry : connections.entrySet()) {
            if (joinedAtSavepoint.get(entry.getKey()) <= index) {
                run(entry.getKey(), entry.getValue(), "RELEASE SAVEPOINT " + quote(name));
            }
        }
        savepoints.remove(index);
        joinedAtSavepoint.replaceAll((group, at) -> at > index ? at - 1 : at);
    }

    public boolean ended() {
        return ended;
    }

    /** A statement of the transaction starts running on its groups (for the deadlock detector). */
    public void statementStarted() {
        runningSince = System.nanoTime();
    }

    public void statementEnded() {
        runningSince = 0;
    }

    boolean runningLongerThan(long now, long nanos) {
        long since = runningSince;
        return since != 0 && now - since >= nanos;
    }

    long startedNanos() {
        return startedNanos;
    }

    Map<String, ServerThread> serverThreads() {
        return threads;
    }

    void markDeadlockVictim(String message) {
        deadlock = message;
    }

    /**
     * Why the deadlock detector chose this transaction to end (it killed the statement that was
     * waiting), or null: the session reports that instead of the statement's interruption.
     */
    public String deadlockVictim() {
        return deadlock;
    }

    private int indexOf(String name) {
        int index = savepoints.lastIndexOf(name.toLowerCase(Locale.ROOT));
        if (index < 0) {
            throw new ShardgateException(ErrorCode.WRONG_ARGUMENTS, "SAVEPOINT " + name + " (it does not exist in "
                    + "this transaction; savepoints are set with SAVEPOINT " + name + " after BEGIN)");
        }
        return index;
    }

    private static void run(String group, Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new BackendException(group, e.getMessage() + " (" + sql + " on group " + group + ")", e);
        }
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private void rollbackQuietly(String group, Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.warn("rollback on group {} failed (the connection is discarded): {}", group, e.toString());
        }
    }

    private void discard(String group, Connection connection) {
        backends.discard(backends.leader(group), connection);
    }

    private void end() {
        ended = true;
        if (detector != null) {
            detector.remove(this);
            threads.clear();
        }
        for (Connection connection : connections.values()) {
            close(connection);
        }
        connections.clear();
        savepoints.clear();
        joinedAtSavepoint.clear();
    }

    private void close(Connection connection) {
        try {
            // the pool restores autocommit (and rolls back anything left) when it takes it back
            connection.close();
        } catch (SQLException e) {
            backends.forgetVariables(connection);
        }
    }
}
