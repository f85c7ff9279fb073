package io.shardgate.engine.backend;

import io.shardgate.engine.BackendException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Errors raised by a real H2 database (MySQL mode, as the demo's shards run) told as MySQL's. */
class H2ErrorsTest {

    private static Connection h2;

    @BeforeAll
    static void open() throws SQLException {
        h2 = DriverManager.getConnection("jdbc:h2:mem:h2errors;MODE=MySQL;DATABASE_TO_LOWER=TRUE");
        try (Statement s = h2.createStatement()) {
            s.execute("CREATE TABLE t_0 (id INT PRIMARY KEY, name VARCHAR(3) NOT NULL)");
            s.execute("INSERT INTO t_0 VALUES (1, 'a')");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        h2.close();
    }

    @Test
    void commonErrorsGetMySqlNumbersAndStates() {
        assertMysql("INSERT INTO t_0 VALUES (1, 'b')", 1062, "23000");
        assertMysql("INSERT INTO t_0 VALUES (2, NULL)", 1048, "23000");
        assertMysql("INSERT INTO t_0 VALUES (3, 'toolong')", 1406, "22001");
        assertMysql("SELECT nope FROM t_0", 1054, "42S22");
        assertMysql("SELECT * FROM missing_0", 1146, "42S02");
        assertMysql("SELECT no_such_function(id) FROM t_0", 1305, "42000");
        assertMysql("SELEC 1", 1064, "42000");
        assertMysql("SELECT 1 / 0", 1365, "22012");
    }

    @Test
    void messagesLoseThePhysicalStatementAndUnmappedNumbersBecome1105WithH2sNumber() {
        BackendException e = raise("SELECT nope FROM t_0 WHERE id = 1");
        assertThat(e.getMessage()).isEqualTo("Column \"nope\" not found");
        assertThat(raise("SELECT nope FROM t_0 WHERE name = ' [1-2]'").getMessage())
                .as("a literal that looks like H2's marker").isEqualTo("Column \"nope\" not found");
        SQLException sample = new org.h2.jdbc.JdbcSQLNonTransientException("General error", "x", "HY000", 50000, null, "x");
        assertThat(H2Errors.tell("General error [50000-232] (on group g0)", sample))
                .contains(new H2Errors.Told(1105, "HY000", "General error (on group g0) (H2 error 50000)"));
    }

    private static void assertMysql(String sql, int number, String sqlState) {
        BackendException e = raise(sql);
        assertThat(e.errorNumber()).as(sql + ": " + e.getMessage()).isEqualTo(number);
        assertThat(e.sqlState()).as(sql).isEqualTo(sqlState);
        assertThat(e.getMessage()).as(sql).doesNotContain("; SQL statement:").doesNotContainPattern("\\[\\d+-\\d+]");
    }

    private static BackendException raise(String sql) {
        try (Statement s = h2.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            return new BackendException("g0", e.getMessage(), e);
        }
        return fail("H2 accepted " + sql);
    }
}
