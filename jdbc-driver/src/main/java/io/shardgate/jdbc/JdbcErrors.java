package io.shardgate.jdbc;

import io.shardgate.engine.BackendException;
import io.shardgate.error.ShardgateException;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;

/**
 * Engine errors as JDBC exceptions: the catalogue's (or the backend's) error code and SQLSTATE, and
 * the SQLException subclass of the SQLSTATE class, so that code catching e.g.
 * {@link SQLIntegrityConstraintViolationException} works as it does on one MySQL.
 */
final class JdbcErrors {

    private JdbcErrors() {
    }

    static SQLException of(ShardgateException e) {
        if (e instanceof BackendException backend) {
            return of(e.getMessage(), backend.sqlState(), backend.errorNumber(), e);
        }
        return of(e.getMessage(), e.code().sqlState(), e.code().mysqlCode(), e);
    }

    static SQLException of(String message, String state, int code, Throwable cause) {
        String cls = state == null || state.length() < 2 ? "" : state.substring(0, 2);
        return switch (cls) {
            case "08" -> new SQLNonTransientConnectionException(message, state, code, cause);
            case "22" -> new SQLDataException(message, state, code, cause);
            case "23" -> new SQLIntegrityConstraintViolationException(message, state, code, cause);
            case "28" -> new SQLInvalidAuthorizationSpecException(message, state, code, cause);
            case "40" -> new SQLTransactionRollbackException(message, state, code, cause);
            case "42" -> new SQLSyntaxErrorException(message, state, code, cause);
            case "0A" -> new SQLFeatureNotSupportedException(message, state, code, cause);
            case "70" -> new SQLTimeoutException(message, state, code, cause);
            default -> new SQLException(message, state, code, cause);
        };
    }

    /** What JDBC features Shardgate does not offer throw: the message names the method. */
    static SQLFeatureNotSupportedException notSupported(String method) {
        return new SQLFeatureNotSupportedException("Shardgate's JDBC driver does not support " + method, "0A000");
    }

    static SQLException closed(String what) {
        return new SQLNonTransientConnectionException(what + " is closed", "08003");
    }
}
