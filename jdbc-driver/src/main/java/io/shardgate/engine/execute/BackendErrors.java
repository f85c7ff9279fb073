package io.shardgate.engine.execute;

import io.shardgate.engine.BackendException;
import io.shardgate.engine.backend.BackendServer;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.util.Set;

/**
 * Turns a backend {@link SQLException} into what the client sees: QUERY_INTERRUPTED when the
 * session cancelled the statement, else a {@link BackendException} with the backend's code and
 * SQLSTATE, naming the group when the statement ran on several, and always when the server itself
 * went away (the client cannot know which of the servers behind Shardgate that was).
 */
public record BackendErrors(RunningStatements running, boolean nameGroup) {

    /** Server shutdown in progress, connection killed, server has gone away, lost connection. */
    private static final Set<Integer> SERVER_GONE = Set.of(1053, 1927, 2006, 2013);

    public ShardgateException translate(SQLException e, BackendServer server) {
        if (running.cancelled()) {
            return new ShardgateException(ErrorCode.QUERY_INTERRUPTED, e);
        }
        String message = e.getMessage();
        if (nameGroup || serverGone(e)) {
            message = message + " (on " + server.describe() + ")";
        }
        return new BackendException(server.group(), message, e);
    }

    static boolean serverGone(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08") || SERVER_GONE.contains(e.getErrorCode())
                || e instanceof SQLNonTransientConnectionException || e instanceof SQLRecoverableException;
    }
}
