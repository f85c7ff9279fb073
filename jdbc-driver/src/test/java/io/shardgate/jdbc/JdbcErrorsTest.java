package io.shardgate.jdbc;

import io.shardgate.engine.BackendException;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcErrorsTest {

    @Test
    void catalogueErrorsKeepTheirCodeAndStateAndPickTheSubclassByStateClass() {
        SQLException unknownDb = JdbcErrors.of(new ShardgateException(ErrorCode.UNKNOWN_DATABASE, "x"));
        assertThat((Throwable) unknownDb).isInstanceOf(SQLSyntaxErrorException.class);
        assertThat(unknownDb.getErrorCode()).isEqualTo(1049);
        assertThat(unknownDb.getSQLState()).isEqualTo("42000");
        assertThat((Throwable) JdbcErrors.of(new ShardgateException(ErrorCode.BACKEND_UNAVAILABLE, "g0 down")))
                .isInstanceOf(SQLNonTransientConnectionException.class);
        assertThat((Throwable) JdbcErrors.of(new ShardgateException(ErrorCode.QUERY_INTERRUPTED)))
                .isInstanceOf(SQLTimeoutException.class);
        SQLException rejected = JdbcErrors.of(new ShardgateException(ErrorCode.CROSS_SHARD_TRANSACTION_REJECTED, "no"));
        assertThat(rejected.getErrorCode()).isEqualTo(1105);
        assertThat(rejected.getSQLState()).isEqualTo("HY000");
    }

    @Test
    void backendErrorsPassThroughWithTheBackendsCodeAndState() {
        SQLException duplicate = new SQLException("Duplicate entry '1' for key 'PRIMARY'", "23000", 1062);
        SQLException mapped = JdbcErrors.of(new BackendException("g1", duplicate.getMessage(), duplicate));
        assertThat((Throwable) mapped).isInstanceOf(SQLIntegrityConstraintViolationException.class);
        assertThat(mapped.getErrorCode()).isEqualTo(1062);
        assertThat(mapped.getSQLState()).isEqualTo("23000");
        SQLException deadlock = new SQLException("Deadlock found", "40001", 1213);
        assertThat((Throwable) JdbcErrors.of(new BackendException("g0", deadlock.getMessage(), deadlock)))
                .isInstanceOf(SQLTransactionRollbackException.class);
    }

    @Test
    void unsupportedFeaturesSayWhichMethod() {
        SQLFeatureNotSupportedException e = JdbcErrors.notSupported("Connection.createArrayOf(String, Object[])");
        assertThat(e.getMessage()).contains("Connection.createArrayOf(String, Object[])");
        assertThat(e.getSQLState()).isEqualTo("0A000");
    }
}
