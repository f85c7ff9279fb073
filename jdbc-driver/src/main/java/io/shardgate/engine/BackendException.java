package io.shardgate.engine;

import io.shardgate.engine.backend.H2Errors;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;

import java.sql.SQLException;

/**
 * A backend server refused a statement. The client sees the backend's own error number and
 * SQLSTATE ({@link #errorNumber()}, {@link #sqlState()}) so that applications keep reacting to
 * "duplicate key" or "deadlock" as they do on one MySQL; the message names the group when the
 * statement ran on several.
 */
public final class BackendException extends ShardgateException {

    private final int errorNumber;
    private final String sqlState;
    private final String group;

    /** The backend's {@code cause}, told by {@code message}; H2's errors get MySQL's numbers ({@link H2Errors}). */
    public BackendException(String group, String message, SQLException cause) {
        this(group, message, cause, H2Errors.tell(message, cause).orElse(null));
    }

    private BackendException(String group, String message, SQLException cause, H2Errors.Told h2) {
        super(ErrorCode.BACKEND_ERROR, cause, h2 != null ? h2.message() : message);
        if (h2 != null) {
            this.errorNumber = h2.number();
            this.sqlState = h2.sqlState();
        } else {
            this.errorNumber = cause.getErrorCode();
            this.sqlState = cause.getSQLState() == null ? ErrorCode.BACKEND_ERROR.sqlState() : cause.getSQLState();
        }
        this.group = group;
    }

    /** An error of the backend's kind that Shardgate raises itself (a deadlock across groups, say). */
    public BackendException(String group, int errorNumber, String sqlState, String message, Throwable cause) {
        super(ErrorCode.BACKEND_ERROR, cause, message);
        this.errorNumber = errorNumber;
        this.sqlState = sqlState;
        this.group = group;
    }

    /** The backend's error number (MySQL's, e.g. 1062 for a duplicate key). */
    public int errorNumber() {
        return errorNumber;
    }

    public String sqlState() {
        return sqlState;
    }

    /** The group whose server raised the error. */
    public String group() {
        return group;
    }
}
