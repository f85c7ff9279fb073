package io.shardgate.engine.transaction.xa;

import io.shardgate.engine.BackendException;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The XA branches of one transaction, one per group, all under one global id. Each group's branch
 * starts ({@code XA START}) when the group joins, because nobody knows yet whether a second group
 * will follow. COMMIT of one branch is one phase ({@code XA END} and {@code XA COMMIT … ONE
 * PHASE}: one round trip more than a local COMMIT, no log write). COMMIT of several is two-phase:
 * END and PREPARE each branch (any failure rolls back every branch, and the client is told
 * nothing was committed); write and fsync the decision; COMMIT each branch. The branches of each
 * phase run in parallel (the first on the caller's thread). After the decision
 * the transaction commits: a branch whose COMMIT fails is retried by the {@link XaCoordinator},
 * never reported as rolled back. Not thread-safe (one session's).
 */
public final class XaTransaction {

    private static final Logger log = LoggerFactory.getLogger(XaTransaction.class);

    /** MySQL's ER_XAER_NOTA: the server does not know the xid (already ended or never started). */
    private static final int XAER_NOTA = 1397;

    private final XaCoordinator coordinator;
    private final String gtrid;

    XaTransaction(XaCoordinator coordinator, String gtrid) {
        this.coordinator = coordinator;
        this.gtrid = gtrid;
    }

    public String gtrid() {
        return gtrid;
    }

    Xid xid(String group) {
        return new Xid(gtrid, Xid.bqualOf(group));
    }

    /** Starts the group's branch on {@code connection} (an autocommit connection with no transaction open). */
    public void start(String group, Connection connection) throws SQLException {
        XaCoordinator.execute(connection, "XA START " + xid(group).sql());
    }

    /**
     * Rolls the group's branch back entirely and starts it again under the same xid (ROLLBACK TO
     * a savepoint set before the group joined).
     */
    public void restart(String group, Connection connection) throws SQLException {
        Xid xid = xid(group);
        endQuietly(connection, xid);
        XaCoordinator.execute(connection, "XA ROLLBACK " + xid.sql());
        XaCoordinator.execute(connection, "XA START " + xid.sql());
    }

    /**
     * Commits every branch, as described on the class. The connections are the transaction's, in
     * the order the groups joined; one whose state is unknown after an error is discarded.
     *
     * @throws ShardgateException XA_ROLLED_BACK when the transaction was rolled back everywhere
     *                            instead; a {@link BackendException} when a one-phase commit failed
     */
    public void commit(Map<String, Connection> branches, Discard discard) {
        if (branches.isEmpty()) {
            return;
        }
        if (branches.size() == 1) {
            commitOnePhase(branches, discard);
            return;
        }
        List<String> groups = new ArrayList<>(branches.keySet());
        Map<String, SQLException> unprepared = coordinator.onEveryBranch(groups, group -> {
            Xid xid = xid(group);
            XaCoordinator.execute(branches.get(group), "XA END " + xid.sql());
            XaCoordinator.execute(branches.get(group), "XA PREPARE " + xid.sql());
        });
        if (!unprepared.isEmpty()) {
            Set<String> prepared = new LinkedHashSet<>(groups);
            prepared.removeAll(unprepared.keySet());
            rollback(branches, prepared, discard);
            Map.Entry<String, SQLException> failed = unprepared.entrySet().iterator().next();
            throw new ShardgateException(ErrorCode.XA_ROLLED_BACK, failed.getValue(), "XA transaction " + gtrid
                    + " was rolled back on every group (" + String.join(", ", groups) + "): preparing the branch on "
                    + "group " + failed.getKey() + " failed: " + failed.getValue().getMessage()
                    + ". Nothing was committed; retry the transaction");
        }
        Set<String> prepared = new LinkedHashSet<>(groups);
        CrashPoint.reach(CrashPoint.AFTER_PREPARE);
        try {
            coordinator.decisions().commit(gtrid, groups);
        } catch (IOException e) {
            rollback(branches, prepared, discard);
            throw new ShardgateException(ErrorCode.XA_ROLLED_BACK, e, "XA transaction " + gtrid + " was rolled back "
                    + "on every group (" + String.join(", ", groups) + "): writing the commit decision to "
                    + coordinator.decisions().file() + " failed: " + e + ". Nothing was committed; check the disk "
                    + "and permissions of transactions.xa-log-dir");
        }
        CrashPoint.reach(CrashPoint.AFTER_DECISION);
        Map<String, SQLException> uncommitted = coordinator.onEveryBranch(groups, group -> {
            XaCoordinator.execute(branches.get(group), "XA COMMIT " + xid(group).sql());
            CrashPoint.reach(CrashPoint.AFTER_FIRST_COMMIT);
        });
        boolean pending = false;
        for (Map.Entry<String, SQLException> failed : uncommitted.entrySet()) {
            // the branch is prepared and decided: finish it on another connection, now or later
            String group = failed.getKey();
            discard.discard(group, branches.get(group));
            if (!coordinator.commitNow(xid(group), group)) {
                pending = true;
                log.warn("XA transaction {} is committed, but its branch on group {} could not commit yet ({}); "
                        + "Shardgate retries it in the background and on its next start", gtrid, group,
                        failed.getValue().getMessage());
            }
        }
        if (!pending) {
            coordinator.decisions().done(gtrid);
        }
    }

    private void commitOnePhase(Map<String, Connection> branches, Discard discard) {
        Map.Entry<String, Connection> only = branches.entrySet().iterator().next();
        String group = only.getKey();
        Xid xid = xid(group);
        try {
            XaCoordinator.execute(only.getValue(), "XA END " + xid.sql());
        } catch (SQLException e) {
            rollback(branches, Set.of(), discard);
            throw new ShardgateException(ErrorCode.XA_ROLLED_BACK, e, "transaction " + gtrid + " on group " + group
                    + " was rolled back: ending its XA branch failed: " + e.getMessage() + "; retry the transaction");
        }
        try {
            XaCoordinator.execute(only.getValue(), "XA COMMIT " + xid.sql() + " ONE PHASE");
        } catch (SQLException e) {
            discard.discard(group, only.getValue());
            throw new BackendException(group, "COMMIT failed on group " + group + ": " + e.getMessage(), e);
        }
    }

    /** Rolls back every branch (none prepared). */
    public void rollback(Map<String, Connection> branches, Discard discard) {
        rollback(branches, Set.of(), discard);
    }

    private void rollback(Map<String, Connection> branches, Set<String> prepared, Discard discard) {
        for (Map.Entry<String, Connection> branch : branches.entrySet()) {
            String group = branch.getKey();
            Connection connection = branch.getValue();
            Xid xid = xid(group);
            if (!prepared.contains(group)) {
                endQuietly(connection, xid);
            }
            try {
                XaCoordinator.execute(connection, "XA ROLLBACK " + xid.sql());
            } catch (SQLException e) {
                if (e.getErrorCode() == XAER_NOTA) {
                    continue; // the server already rolled it back (deadlock, failed PREPARE)
                }
                // closing the session rolls back a branch that is not prepared; a prepared one survives
                // it, and so may one whose PREPARE reached the server just before its connection broke:
                // the background retry rolls back whatever is still prepared (and stops when nothing is)
                discard.discard(group, connection);
                log.warn("XA ROLLBACK of branch {} failed ({}); retrying in the background if it is prepared", xid,
                        e.getMessage());
                coordinator.rollbackLater(xid, group);
            }
        }
    }

    private static void endQuietly(Connection connection, Xid xid) {
        try {
            XaCoordinator.execute(connection, "XA END " + xid.sql());
        } catch (SQLException e) {
            // already ended, or rolled back by the server: XA ROLLBACK below settles it
        }
    }

    /** Takes a connection whose session state is unknown out of use (its pool must not lend it again). */
    @FunctionalInterface
    public interface Discard {
        void discard(String group, Connection connection);
    }
}
