package io.shardgate.engine.execute;

import io.shardgate.engine.BackendException;
import io.shardgate.engine.backend.BackendServer;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;

import java.sql.SQLException;

/**
 * Turns a backend {@link SQLException} into what the client sees: QUERY_INTERRUPTED when the
 * session cancelled the statement, else a {@link BackendException} with the backend's code and
 * SQLSTATE, naming the group when the statement ran on several.
 */
public record BackendErrors(RunningStatements running, boolean nameGroup) {

    public ShardgateException translate(SQLException e, BackendServer server) {
        if (running.cancelled()) {
            return new ShardgateException(ErrorCode.QUERY_INTERRUPTED, e);
        }
        String message = e.getMessage();
        if (nameGroup) {
            message = message + " (on " + server.describe() + ")";
        }
        return new BackendException(server.group(), message, e);
    }
}
