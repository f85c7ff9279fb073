package io.shardgate.sql;

import io.shardgate.sql.SetStatement.Scope;
import io.shardgate.sql.SetStatement.SetAssignment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** SET, USE, SHOW, DESCRIBE, transactions, KILL, admin SQL and EXPLAIN. */
class SessionStatementsTest {

    private final SqlAnalyzer analyzer = new SqlAnalyzer(0);

    private <T extends SqlStatement> T analyze(String sql, Class<T> type) {
        SqlStatement s = analyzer.analyze(sql);
        assertThat(s).as("analysis of %s: %s", sql, s).isInstanceOf(type);
        return type.cast(s);
    }

    private static SqlValue lit(Object v) {
        return new SqlValue.Literal(v);
    }

    @Test
    void setNamesWithCollation() {
        assertThat(analyze("SET NAMES utf8mb4 COLLATE 'utf8mb4_0900_ai_ci'", SetStatement.class).assignments())
                .containsExactly(new SetAssignment(Scope.SESSION, "names", "utf8mb4", lit("utf8mb4"), "utf8mb4_0900_ai_ci"));
    }

    @Test
    void mariaDbConnectorCombinedSet() {
        SetStatement s = analyze("set autocommit=1, sql_mode = concat(@@sql_mode,',STRICT_TRANS_TABLES'), "
                + "session_track_schema=1, NAMES utf8mb4", SetStatement.class);
        assertThat(s.assignments()).containsExactly(
                new SetAssignment(Scope.SESSION, "autocommit", "1", lit(1L), null),
                new SetAssignment(Scope.SESSION, "sql_mode", "concat(@@sql_mode,',STRICT_TRANS_TABLES')", null, null),
                new SetAssignment(Scope.SESSION, "session_track_schema", "1", lit(1L), null),
                new SetAssignment(Scope.SESSION, "names", "utf8mb4", lit("utf8mb4"), null));
    }

    @Test
    void scopesPrefixesAndUserVariables() {
        SetStatement s = analyze("SET @@GLOBAL.Max_Connections = 10, @@session.x = 'a', @@y = OFF, "
                + "GLOBAL z = 1, w = 2, SESSION v = 3, @u := ?", SetStatement.class);
        assertThat(s.assignments()).extracting(SetAssignment::scope, SetAssignment::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Scope.GLOBAL, "max_connections"),
                org.assertj.core.groups.Tuple.tuple(Scope.SESSION, "x"),
                org.assertj.core.groups.Tuple.tuple(Scope.SESSION, "y"),
                org.assertj.core.groups.Tuple.tuple(Scope.GLOBAL, "z"),
                org.assertj.core.groups.Tuple.tuple(Scope.GLOBAL, "w"),
                org.assertj.core.groups.Tuple.tuple(Scope.SESSION, "v"),
                org.assertj.core.groups.Tuple.tuple(Scope.USER, "u"));
        assertThat(s.assignments().get(2).value()).isEqualTo(lit("OFF"));
        assertThat(s.assignments().get(6).value()).isEqualTo(new SqlValue.Param(0));
        assertThat(s.parameterCount()).isEqualTo(1);
    }

    @Test
    void nullValueIsANullLiteral() {
        assertThat(analyze("SET character_set_results = NULL", SetStatement.class).assignments())
                .containsExactly(new SetAssignment(Scope.SESSION, "character_set_results", "NULL", lit(null), null));
    }

    @Test
    void transactionCharacteristics() {
        assertThat(analyze("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ", SetStatement.class).assignments())
                .containsExactly(new SetAssignment(Scope.SESSION, "transaction_isolation", "REPEATABLE-READ",
                        lit("REPEATABLE-READ"), null));
        assertThat(analyze("SET TRANSACTION READ ONLY", SetStatement.class).assignments())
                .containsExactly(new SetAssignment(Scope.NEXT_TRANSACTION, "transaction_read_only", "1", lit(1L), null));
    }

    @Test
    void brokenSetIsUnparsedNotThrown() {
        OtherStatement s = analyze("SET autocommit", OtherStatement.class);
        assertThat(s.kind()).isEqualTo(StatementKind.SET);
        assertThat(s.parsed()).isFalse();
        assertThat(s.parseError()).contains("'='");
    }

    @Test
    void use() {
        assertThat(analyze("USE `Shop`;", UseStatement.class).database()).isEqualTo("Shop");
    }

    @Test
    void showForms() {
        ShowStatement columns = analyze("SHOW FULL COLUMNS FROM orders FROM shop LIKE 'a%'", ShowStatement.class);
        assertThat(columns.what()).isEqualTo("FULL COLUMNS");
        assertThat(columns.tableNames()).containsExactly("orders");
        assertThat(columns.database()).isEqualTo("shop");
        assertThat(columns.like()).isEqualTo("a%");
        assertThat(analyze("SHOW TABLES", ShowStatement.class).what()).isEqualTo("TABLES");
        assertThat(analyze("show databases", ShowStatement.class).what()).isEqualTo("DATABASES");
        assertThat(analyze("SHOW SCHEMAS", ShowStatement.class).what()).isEqualTo("DATABASES");
        assertThat(analyze("SHOW VARIABLES LIKE 'x'", ShowStatement.class).what()).isEqualTo("VARIABLES");
        assertThat(analyze("SHOW LOCAL VARIABLES", ShowStatement.class).what()).isEqualTo("SESSION VARIABLES");
        assertThat(analyze("SHOW CHARSET", ShowStatement.class).what()).isEqualTo("CHARACTER SET");
        assertThat(analyze("SHOW KEYS IN orders", ShowStatement.class).what()).isEqualTo("INDEX");
        ShowStatement create = analyze("SHOW CREATE TABLE shop.orders", ShowStatement.class);
        assertThat(create.what()).isEqualTo("CREATE TABLE");
        assertThat(create.tables()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("orders");
            assertThat(t.schema()).isEqualTo("shop");
        });
    }

    @Test
    void describeIsShowColumns() {
        ShowStatement s = analyze("DESCRIBE `orders`", ShowStatement.class);
        assertThat(s.what()).isEqualTo("COLUMNS");
        assertThat(s.tableNames()).containsExactly("orders");
        assertThat(analyze("DESC orders", ShowStatement.class).what()).isEqualTo("COLUMNS");
    }

    @Test
    void explainOfAStatementCarriesItsAnalysis() {
        String sql = "EXPLAIN FORMAT=JSON SELECT * FROM orders WHERE user_id = ?";
        OtherStatement s = analyze(sql, OtherStatement.class);
        assertThat(s.kind()).isEqualTo(StatementKind.EXPLAIN);
        assertThat(s.explained()).isInstanceOf(SelectStatement.class);
        assertThat(s.parameterCount()).isEqualTo(1);
        TableRef t = s.tables().get(0);
        assertThat(sql.substring(t.start(), t.end())).isEqualTo("orders");
        assertThat(analyze("DESCRIBE SELECT 1", OtherStatement.class).explained()).isInstanceOf(SelectStatement.class);
    }

    @Test
    void transactionStatements() {
        assertThat(analyze("BEGIN", TransactionStatement.class).kind()).isEqualTo(StatementKind.BEGIN);
        assertThat(analyze("START TRANSACTION READ ONLY", TransactionStatement.class).readOnly()).isTrue();
        assertThat(analyze("START TRANSACTION", TransactionStatement.class).readOnly()).isFalse();
        assertThat(analyze("commit", TransactionStatement.class).kind()).isEqualTo(StatementKind.COMMIT);
        TransactionStatement to = analyze("ROLLBACK WORK TO sp", TransactionStatement.class);
        assertThat(to.kind()).isEqualTo(StatementKind.ROLLBACK);
        assertThat(to.savepoint()).isEqualTo("sp");
        TransactionStatement release = analyze("RELEASE SAVEPOINT sp", TransactionStatement.class);
        assertThat(release.kind()).isEqualTo(StatementKind.SAVEPOINT);
        assertThat(release.release()).isTrue();
        assertThat(analyze("XA COMMIT 'x'", OtherStatement.class).kind()).isEqualTo(StatementKind.XA);
    }

    @Test
    void kill() {
        assertThat(analyze("KILL 12", KillStatement.class).connectionId()).isEqualTo(12);
        KillStatement query = analyze("KILL QUERY 13", KillStatement.class);
        assertThat(query.queryOnly()).isTrue();
        assertThat(query.connectionId()).isEqualTo(13);
        assertThat(analyze("KILL CONNECTION abc", OtherStatement.class).kind()).isEqualTo(StatementKind.KILL);
    }

    @Test
    void adminStatements() {
        AdminStatement route = analyze("EXPLAIN ROUTE  SELECT * FROM t WHERE\n id = 1 ;", AdminStatement.class);
        assertThat(route.command()).isEqualTo(AdminStatement.Command.EXPLAIN_ROUTE);
        assertThat(route.argument()).isEqualTo("SELECT * FROM t WHERE\n id = 1");
        assertThat(analyze("SHOW SHARDGATE GROUPS", AdminStatement.class).command())
                .isEqualTo(AdminStatement.Command.SHOW_GROUPS);
        assertThat(analyze("show shardgate rules", AdminStatement.class).command())
                .isEqualTo(AdminStatement.Command.SHOW_RULES);
        assertThat(analyze("SHOW SHARDGATE HOTSPOTS", AdminStatement.class).command())
                .isEqualTo(AdminStatement.Command.SHOW_HOTSPOTS);
        assertThat(analyze("RELOAD SHARDGATE RULES", AdminStatement.class).command())
                .isEqualTo(AdminStatement.Command.RELOAD_RULES);
        OtherStatement unknown = analyze("SHOW SHARDGATE STUFF", OtherStatement.class);
        assertThat(unknown.kind()).isEqualTo(StatementKind.ADMIN);
        assertThat(unknown.parseError()).contains("SHOW SHARDGATE GROUPS");
    }
}
