package io.shardgate.engine.transaction.xa;

import io.shardgate.engine.backend.BackendDialect;
import io.shardgate.engine.backend.BackendServer;
import io.shardgate.engine.backend.Backends;
import io.shardgate.rules.config.RuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The XA side of one logical database under {@code cross-shard-transaction: xa}: it names the
 * transactions ({@link Xid}), owns the decision log, and finishes what a transaction could not.
 * On start it recovers: {@code XA RECOVER} on every group's leader, and each prepared branch of
 * this node from an earlier run is committed when the log holds its commit decision and rolled
 * back otherwise; then the log is compacted. Branches of other nodes (other instances sharing the
 * backends) and live branches of this run are never touched. A leader that cannot be reached, and
 * a branch whose XA COMMIT failed after the decision, are retried in the background until they
 * answer (and, if this process dies first, by the next start's recovery). Thread-safe.
 */
public final class XaCoordinator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(XaCoordinator.class);
    static final long RETRY_MILLIS = 2_000;

    private final String database;
    private final Backends backends;
    private final DecisionLog decisions;
    private final String node;
    private final String prefix;
    private final String epochPrefix;
    private final AtomicLong sequence = new AtomicLong();
    private final ScheduledExecutorService retries;
    /** Runs the branches of a commit phase in parallel (threads are created on demand, idle ones die). */
    private final ExecutorService phases;
    /** Groups whose leader has not answered XA RECOVER since this run started. */
    private final Set<String> unrecovered;
    /** Branches decided to commit whose XA COMMIT has not succeeded yet: xid → group. */
    private final Map<Xid, String> pendingCommits = new LinkedHashMap<>();
    /** Prepared branches whose XA ROLLBACK has not succeeded yet: xid → group. */
    private final Map<Xid, String> pendingRollbacks = new LinkedHashMap<>();
    private boolean retryScheduled;
    private volatile boolean closed;

    private XaCoordinator(String database, Backends backends, DecisionLog decisions, String node, long epoch) {
        this.database = database;
        this.backends = backends;
        this.decisions = decisions;
        this.node = node;
        this.prefix = "sg-" + node + "-";
        this.epochPrefix = prefix + Long.toString(epoch, 36) + "-";
        this.unrecovered = new LinkedHashSet<>(backends.rules().groups().keySet());
        this.retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "shardgate-xa-" + database);
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger count = new AtomicInteger();
        this.phases = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "shardgate-xa-phase-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens the XA log of {@code rules}' database (locking its directory) and recovers what an
     * earlier run of this node left prepared on the backends.
     *
     * @throws IllegalStateException when another engine holds the directory
     */
    public static XaCoordinator open(RuleSet rules, Backends backends) {
        for (String group : rules.groups().keySet()) {
            BackendServer leader = backends.leader(group);
            if (leader.dialect() == BackendDialect.H2) {
                throw new IllegalArgumentException("database " + rules.database() + " in " + rules.source()
                        + " sets cross-shard-transaction: xa, but the leader of group " + group + " is H2 ("
                        + leader.describe() + "), which has no XA statements; use MySQL or MariaDB backends, or "
                        + "set cross-shard-transaction: best-effort or reject");
            }
        }
        Path dir = Path.of(rules.transactions().xaLogDir(rules.database()));
        DecisionLog decisions = DecisionLog.open(dir);
        try {
            String node = NodeId.of(dir);
            XaCoordinator coordinator = new XaCoordinator(rules.database(), backends, decisions, node,
                    System.currentTimeMillis());
            log.info("XA coordinator of database {}: node {}, decision log {}", rules.database(), node,
                    decisions.file().toAbsolutePath());
            coordinator.recover();
            return coordinator;
        } catch (RuntimeException e) {
            decisions.close();
            throw e;
        }
    }

    /** This instance's node id, the second part of every global transaction id it creates. */
    public String nodeId() {
        return node;
    }

    /** A new transaction (no branch is started until a group joins it). */
    public XaTransaction begin() {
        return new XaTransaction(this, epochPrefix + Long.toString(sequence.incrementAndGet(), 36));
    }

    DecisionLog decisions() {
        return decisions;
    }

    Backends backends() {
        return backends;
    }

    /** One step of a commit phase on one group's branch. */
    @FunctionalInterface
    interface BranchStep {
        void run(String group) throws SQLException;
    }

    /**
     * Runs {@code step} on every group at once (the first group on the calling thread) and waits
     * for all of them.
     *
     * @return the groups whose step failed, in {@code groups} order, with their errors
     */
    Map<String, SQLException> onEveryBranch(List<String> groups, BranchStep step) {
        Map<String, CompletableFuture<SQLException>> others = new LinkedHashMap<>();
        for (String group : groups.subList(1, groups.size())) {
            CompletableFuture<SQLException> future;
            try {
                future = CompletableFuture.supplyAsync(() -> attempt(step, group), phases);
            } catch (RejectedExecutionException e) {
                future = CompletableFuture.completedFuture(attempt(step, group)); // closing: run it here
            }
            others.put(group, future);
        }
        Map<String, SQLException> failures = new LinkedHashMap<>();
        SQLException first = attempt(step, groups.get(0));
        if (first != null) {
            failures.put(groups.get(0), first);
        }
        for (Map.Entry<String, CompletableFuture<SQLException>> other : others.entrySet()) {
            SQLException failure = other.getValue().join();
            if (failure != null) {
                failures.put(other.getKey(), failure);
            }
        }
        return failures;
    }

    private static SQLException attempt(BranchStep step, String group) {
        try {
            step.run(group);
            return null;
        } catch (SQLException e) {
            return e;
        } catch (RuntimeException e) {
            return new SQLException(e.toString(), "HY000", e);
        }
    }

    // ---- recovery ----------------------------------------------------------------------------------

    /**
     * One pass over the leaders not yet recovered: resolves this node's branches of earlier runs.
     * When every leader has answered, the earlier runs' decisions are done: the log keeps only this
     * run's and is compacted.
     */
    private void recover() {
        List<String> groups;
        synchronized (this) {
            groups = new ArrayList<>(unrecovered);
        }
        for (String group : groups) {
            if (recoverGroup(group)) {
                synchronized (this) {
                    unrecovered.remove(group);
                }
            }
        }
        boolean complete;
        synchronized (this) {
            complete = unrecovered.isEmpty();
        }
        if (complete) {
            decisions.forget(gtrid -> !gtrid.startsWith(epochPrefix));
            try {
                decisions.compact();
            } catch (IOException e) {
                log.warn("compacting the XA decision log {} failed (it is compacted on the next start): {}",
                        decisions.file(), e.toString());
            }
        } else {
            log.warn("XA recovery of database {} could not reach the leader(s) of {}; retrying every {} ms",
                    database, groups, RETRY_MILLIS);
            scheduleRetry();
        }
    }

    /** XA RECOVER on the group's leader; true when it answered and every branch of an earlier run was resolved. */
    private boolean recoverGroup(String group) {
        BackendServer leader = backends.leader(group);
        try (Connection connection = backends.connect(leader)) {
            boolean resolvedAll = true;
            for (Xid xid : prepared(connection)) {
                if (!xid.gtrid().startsWith(prefix) || xid.gtrid().startsWith(epochPrefix)) {
                    continue; // another node's, or a live transaction of this run
                }
                boolean commit = decisions.decided(xid.gtrid());
                try {
                    execute(connection, (commit ? "XA COMMIT " : "XA ROLLBACK ") + xid.sql());
                    log.info("XA recovery: {} branch {} on {} (database {})", commit ? "committed" : "rolled back",
                            xid, leader.describe(), database);
                } catch (SQLException e) {
                    if (prepared(connection).contains(xid)) {
                        log.warn("XA recovery: {} of branch {} on {} failed: {}", commit ? "commit" : "rollback",
                                xid, leader.describe(), e.getMessage());
                        resolvedAll = false;
                    }
                }
            }
            return resolvedAll;
        } catch (SQLException | RuntimeException e) {
            log.warn("XA recovery: XA RECOVER on {} failed: {}", leader.describe(), e.getMessage());
            return false;
        }
    }

    /** The prepared branches of Shardgate's format on the server of {@code connection}. */
    static List<Xid> prepared(Connection connection) throws SQLException {
        List<Xid> xids = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("XA RECOVER")) {
            while (rows.next()) {
                if (rows.getInt(1) == Xid.FORMAT_ID) {
                    xids.add(Xid.fromRecover(rows.getInt(2), rows.getBytes(4)));
                }
            }
        }
        return xids;
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    // ---- finishing branches after the transaction gave up on its connection ------------------------

    /**
     * Commits a decided branch over a fresh connection (the transaction's own failed); true when
     * the branch is committed, false when it is left to the background retries.
     */
    boolean commitNow(Xid xid, String group) {
        if (finish(xid, group, "XA COMMIT ")) {
            return true;
        }
        synchronized (this) {
            pendingCommits.put(xid, group);
        }
        scheduleRetry();
        return false;
    }

    /** Rolls back a prepared branch whose rollback failed on the transaction's connection. */
    void rollbackLater(Xid xid, String group) {
        synchronized (this) {
            pendingRollbacks.put(xid, group);
        }
        scheduleRetry();
    }

    /**
     * Runs XA COMMIT or ROLLBACK of {@code xid} on a fresh connection; true when the branch is no
     * longer prepared afterwards (an error may only mean that an earlier attempt did it).
     */
    private boolean finish(Xid xid, String group, String verb) {
        if (closed) {
            return false;
        }
        try (Connection connection = backends.connect(backends.leader(group))) {
            try {
                execute(connection, verb + xid.sql());
                return true;
            } catch (SQLException e) {
                return !prepared(connection).contains(xid);
            }
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private synchronized void scheduleRetry() {
        if (retryScheduled || closed) {
            return;
        }
        retryScheduled = true;
        retries.schedule(this::retry, RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void retry() {
        synchronized (this) {
            retryScheduled = false;
        }
        if (closed) {
            return;
        }
        try {
            Map<Xid, String> commits;
            Map<Xid, String> rollbacks;
            boolean recovering;
            synchronized (this) {
                commits = new LinkedHashMap<>(pendingCommits);
                rollbacks = new LinkedHashMap<>(pendingRollbacks);
                recovering = !unrecovered.isEmpty();
            }
            for (Map.Entry<Xid, String> branch : commits.entrySet()) {
                if (finish(branch.getKey(), branch.getValue(), "XA COMMIT ")) {
                    log.info("XA: committed branch {} after an earlier failure", branch.getKey());
                    committedLater(branch.getKey());
                }
            }
            for (Map.Entry<Xid, String> branch : rollbacks.entrySet()) {
                if (finish(branch.getKey(), branch.getValue(), "XA ROLLBACK ")) {
                    synchronized (this) {
                        pendingRollbacks.remove(branch.getKey());
                    }
                }
            }
            if (recovering) {
                recover();
            }
        } catch (RuntimeException e) {
            log.warn("XA retry pass failed: {}", e.toString());
        }
        synchronized (this) {
            if (!pendingCommits.isEmpty() || !pendingRollbacks.isEmpty()) {
                scheduleRetry();
            }
        }
    }

    private void committedLater(Xid xid) {
        boolean last;
        synchronized (this) {
            pendingCommits.remove(xid);
            last = pendingCommits.keySet().stream().noneMatch(other -> other.gtrid().equals(xid.gtrid()));
        }
        if (last) {
            decisions.done(xid.gtrid());
        }
    }

    /** Branches still waiting for a retry (for tests and SHOW output). */
    public synchronized int pendingBranches() {
        return pendingCommits.size() + pendingRollbacks.size();
    }

    /** Stops the retries and releases the log; what is left is finished by the next start's recovery. */
    @Override
    public void close() {
        closed = true;
        retries.shutdownNow();
        phases.shutdown(); // a commit in flight finishes its branches
        decisions.close();
    }
}
