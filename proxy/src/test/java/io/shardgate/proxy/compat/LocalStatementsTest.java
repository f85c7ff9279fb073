package io.shardgate.proxy.compat;

import io.shardgate.proxy.compat.LocalStatement.InformationSchemaQuery;
import io.shardgate.proxy.compat.LocalStatement.Item;
import io.shardgate.proxy.compat.LocalStatement.Literal;
import io.shardgate.proxy.compat.LocalStatement.SessionFunction;
import io.shardgate.proxy.compat.LocalStatement.ShowServer;
import io.shardgate.proxy.compat.LocalStatement.ShowTable;
import io.shardgate.proxy.compat.LocalStatement.Subject;
import io.shardgate.proxy.compat.LocalStatement.SystemVariable;
import io.shardgate.proxy.compat.LocalStatement.TableSubject;
import io.shardgate.proxy.compat.LocalStatement.VariableSelect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which statements the proxy answers itself, and which it must leave to the engine. */
class LocalStatementsTest {

    @Test
    void connectorJStartupQueryIsLocalWithItsLabels() {
        String sql = "/* mysql-connector-j-9.4.0 */SELECT @@session.auto_increment_increment AS "
                + "auto_increment_increment, @@character_set_client AS character_set_client, "
                + "@@character_set_results AS character_set_results, @@init_connect AS init_connect, "
                + "@@license AS license, @@max_allowed_packet AS max_allowed_packet, @@transaction_isolation AS "
                + "transaction_isolation, @@wait_timeout AS wait_timeout";
        VariableSelect select = (VariableSelect) LocalStatements.recognize(sql).orElseThrow();
        assertThat(select.items()).hasSize(8);
        assertThat(select.items().get(0)).isEqualTo(new Item(new SystemVariable("SESSION", "auto_increment_increment"),
                "auto_increment_increment"));
        assertThat(select.items()).extracting(Item::label).contains("license", "wait_timeout");
        assertThat(select.noRows()).isFalse();
    }

    @Test
    void cliQueriesKeepTheirTextAsLabels() {
        VariableSelect comment = (VariableSelect) LocalStatements.recognize("select @@version_comment limit 1").orElseThrow();
        assertThat(comment.items()).containsExactly(new Item(new SystemVariable(null, "version_comment"),
                "@@version_comment"));
        VariableSelect status = (VariableSelect) LocalStatements.recognize("select DATABASE(), USER() limit 1;")
                .orElseThrow();
        assertThat(status.items()).containsExactly(new Item(new SessionFunction("DATABASE"), "DATABASE()"),
                new Item(new SessionFunction("USER"), "USER()"));
        VariableSelect literals = (VariableSelect) LocalStatements.recognize("SELECT 1, 'it''s' x, -2.50, NULL, "
                + "@@GLOBAL.sql_mode `mode` FROM DUAL LIMIT 0").orElseThrow();
        assertThat(literals.items()).containsExactly(new Item(new Literal(1L), "1"), new Item(new Literal("it's"), "x"),
                new Item(new Literal(new java.math.BigDecimal("-2.50")), "-2.50"), new Item(new Literal(null), "NULL"),
                new Item(new SystemVariable("GLOBAL", "sql_mode"), "mode"));
        assertThat(literals.noRows()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT * FROM users", "SELECT @@sql_mode, name FROM users", "SELECT NOW()",
        "SELECT CONNECTION_ID() + 1", "SELECT @x", "SELECT 1 FROM DUAL WHERE 1 = 1", "SELECT @@foo.bar",
        "DESCRIBE SELECT * FROM users", "EXPLAIN ROUTE SELECT 1", "SHOW TABLES", "SHOW DATABASES",
        "SHOW PROCESSLIST", "SET NAMES utf8mb4", "INSERT INTO t VALUES (1)", "SHOW GLOBAL COLLATION",
        "SELECT 'unterminated"})
    void everythingElseGoesToTheEngine(String sql) {
        assertThat(LocalStatements.recognize(sql)).as(sql).isEmpty();
    }

    @Test
    void showStatements() {
        assertThat(LocalStatements.recognize("SHOW SESSION VARIABLES LIKE 'character\\_set\\_%'")).contains(
                new ShowServer(Subject.VARIABLES, false, "character\\_set\\_%", null, null));
        assertThat(LocalStatements.recognize("show global variables where Variable_name in ('a', 'b')")).contains(
                new ShowServer(Subject.VARIABLES, true, null, "Variable_name in ('a', 'b')", null));
        assertThat(LocalStatements.recognize("SHOW CHARACTER SET")).contains(
                new ShowServer(Subject.CHARACTER_SET, false, null, null, null));
        assertThat(LocalStatements.recognize("SHOW COUNT(*) WARNINGS")).contains(
                new ShowServer(Subject.WARNING_COUNT, false, null, null, null));
        assertThat(LocalStatements.recognize("SHOW CREATE DATABASE IF NOT EXISTS `shop`")).contains(
                new ShowServer(Subject.CREATE_DATABASE, false, null, null, "shop"));
        assertThat(LocalStatements.recognize("SHOW FULL COLUMNS FROM `shop`.`users` LIKE 'n%'")).contains(
                new ShowTable(TableSubject.FULL_COLUMNS, "users", "shop", "n%"));
        assertThat(LocalStatements.recognize("DESC users name")).contains(
                new ShowTable(TableSubject.COLUMNS, "users", null, "name"));
        assertThat(LocalStatements.recognize("SHOW KEYS IN users FROM shop")).contains(
                new ShowTable(TableSubject.INDEX, "users", "shop", null));
    }

    @Test
    void informationSchemaQueriesLoseTheQualifierOnly() {
        InformationSchemaQuery query = (InformationSchemaQuery) LocalStatements.recognize(
                "SELECT 'information_schema.x', c.COLUMN_NAME FROM `INFORMATION_SCHEMA`.`COLUMNS` c "
                        + "JOIN information_schema . TABLES t USING (TABLE_NAME) WHERE c.TABLE_SCHEMA = ? AND 1 = ?;")
                .orElseThrow();
        assertThat(query.sql()).isEqualTo("SELECT 'information_schema.x', c.COLUMN_NAME FROM `COLUMNS` c "
                + "JOIN  TABLES t USING (TABLE_NAME) WHERE c.TABLE_SCHEMA = ? AND 1 = ?");
        assertThat(query.parameterCount()).isEqualTo(2);
        assertThat(LocalStatements.recognize("SELECT * FROM information_schema_copy.t")).isEmpty();
    }
}
