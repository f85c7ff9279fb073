package io.shardgate.engine.transaction;

import io.shardgate.engine.backend.BackendServer;
import io.shardgate.engine.backend.Backends;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Finds the deadlocks no single server can see. Transaction A waits on group g1 for a row lock
 * that B holds, while B waits on group g0 for one that A holds: each server sees one lock wait,
 * not a cycle, so InnoDB would only end it at {@code innodb_lock_wait_timeout} (50 s by default),
 * with an error that undoes a statement, not the transaction.
 *
 * <p>While some open transaction's statement has been running longer than the check interval,
 * the detector reads each leader's lock waits (which server thread waits for which), maps those
 * threads to the open transactions of its logical database, and looks for transactions that wait
 * for each other through two or more servers. If a second reading picks the same victim — the
 * youngest of them — it is ended: its waiting statement is killed ({@code KILL QUERY}), and its session
 * reports ER_LOCK_DEADLOCK (1213, SQLSTATE 40001) and rolls it back on every group, as MySQL does
 * with a deadlock it finds itself. Cycles on one server are InnoDB's own business and left alone.
 *
 * <p>Needs the PROCESS privilege on the leaders (to read other threads' lock waits); without it the
 * detector says so once in the log and cross-group deadlocks end at the lock wait timeout.
 */
public final class DeadlockDetector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadlockDetector.class);

    /** MariaDB and MySQL 5.7: lock waits with the server threads on both ends. */
    private static final String INFORMATION_SCHEMA_WAITS = "SELECT r.trx_mysql_thread_id, b.trx_mysql_thread_id "
            + "FROM information_schema.INNODB_LOCK_WAITS w "
            + "JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id "
            + "JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id";
    /** MySQL 8, where the lock tables moved to performance_schema. */
    private static final String PERFORMANCE_SCHEMA_WAITS = "SELECT r.trx_mysql_thread_id, b.trx_mysql_thread_id "
            + "FROM performance_schema.data_lock_waits w "
            + "JOIN information_schema.INNODB_TRX r ON r.trx_id = w.REQUESTING_ENGINE_TRANSACTION_ID "
            + "JOIN information_schema.INNODB_TRX b ON b.trx_id = w.BLOCKING_ENGINE_TRANSACTION_ID";

    private final String database;
    private final Backends backends;
    private final long intervalNanos;
    private final Set<Transaction> open = ConcurrentHashMap.newKeySet();
    private final Map<BackendServer, String> waitQueries = new ConcurrentHashMap<>();
    private final Set<BackendServer> unreadable = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private volatile BiConsumer<String, List<String>> listener = (db, groups) -> { };

    /**
     * @param interval how often to look, and how long a statement must have run before it is
     *                 worth looking (so worst-case detection takes about twice this)
     */
    public DeadlockDetector(String database, Backends backends, Duration interval) {
        this.database = database;
        this.backends = backends;
        this.intervalNanos = interval.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "shardgate-deadlocks-" + database);
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        timer.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Called with the database and the groups of each deadlock it breaks (for metrics). */
    public void reportDeadlocks(BiConsumer<String, List<String>> listener) {
        this.listener = listener;
    }

    void add(Transaction transaction) {
        open.add(transaction);
    }

    void remove(Transaction transaction) {
        open.remove(transaction);
    }

    /** Open transactions being watched now. */
    public int watched() {
        return open.size();
    }

    /** The server's id for a backend connection (its CONNECTION_ID()), or -1 where it is not Connector/J's. */
    static long serverThreadId(Connection connection) {
        try {
            if (connection.isWrapperFor(com.mysql.cj.jdbc.JdbcConnection.class)) {
                return connection.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).getId();
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("no server thread id for a backend connection: {}", e.toString());
        }
        return -1;
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("deadlock check of database {} failed: {}", database, e.toString());
        }
    }

    /** One look: breaks at most one deadlock (the next look finds the next). */
    void check() {
        long now = System.nanoTime();
        if (open.stream().noneMatch(tx -> tx.runningLongerThan(now, intervalNanos))) {
            return;
        }
        List<Wait> deadlock = crossServerDeadlock(waits());
        if (deadlock == null) {
            return;
        }
        // the servers were read one after another: read again, and act only if the victim is still deadlocked
        Transaction victim = youngest(deadlock);
        List<Wait> again = crossServerDeadlock(waits());
        if (again != null && youngest(again) == victim) {
            breakDeadlock(again, victim);
        }
    }

    /** One thread's wait for a lock held by another transaction's thread, on one server. */
    record Wait(Transaction waiter, String group, BackendServer server, long thread, Transaction holder) {
    }

    private record Member(Transaction transaction, String group) {
    }

    /** Every wait between two watched transactions, by waiting transaction. */
    private Map<Transaction, List<Wait>> waits() {
        Map<BackendServer, Map<Long, Member>> byThread = new HashMap<>();
        for (Transaction tx : open) {
            tx.serverThreads().forEach((group, thread) ->
                    byThread.computeIfAbsent(thread.server(), s -> new HashMap<>()).put(thread.id(), new Member(tx, group)));
        }
        Map<Transaction, List<Wait>> waits = new HashMap<>();
        byThread.forEach((server, members) -> {
            for (long[] pair : lockWaits(server)) {
                Member waiter = members.get(pair[0]);
                Member holder = members.get(pair[1]);
                if (waiter != null && holder != null && waiter.transaction() != holder.transaction()) {
                    waits.computeIfAbsent(waiter.transaction(), tx -> new ArrayList<>()).add(
                            new Wait(waiter.transaction(), waiter.group(), server, pair[0], holder.transaction()));
                }
            }
        });
        return waits;
    }

    /** (waiting thread, blocking thread) pairs on one server; none when they cannot be read. */
    private List<long[]> lockWaits(BackendServer server) {
        if (unreadable.contains(server)) {
            return List.of();
        }
        try (Connection connection = backends.connect(server); Statement statement = connection.createStatement()) {
            try {
                return pairs(statement, waitQueries.getOrDefault(server, INFORMATION_SCHEMA_WAITS));
            } catch (SQLException e) {
                if (e.getErrorCode() != 1109 || PERFORMANCE_SCHEMA_WAITS.equals(waitQueries.get(server))) {
                    throw e; // 1109: unknown table, as INNODB_LOCK_WAITS is on MySQL 8
                }
                waitQueries.put(server, PERFORMANCE_SCHEMA_WAITS);
                return pairs(statement, PERFORMANCE_SCHEMA_WAITS);
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == 1227 || e.getErrorCode() == 1142 || e.getErrorCode() == 1109) {
                unreadable.add(server);
                log.warn("cannot read lock waits on {} ({}): deadlocks across groups end only at the servers' "
                        + "innodb_lock_wait_timeout; grant the PROCESS privilege to find them in about a second",
                        server.describe(), e.getMessage());
            } else {
                log.debug("reading lock waits on {} failed: {}", server.describe(), e.toString());
            }
            return List.of();
        } catch (RuntimeException e) {
            log.debug("reading lock waits on {} failed: {}", server.describe(), e.toString());
            return List.of();
        }
    }

    private static List<long[]> pairs(Statement statement, String query) throws SQLException {
        List<long[]> pairs = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                pairs.add(new long[] {rows.getLong(1), rows.getLong(2)});
            }
        }
        return pairs;
    }

    /**
     * The waits among a set of transactions that wait for each other, through locks on two or more
     * servers, or null. Such a set is a strongly connected part of the wait-for graph: each of its
     * transactions waits for another of them, so none can finish. Where all its waits are on one
     * server, that server's own deadlock detection ends it at once, and it is left alone.
     */
    static List<Wait> crossServerDeadlock(Map<Transaction, List<Wait>> waits) {
        for (Set<Transaction> part : new StronglyConnected(waits).parts()) {
            List<Wait> inside = new ArrayList<>();
            for (Transaction tx : part) {
                for (Wait wait : waits.getOrDefault(tx, List.of())) {
                    if (part.contains(wait.holder())) {
                        inside.add(wait);
                    }
                }
            }
            if (inside.stream().map(Wait::server).distinct().count() > 1) {
                return inside;
            }
        }
        return null;
    }

    /** Tarjan's strongly connected components of a wait-for graph (only the parts of two or more). */
    private static final class StronglyConnected {
        private final Map<Transaction, List<Wait>> waits;
        private final Map<Transaction, Integer> index = new HashMap<>();
        private final Map<Transaction, Integer> low = new HashMap<>();
        private final java.util.Deque<Transaction> stack = new java.util.ArrayDeque<>();
        private final Set<Transaction> onStack = new HashSet<>();
        private final List<Set<Transaction>> parts = new ArrayList<>();

        StronglyConnected(Map<Transaction, List<Wait>> waits) {
            this.waits = waits;
        }

        List<Set<Transaction>> parts() {
            for (Transaction tx : waits.keySet()) {
                if (!index.containsKey(tx)) {
                    visit(tx);
                }
            }
            return parts;
        }

        private void visit(Transaction tx) {
            index.put(tx, index.size());
            low.put(tx, index.get(tx));
            stack.push(tx);
            onStack.add(tx);
            for (Wait wait : waits.getOrDefault(tx, List.of())) {
                Transaction next = wait.holder();
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(tx, Math.min(low.get(tx), low.get(next)));
                } else if (onStack.contains(next)) {
                    low.put(tx, Math.min(low.get(tx), index.get(next)));
                }
            }
            if (low.get(tx).equals(index.get(tx))) {
                Set<Transaction> part = new LinkedHashSet<>();
                Transaction member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    part.add(member);
                } while (member != tx);
                if (part.size() > 1) {
                    parts.add(part);
                }
            }
        }
    }

    private static Transaction youngest(List<Wait> deadlock) {
        Transaction youngest = deadlock.get(0).waiter();
        for (Wait wait : deadlock) {
            if (wait.waiter().startedNanos() - youngest.startedNanos() > 0) {
                youngest = wait.waiter();
            }
        }
        return youngest;
    }

    /** Rolls back the victim: marks it, then kills the statement(s) it waits in. */
    private void breakDeadlock(List<Wait> deadlock, Transaction victim) {
        List<String> groups = deadlock.stream().map(Wait::group).distinct().sorted().toList();
        List<Wait> victimWaits = deadlock.stream().filter(wait -> wait.waiter() == victim).toList();
        long transactions = deadlock.stream().map(Wait::waiter).distinct().count();
        String message = "Deadlock found when trying to get lock; try restarting transaction (a deadlock across groups "
                + String.join(" and ", groups) + ": this transaction waited on group "
                + victimWaits.stream().map(Wait::group).distinct().collect(java.util.stream.Collectors.joining(" and "))
                + " for locks held by " + (transactions == 2 ? "another transaction, which waited for this one's"
                : "one of " + (transactions - 1) + " other transactions, which waited for each other's and this one's")
                + " on another group. No single server sees such a cycle; Shardgate found it and rolled back this "
                + "transaction, the youngest, on every group)";
        victim.markDeadlockVictim(message);
        for (Wait wait : victimWaits) {
            try (Connection connection = backends.connect(wait.server());
                 Statement statement = connection.createStatement()) {
                statement.execute("KILL QUERY " + wait.thread());
            } catch (SQLException | RuntimeException e) {
                log.warn("a deadlock across groups {} of database {}: KILL QUERY {} on {} failed ({}); it ends at "
                        + "innodb_lock_wait_timeout", groups, database, wait.thread(), wait.server().describe(), e.toString());
            }
        }
        log.info("deadlock across groups {} of database {} among {} transactions: rolled back the youngest",
                groups, database, transactions);
        listener.accept(database, groups);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        open.clear();
    }
}
