package io.shardgate.engine.execute;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The backend statements a session is running or streaming from, so that another thread can
 * cancel them (KILL QUERY, {@code Statement.cancel()}). A cancel also marks the statement in
 * progress, so that units that have not started yet do not start.
 */
public final class RunningStatements {

    private final Set<Statement> statements = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    /** Called when a new client statement starts: forgets an earlier cancel. */
    public void reset() {
        cancelled = false;
    }

    public boolean cancelled() {
        return cancelled;
    }

    public void add(Statement statement) {
        statements.add(statement);
        if (cancelled) {
            cancel(statement);
        }
    }

    public void remove(Statement statement) {
        statements.remove(statement);
    }

    /** How many backend statements are running or streaming now. */
    public int size() {
        return statements.size();
    }

    /** Cancels every registered backend statement; safe from any thread. */
    public void cancelAll() {
        cancelled = true;
        for (Statement statement : statements) {
            cancel(statement);
        }
    }

    private static void cancel(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException | RuntimeException ignored) {
            // already finished or closed: nothing left to cancel
        }
    }
}
