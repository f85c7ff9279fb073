package io.shardgate.engine.execute;

import io.shardgate.engine.BackendException;
import io.shardgate.engine.backend.BackendServer;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.config.DataSourceRule;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

import static org.assertj.core.api.Assertions.assertThat;

class BackendErrorsTest {

    private static final BackendServer G1 = new BackendServer("shop", "g1", BackendServer.LEADER,
            new DataSourceRule("jdbc:mysql://10.0.1.1:3306/shop_1?password=secret", "app", "secret", 1));

    @Test
    void aSingleShardErrorKeepsTheServersOwnMessageCodeAndState() {
        BackendErrors errors = new BackendErrors(new RunningStatements(), false);
        ShardgateException e = errors.translate(new SQLIntegrityConstraintViolationException(
                "Duplicate entry '7' for key 'PRIMARY'", "23000", 1062), G1);
        assertThat(e).isInstanceOfSatisfying(BackendException.class, b -> {
            assertThat(b.errorNumber()).isEqualTo(1062);
            assertThat(b.sqlState()).isEqualTo("23000");
        });
        assertThat(e.getMessage()).isEqualTo("Duplicate entry '7' for key 'PRIMARY'");
    }

    @Test
    void aServerThatWentAwayIsNamedEvenForOneShardButNeverItsPassword() {
        BackendErrors errors = new BackendErrors(new RunningStatements(), false);
        for (SQLException lost : new SQLException[] {new SQLException("Communications link failure", "08S01", 0),
                new SQLException("Server shutdown in progress", "70100", 1053),
                new SQLException("Connection was killed", "70100", 1927)}) {
            assertThat(errors.translate(lost, G1).getMessage()).as(lost.getMessage())
                    .endsWith("(on group g1 leader (jdbc:mysql://10.0.1.1:3306/shop_1))").doesNotContain("secret");
        }
    }

    @Test
    void aStatementOnSeveralGroupsNamesTheGroupAndACancelledOneIsInterrupted() {
        RunningStatements running = new RunningStatements();
        BackendErrors errors = new BackendErrors(running, true);
        assertThat(errors.translate(new SQLException("Lock wait timeout exceeded", "HY000", 1205), G1).getMessage())
                .contains("on group g1 leader");
        running.cancelAll();
        assertThat(errors.translate(new SQLException("Query execution was interrupted", "70100", 1317), G1).code())
                .isEqualTo(ErrorCode.QUERY_INTERRUPTED);
    }
}
