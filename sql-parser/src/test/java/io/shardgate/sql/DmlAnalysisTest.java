package io.shardgate.sql;

import io.shardgate.sql.Predicate.Compare;
import io.shardgate.sql.Predicate.CompareOp;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** INSERT / REPLACE / UPDATE / DELETE. */
class DmlAnalysisTest {

    private final SqlAnalyzer analyzer = new SqlAnalyzer(0);

    private <T extends SqlStatement> T analyze(String sql, Class<T> type) {
        SqlStatement s = analyzer.analyze(sql);
        assertThat(s).as("analysis of %s: %s", sql, s).isInstanceOf(type);
        return type.cast(s);
    }

    private static SqlValue lit(Object v) {
        return new SqlValue.Literal(v);
    }

    private static SqlValue param(int i) {
        return new SqlValue.Param(i);
    }

    @Test
    void multiRowInsertWithColumnsAndMarkers() {
        InsertStatement s = analyze("INSERT INTO orders (order_id, User_Id) VALUES (1, 'a'), (?, ?), (-2, NOW())",
                InsertStatement.class);
        assertThat(s.kind()).isEqualTo(StatementKind.INSERT);
        assertThat(s.table()).isEqualTo("orders");
        assertThat(s.columns()).containsExactly("order_id", "user_id");
        assertThat(s.rows()).containsExactly(List.of(lit(1L), lit("a")), List.of(param(0), param(1)),
                Arrays.asList(lit(-2L), null));
        assertThat(s.select()).isFalse();
        assertThat(s.parameterCount()).isEqualTo(2);
    }

    @Test
    void replaceIgnoreAndOnDuplicateKeyUpdate() {
        InsertStatement replace = analyze("REPLACE INTO t (a) VALUES (1)", InsertStatement.class);
        assertThat(replace.kind()).isEqualTo(StatementKind.REPLACE);
        InsertStatement ignore = analyze("INSERT IGNORE INTO t (a, b) VALUES (?, 2) "
                + "ON DUPLICATE KEY UPDATE b = VALUES(b) + ?, t.c = 3", InsertStatement.class);
        assertThat(ignore.onDuplicateKeyUpdate()).containsExactly("b", "c");
        assertThat(ignore.rows()).containsExactly(List.of(param(0), lit(2L)));
        assertThat(ignore.parameterCount()).isEqualTo(2);
    }

    @Test
    void setFormIsOneRow() {
        InsertStatement s = analyze("INSERT INTO t SET a = ?, b = 'x', c = a + 1", InsertStatement.class);
        assertThat(s.columns()).containsExactly("a", "b", "c");
        assertThat(s.rows()).containsExactly(Arrays.asList(param(0), lit("x"), null));
    }

    @Test
    void insertSelectListsTheSourceTables() {
        InsertStatement s = analyze("INSERT INTO archive (id) SELECT id FROM orders o JOIN users u ON o.uid = u.id",
                InsertStatement.class);
        assertThat(s.select()).isTrue();
        assertThat(s.rows()).isEmpty();
        assertThat(s.tableNames()).containsExactly("archive", "orders", "users");
    }

    @Test
    void insertWithSyntaxCalciteDoesNotKnowIsStillRoutable() {
        InsertStatement s = analyze("INSERT INTO t (id, g) VALUES (1, ST_GeomFromText('POINT(1 1)', 4326, 'axis-order=long-lat')),"
                + " (2, CONVERT('x' USING utf8mb4) COLLATE utf8mb4_bin)", InsertStatement.class);
        assertThat(s.rows()).extracting(r -> r.get(0)).containsExactly(lit(1L), lit(2L));
    }

    @Test
    void insertWithoutTableIsUnparsed() {
        SqlStatement s = analyzer.analyze("INSERT INTO VALUES (1)");
        assertThat(s).isInstanceOfSatisfying(OtherStatement.class, o -> {
            assertThat(o.kind()).isEqualTo(StatementKind.INSERT);
            assertThat(o.parsed()).isFalse();
            assertThat(o.parseError()).contains("table name");
        });
    }

    @Test
    void updateAssignmentsAndWhere() {
        UpdateStatement s = analyze("UPDATE orders o SET o.status = ?, amount = amount * 2, note = DEFAULT "
                + "WHERE o.user_id = ? AND id > 5", UpdateStatement.class);
        assertThat(s.assignments()).containsExactly(
                new UpdateStatement.Assignment(new ColumnRef("orders", "status"), param(0)),
                new UpdateStatement.Assignment(new ColumnRef("orders", "amount"), null),
                new UpdateStatement.Assignment(new ColumnRef("orders", "note"), null));
        assertThat(s.where()).isEqualTo(new Predicate.And(List.of(
                new Compare(new ColumnRef("orders", "user_id"), CompareOp.EQ, param(1)),
                new Compare(new ColumnRef("orders", "id"), CompareOp.GT, lit(5L)))));
        assertThat(s.limited()).isFalse();
    }

    @Test
    void updateAndDeleteWithLimitAreLimited() {
        assertThat(analyze("UPDATE t SET a = 1 WHERE k = 1 ORDER BY id LIMIT 1", UpdateStatement.class).limited()).isTrue();
        assertThat(analyze("DELETE FROM t WHERE k = 1 LIMIT ?", DeleteStatement.class).limited()).isTrue();
        assertThat(analyze("DELETE FROM t WHERE k IN (SELECT k FROM u LIMIT 1)", DeleteStatement.class).limited())
                .isFalse();
    }

    @Test
    void multiTableUpdateJoinsTheConditions() {
        UpdateStatement s = analyze("UPDATE orders o JOIN users u ON o.uid = u.id SET o.vip = u.vip WHERE o.user_id = 3",
                UpdateStatement.class);
        assertThat(s.tableNames()).containsExactly("orders", "users");
        assertThat(SqlAnalyzerTestSupport.conjuncts(s.where())).contains(
                new Compare(new ColumnRef("orders", "user_id"), CompareOp.EQ, lit(3L)),
                new Predicate.ColumnEquality(new ColumnRef("orders", "uid"), new ColumnRef("users", "id")));
    }

    @Test
    void deleteByShardKey() {
        DeleteStatement s = analyze("DELETE FROM orders WHERE user_id = ?", DeleteStatement.class);
        assertThat(s.where()).isEqualTo(new Compare(new ColumnRef("orders", "user_id"), CompareOp.EQ, param(0)));
        assertThat(s.tables()).singleElement().satisfies(t -> assertThat(t.name()).isEqualTo("orders"));
    }

    @Test
    void multiTableDeleteTargetsThatAreAliasesAreNotTables() {
        DeleteStatement aliases = analyze("DELETE o, i FROM orders o JOIN items i ON o.id = i.oid WHERE o.user_id = 1",
                DeleteStatement.class);
        assertThat(aliases.tableNames()).containsExactly("orders", "items");
        assertThat(aliases.tables()).hasSize(2);
        DeleteStatement names = analyze("DELETE orders FROM orders JOIN items ON orders.id = items.oid",
                DeleteStatement.class);
        assertThat(names.tables()).hasSize(3);
    }
}
