package io.shardgate.engine;

import io.shardgate.engine.keygen.WorkerId;
import io.shardgate.engine.testing.H2Groups;
import io.shardgate.engine.testing.Scripted;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.config.DataNode;
import io.shardgate.rules.config.Policies;
import io.shardgate.rules.config.TableRule;
import io.shardgate.rules.route.MergeSpec;
import io.shardgate.rules.route.MergeSpec.AggregateColumn;
import io.shardgate.rules.route.MergeSpec.SortKey;
import io.shardgate.rules.route.RouteFlag;
import io.shardgate.sql.DdlStatement;
import io.shardgate.sql.SelectStatement;
import io.shardgate.sql.SetStatement;
import io.shardgate.sql.StatementKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.shardgate.engine.testing.Scripted.ddl;
import static io.shardgate.engine.testing.Scripted.insert;
import static io.shardgate.engine.testing.Scripted.leaderUnit;
import static io.shardgate.engine.testing.Scripted.plan;
import static io.shardgate.engine.testing.Scripted.select;
import static io.shardgate.engine.testing.Scripted.selectItems;
import static io.shardgate.engine.testing.Scripted.set;
import static io.shardgate.engine.testing.Scripted.show;
import static io.shardgate.engine.testing.Scripted.table;
import static io.shardgate.engine.testing.Scripted.tx;
import static io.shardgate.engine.testing.Scripted.unit;
import static io.shardgate.engine.testing.Scripted.use;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineSessionTest {

    private final H2Groups h2 = new H2Groups(2);
    private final Scripted script = new Scripted();
    private Engine engine;

    private EngineSession open(Policies policies) {
        Map<String, TableRule> tables = new LinkedHashMap<>();
        tables.put("orders", new TableRule.Sharded("orders", "user_id", new TableRule.AlgorithmSpec("mod", Map.of()),
                List.of(new DataNode("g0", "orders_0"), new DataNode("g1", "orders_1")),
                new TableRule.KeyGenerator("order_id", "snowflake", Map.of()), null));
        tables.put("countries", new TableRule.Broadcast("countries"));
        h2.exec(0, "CREATE TABLE orders_0 (order_id BIGINT PRIMARY KEY, user_id INT NOT NULL, total DECIMAL(10,2))",
                "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40))",
                "CREATE TABLE countries (code CHAR(2) PRIMARY KEY)");
        h2.exec(1, "CREATE TABLE orders_1 (order_id BIGINT PRIMARY KEY, user_id INT NOT NULL, total DECIMAL(10,2))",
                "CREATE TABLE countries (code CHAR(2) PRIMARY KEY)");
        h2.exec(0, "INSERT INTO orders_0 VALUES (1, 2, 10.00), (3, 4, 30.00), (5, 6, NULL)");
        h2.exec(1, "INSERT INTO orders_1 VALUES (2, 1, 20.00), (4, 3, 40.00)");
        engine = new Engine(List.of(h2.rules("shop", tables, policies)), new EngineOptions(4, 1000, 16),
                script.analyzer(), rules -> script.router(), new WorkerId(p -> "7", e -> null, "test/1"));
        return engine.openSession("shop");
    }

    private EngineSession open() {
        return open(Policies.DEFAULT);
    }

    @AfterEach
    void tearDown() {
        if (engine != null) {
            engine.close();
        }
        h2.close();
    }

    static List<List<Object>> rows(ExecutionResult result) {
        QueryResult query = (QueryResult) result;
        List<List<Object>> rows = new ArrayList<>();
        while (query.rows().next()) {
            Object[] row = new Object[query.columns().size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = query.rows().value(i);
            }
            rows.add(Arrays.asList(row));
        }
        query.close();
        return rows;
    }

    private static Policies policy(Policies.CrossShardTransaction crossShard) {
        return new Policies(Policies.CrossShardJoin.FEDERATE, crossShard, Policies.ScatterWrite.ALLOW);
    }

    // ---- reads ------------------------------------------------------------------------------------

    @Test
    void scatterSelectIsSortMergedAndLimitedWithLogicalMetadata() {
        SelectStatement s = select("SELECT order_id, user_id FROM orders ORDER BY user_id LIMIT 1, 3", table("orders"));
        script.on(s, plan(s, new MergeSpec(0, List.of(), List.of(), List.of(new SortKey(1, false)), false, 1, 3, false),
                List.of(new RouteFlag(RouteFlag.Kind.SCATTER_READ, "scatter read: orders")), List.of(),
                unit("g0", "SELECT order_id, user_id FROM orders_0 ORDER BY user_id LIMIT 4"),
                unit("g1", "SELECT order_id, user_id FROM orders_1 ORDER BY user_id LIMIT 4")));
        EngineSession session = open();
        ExecutionResult result = session.execute(s.sql(), List.of());
        QueryResult query = (QueryResult) result;
        assertThat(query.columns()).extracting(ColumnMeta::table).containsOnly("orders");
        assertThat(query.columns()).extracting(ColumnMeta::schema).containsOnly("shop");
        assertThat(query.columns().get(1).nullable()).isFalse();
        assertThat(rows(result)).containsExactly(List.of(1L, 2), List.of(4L, 3), List.of(3L, 4));
        assertThat(session.warnings()).extracting(EngineWarning::code).containsExactly(8001);
    }

    @Test
    void aggregatesMergeIntoOneRowWithMysqlAverageScale() {
        // SELECT COUNT(*), SUM(total), AVG(total), MIN(total) FROM orders  (+ derived SUM(total), COUNT(total))
        SelectStatement s = select("SELECT COUNT(*), SUM(total), AVG(total), MIN(total) FROM orders", table("orders"));
        String unitSql = "SELECT COUNT(*), SUM(total), AVG(total), MIN(total), SUM(total), COUNT(total) FROM ";
        script.on(s, plan(s, new MergeSpec(2, List.of(), List.of(
                        new AggregateColumn(0, AggregateColumn.Function.COUNT, -1, -1),
                        new AggregateColumn(1, AggregateColumn.Function.SUM, -1, -1),
                        new AggregateColumn(2, AggregateColumn.Function.AVG, -2, -1),
                        new AggregateColumn(3, AggregateColumn.Function.MIN, -1, -1)), List.of(), false, 0, -1, false),
                unit("g0", unitSql + "orders_0"), unit("g1", unitSql + "orders_1")));
        EngineSession session = open();
        QueryResult result = (QueryResult) session.execute(s.sql(), List.of());
        assertThat(result.columns()).hasSize(4);
        assertThat(rows(result)).containsExactly(List.of(5L, new BigDecimal("100.00"), new BigDecimal("25.000000"),
                new BigDecimal("10.00")));
    }

    @Test
    void groupByAcrossShardsMergesGroupsAndHidesDerivedColumns() {
        SelectStatement s = select("SELECT user_id % 2 AS odd, COUNT(*) FROM orders GROUP BY odd ORDER BY odd",
                table("orders"));
        String unitSql = "SELECT MOD(user_id, 2) AS odd, COUNT(*) FROM %s GROUP BY odd ORDER BY odd";
        script.on(s, plan(s, new MergeSpec(0, List.of(new SortKey(0, false)),
                        List.of(new AggregateColumn(1, AggregateColumn.Function.COUNT, -1, -1)),
                        List.of(new SortKey(0, false)), false, 0, -1, false),
                unit("g0", unitSql.formatted("orders_0")), unit("g1", unitSql.formatted("orders_1"))));
        EngineSession session = open();
        h2.exec(0, "INSERT INTO orders_0 VALUES (7, 4, 5.00)");
        assertThat(rows(session.execute(s.sql(), List.of()))).containsExactly(List.of(0, 4L), List.of(1, 2L));
    }

    @Test
    void havingAcrossShardsFailsBeforeAnythingRuns() {
        SelectStatement s = select("SELECT user_id FROM orders GROUP BY user_id HAVING COUNT(*) > 1", table("orders"));
        script.on(s, plan(s, new MergeSpec(0, List.of(new SortKey(0, false)), List.of(), List.of(), false, 0, -1, true),
                unit("g0", "SELECT broken FROM nowhere"), unit("g1", "SELECT broken FROM nowhere")));
        assertThatThrownBy(() -> open().execute(s.sql(), List.of()))
                .isInstanceOfSatisfying(ShardgateException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MERGE));
    }

    @Test
    void databaseFunctionAnswersTheLogicalDatabase() {
        SelectStatement s = selectItems("SELECT DATABASE()", List.of("DATABASE()"));
        script.on(s);
        EngineSession session = open();
        QueryResult result = (QueryResult) session.execute(s.sql(), List.of());
        assertThat(result.columns().get(0).label()).isEqualTo("DATABASE()");
        assertThat(rows(result)).containsExactly(List.of("shop"));
    }

    @Test
    void tablelessStatementsGoWhereTheRouterSends() {
        SelectStatement s = selectItems("SELECT 1 + 1", List.of("1 + 1"));
        script.on(s, plan(s, MergeSpec.NONE, unit("g0", "SELECT 1 + 1")));
        assertThat(rows(open().execute(s.sql(), List.of()))).containsExactly(List.of(2));
    }

    @Test
    void unknownDatabasesAreRefused() {
        EngineSession session = open();
        SelectStatement other = select("SELECT * FROM other.t", table("other", "t"));
        script.on(use("USE nope", "nope")).on(other);
        assertThatThrownBy(() -> session.execute("USE nope", List.of()))
                .isInstanceOfSatisfying(ShardgateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_DATABASE);
                    assertThat(e.getMessage()).isEqualTo("Unknown database 'nope'");
                });
        assertThatThrownBy(() -> session.execute(other.sql(), List.of())).isInstanceOfSatisfying(
                ShardgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_DATABASE));
        assertThatThrownBy(() -> engine.openSession("nope")).isInstanceOf(ShardgateException.class);
        EngineSession none = engine.openSession(null);
        SelectStatement unqualified = select("SELECT * FROM orders", table("orders"));
        script.on(unqualified);
        assertThatThrownBy(() -> none.execute(unqualified.sql(), List.of())).isInstanceOfSatisfying(
                ShardgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_DATABASE_SELECTED));
        assertThat(engine.databases()).containsExactly("shop");
    }

    @Test
    void showTablesListsLogicalTablesOnly() {
        script.on(show("SHOW TABLES", "TABLES", null)).on(show("SHOW FULL TABLES LIKE 'c%'", "FULL TABLES", "'c%'"));
        EngineSession session = open();
        assertThat(rows(session.execute("SHOW TABLES", List.of()))).extracting(r -> r.get(0))
                .containsExactly("countries", "customers", "orders");
        QueryResult full = (QueryResult) session.execute("SHOW FULL TABLES LIKE 'c%'", List.of());
        assertThat(full.columns()).extracting(ColumnMeta::label).containsExactly("Tables_in_shop (c%)", "Table_type");
        assertThat(rows(full)).containsExactly(List.of("countries", "BASE TABLE"), List.of("customers", "BASE TABLE"));
    }

    @Test
    void tableMetadataComesFromTheFirstShardAndIsRefreshedAfterDdl() {
        EngineSession session = open();
        LogicalDatabase shop = engine.database("shop");
        assertThat(shop.catalog().table("orders").orElseThrow().columns())
                .extracting(c -> c.name()).containsExactly("order_id", "user_id", "total");
        assertThat(shop.catalog().table("orders").orElseThrow().primaryKey()).containsExactly("order_id");
        DdlStatement alter = ddl("ALTER TABLE orders ADD COLUMN note VARCHAR(10)", DdlStatement.DdlKind.ALTER_TABLE,
                "orders");
        script.on(alter, plan(alter, MergeSpec.NONE,
                leaderUnit("g0", "ALTER TABLE orders_0 ADD COLUMN note VARCHAR(10)"),
                leaderUnit("g1", "ALTER TABLE orders_1 ADD COLUMN note VARCHAR(10)")));
        session.execute(alter.sql(), List.of());
        assertThat(shop.catalog().table("orders").orElseThrow().columns()).extracting(c -> c.name())
                .containsExactly("order_id", "user_id", "total", "note");
        assertThat(h2.query(1, "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'orders_1' "
                + "AND column_name = 'note'")).isEqualTo(1L);
        assertThat(shop.catalog().table("nothing")).isEmpty();
    }

    // ---- writes and keys --------------------------------------------------------------------------

    @Test
    void multiRowInsertSplitByShardSumsRowsAndReturnsTheGeneratedKeys() {
        var ins = insert("INSERT INTO orders (user_id, total) VALUES (10, 1), (11, 2), (12, 3)", "orders",
                List.of("user_id", "total"));
        script.on(ins, plan(ins, MergeSpec.NONE, List.of(), List.of(900L, 901L, 902L),
                leaderUnit("g0", "INSERT INTO orders_0 (user_id, total, order_id) VALUES (10, 1, 900), (12, 3, 902)"),
                leaderUnit("g1", "INSERT INTO orders_1 (user_id, total, order_id) VALUES (11, 2, 901)")));
        SelectStatement lastId = selectItems("SELECT LAST_INSERT_ID()", List.of("LAST_INSERT_ID()"));
        script.on(lastId);
        EngineSession session = open();
        UpdateResult result = (UpdateResult) session.execute(ins.sql(), List.of());
        assertThat(result.affectedRows()).isEqualTo(3);
        assertThat(result.lastInsertId()).isEqualTo(900L);
        assertThat(session.generatedKeys()).containsExactly(900L, 901L, 902L);
        assertThat(rows(session.execute(lastId.sql(), List.of()))).containsExactly(List.of(900L));
        assertThat(h2.query(1, "SELECT user_id FROM orders_1 WHERE order_id = 901")).isEqualTo(11);
    }

    @Test
    void routerAsksTheEngineForSnowflakeKeys() {
        open();
        List<Long> keys = new ArrayList<>();
        var generator = new TableRule.KeyGenerator("order_id", "snowflake", Map.of());
        for (int i = 0; i < 3; i++) {
            keys.add(engine.keys().next("orders", generator));
        }
        assertThat(keys).isSorted().doesNotHaveDuplicates();
        assertThat(io.shardgate.engine.keygen.SnowflakeGenerator.parse(keys.get(0)).workerId()).isEqualTo(7);
    }

    @Test
    void sessionUserVariablesFollowTheSessionToEveryBackend() {
        SetStatement setX = set("SET @x = 42", SetStatement.Scope.USER, "x", "42", 42L);
        SelectStatement readX = select("SELECT @x FROM countries", table("countries"));
        script.on(setX).on(readX, plan(readX, MergeSpec.NONE, unit("g1", "SELECT @x")));
        EngineSession session = open();
        session.execute(setX.sql(), List.of());
        assertThat(rows(session.execute(readX.sql(), List.of()))).containsExactly(List.of(42));
        EngineSession other = engine.openSession("shop");
        assertThat(rows(other.execute(readX.sql(), List.of()))).as("not another session's").containsExactly(
                Arrays.asList((Object) null));
    }

    // ---- transactions -----------------------------------------------------------------------------

    private void scriptTransactionStatements() {
        script.on(tx("BEGIN", StatementKind.BEGIN)).on(tx("COMMIT", StatementKind.COMMIT))
                .on(tx("ROLLBACK", StatementKind.ROLLBACK))
                .on(tx("SAVEPOINT s1", StatementKind.SAVEPOINT, "s1", false))
                .on(tx("ROLLBACK TO SAVEPOINT s1", StatementKind.ROLLBACK, "s1", false));
        for (int id = 100; id < 110; id++) {
            int group = id % 2;
            var ins = insert("INSERT INTO orders (order_id, user_id) VALUES (" + id + ", " + id + ")", "orders",
                    List.of("order_id", "user_id"));
            script.on(ins, plan(ins, MergeSpec.NONE, leaderUnit("g" + group,
                    "INSERT INTO orders_" + group + " (order_id, user_id) VALUES (" + id + ", " + id + ")")));
        }
    }

    private long count(int group) {
        return (Long) h2.query(group, "SELECT COUNT(*) FROM orders_" + group + " WHERE order_id >= 100");
    }

    @Test
    void aTransactionOnOneGroupHoldsOneConnectionAndCommits() {
        scriptTransactionStatements();
        EngineSession session = open();
        session.execute("BEGIN", List.of());
        session.execute("INSERT INTO orders (order_id, user_id) VALUES (100, 100)", List.of());
        session.execute("INSERT INTO orders (order_id, user_id) VALUES (102, 102)", List.of());
        assertThat(session.inTransaction()).isTrue();
        var backends = engine.database("shop").backends();
        assertThat(backends.activeConnections(backends.leader("g0"))).isEqualTo(1);
        assertThat(count(0)).as("uncommitted rows are invisible outside").isZero();
        assertThat(script.contexts.get(script.contexts.size() - 1).transactionGroups()).containsExactly("g0");
        session.execute("COMMIT", List.of());
        assertThat(count(0)).isEqualTo(2);
        assertThat(session.inTransaction()).isFalse();
        assertThat(backends.activeConnections(backends.leader("g0"))).isZero();
        assertThat(session.warnings()).isEmpty();
    }

    @Test
    void bestEffortCrossShardTransactionIsFlaggedAndCommitsOrRollsBackEveryGroup() {
        scriptTransactionStatements();
        EngineSession session = open();
        session.execute("BEGIN", List.of());
        session.execute("INSERT INTO orders (order_id, user_id) VALUES (100, 100)", List.of());
        ExecutionResult second = session.execute("INSERT INTO orders (order_id, user_id) VALUES (101, 101)", List.of());
        assertThat(second.warnings()).extracting(EngineWarning::code).containsExactly(8004);
        assertThat(second.warnings().get(0).message()).contains("g0, g1").contains("best-effort");
        session.execute("ROLLBACK", List.of());
        assertThat(count(0) + count(1)).isZero();

        session.execute("BEGIN", List.of());
        session.execute("INSERT INTO orders (order_id, user_id) VALUES (102, 102)", List.of());
        session.execute("INSERT INTO orders (order_id, user_id) VALUES (103, 103)", List.of());
        session.execute("COMMIT", List.of());
        assertThat(count(0)).isEqualTo(1);
        assertThat(count(1)).isEqualTo(1);
    }

    @Test
    void rejectPolicyRollsBackAndNamesBothGroupsAndThePolicy() {
        scriptTransactionStatements();
        EngineSession session = open(policy(Policies.CrossShardTransaction.REJECT));
        session.execute("BEGIN", List.of());
        session.execute("INSERT INTO orders (order_id, user_id) VALUES (100, 100)", List.of());
        assertThatThrownBy(() -> session.execute("INSERT INTO orders (order_id, user_id) VALUES (101, 101)", List.of()))
                .isInstanceOfSatisfying(ShardgateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CROSS_SHARD_TRANSACTION_REJECTED);
                    assertThat(e.getMessage()).contains("group(s) g0").contains("group(s) g1")
                            .contains("cross-shard-transaction=reject").contains("rolled back")
                            .contains("best-effort");
                });
        assertThat(session.inTransaction()).isFalse();
        session.execute("COMMIT", List.of());
        assertThat(count(0) + count(1)).as("nothing of the rejected transaction survives").isZero();
    }

    @Test
    void xaPolicyOverH2BackendsIsRefusedWhenTheEngineStarts() {
        scriptTransactionStatements();
        assertThatThrownBy(() -> open(policy(Policies.CrossShardTransaction.XA)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cross-shard-transaction: xa").hasMessageContaining("is H2")
                .hasMessageContaining("use MySQL or MariaDB backends");
    }

    @Test
    void rollbackToSavepointUndoesLaterWorkOnEveryGroupIncludingGroupsThatJoinedLater() {
        scriptTransactionStatements();
        EngineSession session = open();
        session.execute("BEGIN", List.of());
        session.execute("INSERT INTO orders (order_id, user_id) VALUES (100, 100)", List.of());
        session.execute("SAVEPOINT s1", List.of());
        session.execute("INSERT INTO orders (order_id, user_id) VALUES (102, 102)", List.of());
        session.execute("INSERT INTO orders (order_id, user_id) VALUES (101, 101)", List.of());
        session.execute("ROLLBACK TO SAVEPOINT s1", List.of());
        session.execute("INSERT INTO orders (order_id, user_id) VALUES (103, 103)", List.of());
        session.execute("COMMIT", List.of());
        assertThat(h2.query(0, "SELECT GROUP_CONCAT(order_id) FROM orders_0 WHERE order_id >= 100")).isEqualTo("100");
        assertThat(h2.query(1, "SELECT GROUP_CONCAT(order_id) FROM orders_1 WHERE order_id >= 100")).isEqualTo("103");
    }

    @Test
    void autocommitOffOpensATransactionAtTheFirstStatement() {
        scriptTransactionStatements();
        script.on(set("SET autocommit = 0", SetStatement.Scope.SESSION, "autocommit", "0", 0L))
                .on(set("SET autocommit = 1", SetStatement.Scope.SESSION, "autocommit", "1", 1L));
        EngineSession session = open();
        session.execute("SET autocommit = 0", List.of());
        assertThat(session.autocommit()).isFalse();
        assertThat(session.inTransaction()).isFalse();
        session.execute("INSERT INTO orders (order_id, user_id) VALUES (100, 100)", List.of());
        assertThat(session.inTransaction()).isTrue();
        assertThat(count(0)).isZero();
        session.execute("SET autocommit = 1", List.of());
        assertThat(count(0)).as("turning autocommit on commits").isEqualTo(1);
        assertThat(session.inTransaction()).isFalse();
    }

    @Test
    void closingASessionRollsBackItsTransaction() {
        scriptTransactionStatements();
        EngineSession session = open();
        session.execute("BEGIN", List.of());
        session.execute("INSERT INTO orders (order_id, user_id) VALUES (100, 100)", List.of());
        session.close();
        assertThat(count(0)).isZero();
        var backends = engine.database("shop").backends();
        assertThat(backends.activeConnections(backends.leader("g0"))).isZero();
    }
}
