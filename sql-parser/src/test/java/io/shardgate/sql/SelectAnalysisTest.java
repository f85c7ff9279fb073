package io.shardgate.sql;

import io.shardgate.sql.Predicate.And;
import io.shardgate.sql.Predicate.ColumnEquality;
import io.shardgate.sql.Predicate.Compare;
import io.shardgate.sql.Predicate.CompareOp;
import io.shardgate.sql.SelectStatement.Aggregate;
import io.shardgate.sql.SelectStatement.SortKey;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SelectAnalysisTest {

    private final SqlAnalyzer analyzer = new SqlAnalyzer(0);

    private SelectStatement select(String sql) {
        SqlStatement s = analyzer.analyze(sql);
        assertThat(s).as("analysis of %s: %s", sql, s).isInstanceOf(SelectStatement.class);
        return (SelectStatement) s;
    }

    private static SqlValue lit(Object v) {
        return new SqlValue.Literal(v);
    }

    private static ColumnRef col(String table, String column) {
        return new ColumnRef(table, column);
    }

    @Test
    void pointSelectByShardKey() {
        SelectStatement s = select("SELECT * FROM orders WHERE user_id = ?");
        assertThat(s.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(s.tables()).containsExactly(new TableRef("orders", null, null, 14, 20, false));
        assertThat(s.where()).isEqualTo(new Compare(col("orders", "user_id"), CompareOp.EQ, new SqlValue.Param(0)));
        assertThat(s.parameterCount()).isEqualTo(1);
        assertThat(s.items()).singleElement().satisfies(i -> assertThat(i.star()).isTrue());
        assertThat(s.limit()).isNull();
        assertThat(s.lock()).isEqualTo(SelectStatement.LockMode.NONE);
    }

    @Test
    void tableReferenceSpansCoverSchemaAndQuotesButNotAlias() {
        String sql = "SELECT 1 FROM `shop` . `Orders` AS o";
        TableRef t = select(sql).tables().get(0);
        assertThat(t.name()).isEqualTo("orders");
        assertThat(t.schema()).isEqualTo("shop");
        assertThat(t.alias()).isEqualTo("o");
        assertThat(sql.substring(t.start(), t.end())).isEqualTo("`shop` . `Orders`");
    }

    @Test
    void quotedNameWithDotIsOneName() {
        TableRef t = select("SELECT * FROM `my.orders`").tables().get(0);
        assertThat(t.name()).isEqualTo("my.orders");
        assertThat(t.schema()).isNull();
    }

    @Test
    void innerJoinConditionsJoinTheWhereButLeftJoinOnlyGivesEqualities() {
        SelectStatement inner = select("SELECT * FROM a JOIN b ON a.id = b.id AND b.k = 1 WHERE a.x = 2");
        assertThat(inner.where()).isEqualTo(new And(List.of(
                new Compare(col("a", "x"), CompareOp.EQ, lit(2L)),
                new ColumnEquality(col("a", "id"), col("b", "id")),
                new Compare(col("b", "k"), CompareOp.EQ, lit(1L)))));
        SelectStatement left = select("SELECT * FROM a LEFT JOIN b ON a.id = b.id AND b.k = 1");
        assertThat(left.where()).isEqualTo(new ColumnEquality(col("a", "id"), col("b", "id")));
    }

    @Test
    void usingJoinGivesColumnEquality() {
        assertThat(select("SELECT * FROM orders JOIN order_items USING (user_id)").where())
                .isEqualTo(new ColumnEquality(col("orders", "user_id"), col("order_items", "user_id")));
    }

    @Test
    void aliasesResolveToTablesAndUnqualifiedColumnsToTheOnlyTable() {
        assertThat(select("SELECT * FROM orders o WHERE o.user_id = 1 AND status = 'x'").where())
                .isEqualTo(new And(List.of(new Compare(col("orders", "user_id"), CompareOp.EQ, lit(1L)),
                        new Compare(col("orders", "status"), CompareOp.EQ, lit("x")))));
        assertThat(select("SELECT * FROM a, b WHERE k = 1").where())
                .isEqualTo(new Compare(col(null, "k"), CompareOp.EQ, lit(1L)));
    }

    @Test
    void literalValuesKeepTheirType() {
        And where = (And) select("SELECT * FROM t WHERE a = 99999999999999999999 AND b = 2.50 AND c = 2E2 AND d = FALSE "
                + "AND e = -7 AND f = 'x'").where();
        assertThat(where.terms()).extracting(p -> ((Compare) p).value()).containsExactly(
                lit(new BigInteger("99999999999999999999")), lit(new BigDecimal("2.50")), lit(200.0), lit(false),
                lit(-7L), lit("x"));
    }

    @Test
    void keyWordLikeColumnNamesAreColumns() {
        assertThat(select("SELECT * FROM t WHERE `date` = 1 AND value = 2 AND user = 3 AND year = 4").where())
                .isInstanceOfSatisfying(And.class, and -> assertThat(and.terms()).extracting(
                        p -> ((Compare) p).column().column()).containsExactly("date", "value", "user", "year"));
    }

    @Test
    void itemsTextAliasAndAggregates() {
        SelectStatement s = select("SELECT u.name AS n, COUNT(DISTINCT o.id) cnt, SUM(o.amount), "
                + "MAX(o.amount) + 1 AS m, o.* FROM orders o JOIN users u ON u.id = o.user_id GROUP BY u.name");
        assertThat(s.items()).extracting(SelectStatement.SelectItem::text)
                .containsExactly("u.name", "COUNT(DISTINCT o.id)", "SUM(o.amount)", "MAX(o.amount) + 1", "o.*");
        assertThat(s.items()).extracting(SelectStatement.SelectItem::alias)
                .containsExactly("n", "cnt", null, "m", null);
        assertThat(s.items()).extracting(SelectStatement.SelectItem::aggregate)
                .containsExactly(Aggregate.NONE, Aggregate.COUNT, Aggregate.SUM, Aggregate.OTHER, Aggregate.NONE);
        assertThat(s.items().get(1).distinctArgument()).isTrue();
        assertThat(s.items().get(4).star()).isTrue();
        assertThat(s.groupBy()).containsExactly(new SortKey(0, false));
    }

    @Test
    void avgGetsSumAndCountBehindIt() {
        SelectStatement s = select("SELECT region, AVG(amount) FROM orders GROUP BY region");
        assertThat(s.derived()).containsExactly("SUM(amount) AS __sg_avg_sum1", "COUNT(amount) AS __sg_avg_cnt1");
        assertThat(s.items().get(1).avgSum()).isEqualTo(2);
        assertThat(s.items().get(1).avgCount()).isEqualTo(3);
        assertThat(s.items().get(0).avgSum()).isEqualTo(-1);
    }

    @Test
    void orderKeysMatchAliasOrdinalExpressionAndColumnElseAreDerived() {
        SelectStatement s = select("SELECT id AS i, amount*2 AS d, t.status FROM t "
                + "ORDER BY i DESC, 2, AMOUNT * 2, status, t.created_at, 3");
        assertThat(s.orderBy()).containsExactly(new SortKey(0, true), new SortKey(1, false), new SortKey(1, false),
                new SortKey(2, false), new SortKey(3, false), new SortKey(2, false));
        assertThat(s.derived()).containsExactly("t.created_at AS __sg_o4");
    }

    @Test
    void derivedColumnsSayHowTheyCombine() {
        SelectStatement s = select("SELECT region, AVG(x) FROM t GROUP BY region, zone ORDER BY SUM(y) DESC");
        assertThat(s.derived()).containsExactly("zone AS __sg_g1", "SUM(y) AS __sg_o0",
                "SUM(x) AS __sg_avg_sum1", "COUNT(x) AS __sg_avg_cnt1");
        assertThat(s.derivedAggregates()).containsExactly(Aggregate.NONE, Aggregate.SUM, Aggregate.SUM, Aggregate.COUNT);
        assertThat(s.orderBy()).containsExactly(new SortKey(3, true));
    }

    @Test
    void groupAndOrderKeysShareDerivedColumns() {
        SelectStatement s = select("SELECT COUNT(*) FROM t GROUP BY region ORDER BY region DESC");
        assertThat(s.derived()).containsExactly("region AS __sg_g0");
        assertThat(s.groupBy()).containsExactly(new SortKey(1, false));
        assertThat(s.orderBy()).containsExactly(new SortKey(1, true));
    }

    @Test
    void starSelectAppendsPlainOrderColumns() {
        SelectStatement s = select("SELECT * FROM orders ORDER BY created_at");
        assertThat(s.derived()).containsExactly("created_at AS __sg_o0");
        assertThat(s.orderBy()).containsExactly(new SortKey(1, false));
    }

    @Test
    void limitForms() {
        assertThat(select("SELECT * FROM t LIMIT 5").limit()).isEqualTo(new SelectStatement.Limit(null, lit(5L)));
        assertThat(select("SELECT * FROM t LIMIT 5, 10").limit())
                .isEqualTo(new SelectStatement.Limit(lit(5L), lit(10L)));
        assertThat(select("SELECT * FROM t LIMIT 10 OFFSET 5").limit())
                .isEqualTo(new SelectStatement.Limit(lit(5L), lit(10L)));
        assertThat(select("SELECT * FROM t WHERE a = ? LIMIT ?, ?").limit())
                .isEqualTo(new SelectStatement.Limit(new SqlValue.Param(1), new SqlValue.Param(2)));
        assertThat(select("SELECT * FROM t WHERE a IN (SELECT b FROM u LIMIT 1)").limit()).isNull();
    }

    @Test
    void lockingClauses() {
        assertThat(select("SELECT * FROM t WHERE id = 1 FOR UPDATE").lock()).isEqualTo(SelectStatement.LockMode.FOR_UPDATE);
        assertThat(select("SELECT * FROM t WHERE id = 1 LOCK IN SHARE MODE").lock()).isEqualTo(SelectStatement.LockMode.SHARE);
        assertThat(select("SELECT * FROM t FOR SHARE NOWAIT").lock()).isEqualTo(SelectStatement.LockMode.SHARE);
        assertThat(select("SELECT * FROM t WHERE a IN (SELECT b FROM u FOR UPDATE)").lock())
                .isEqualTo(SelectStatement.LockMode.NONE);
    }

    @Test
    void subqueriesAndDerivedTablesAreFlaggedAndTheirTablesListed() {
        SelectStatement s = select("SELECT * FROM (SELECT * FROM a) x WHERE x.id IN (SELECT id FROM b) "
                + "AND EXISTS (SELECT 1 FROM c)");
        assertThat(s.subquery()).isTrue();
        assertThat(s.tableNames()).containsExactly("a", "b", "c");
        assertThat(s.tables()).allSatisfy(t -> assertThat(t.inSubquery()).isTrue());
        assertThat(s.where()).isEqualTo(Predicate.OPAQUE);
    }

    @Test
    void cteNamesAreNotTables() {
        SelectStatement s = select("WITH x AS (SELECT * FROM orders) SELECT * FROM x JOIN users u ON u.id = x.uid");
        assertThat(s.tableNames()).containsExactly("orders", "users");
    }

    @Test
    void unionIsFlaggedAndBothSidesRestrictTheRoute() {
        SelectStatement s = select("SELECT id FROM a WHERE k = 1 UNION SELECT id FROM b WHERE k = 2");
        assertThat(s.union()).isTrue();
        assertThat(s.where()).isEqualTo(new Predicate.Or(List.of(
                new Compare(col("a", "k"), CompareOp.EQ, lit(1L)), new Compare(col("b", "k"), CompareOp.EQ, lit(2L)))));
        assertThat(s.derived()).isEmpty();
    }

    @Test
    void distinctHavingAndRollup() {
        assertThat(select("SELECT DISTINCT a FROM t").distinct()).isTrue();
        SelectStatement having = select("SELECT a, COUNT(*) FROM t GROUP BY a HAVING COUNT(*) > 1");
        assertThat(having.having()).isTrue();
        assertThat(having.rollup()).isFalse();
        SelectStatement rollup = select("SELECT a, COUNT(*) FROM t WHERE k = 1 GROUP BY a WITH ROLLUP");
        assertThat(rollup.rollup()).isTrue();
        assertThat(rollup.having()).as("rollup needs complete groups, like HAVING").isTrue();
        assertThat(rollup.where()).isEqualTo(new Compare(col("t", "k"), CompareOp.EQ, lit(1L)));
    }

    @Test
    void mysqlOnlySyntaxDoesNotStopAnalysis() {
        for (String sql : List.of(
                "SELECT SQL_CALC_FOUND_ROWS * FROM t WHERE k = 1",
                "SELECT SQL_NO_CACHE DISTINCT a FROM t WHERE k = 1",
                "SELECT * FROM t USE INDEX (i1) WHERE k = 1",
                "SELECT * FROM t FORCE INDEX FOR JOIN (i1) IGNORE KEY (i2) WHERE k = 1",
                "SELECT * FROM t PARTITION (p0, p1) WHERE k = 1",
                "SELECT * FROM t WHERE k = 1 AND name = 'x' COLLATE utf8mb4_bin",
                "SELECT * FROM t WHERE BINARY name = 'x' AND k = 1",
                "SELECT STRAIGHT_JOIN * FROM t STRAIGHT_JOIN u ON t.id = u.id WHERE t.k = 1",
                "SELECT * FROM t WHERE k = 1 AND a <=> b",
                "SELECT * FROM t WHERE k = 1 AND j->>'$.a' = 'x'",
                "SELECT CURRENT_USER(), CURRENT_TIMESTAMP() FROM t WHERE k = 1",
                "SELECT * FROM t WHERE k = 1;",
                "/*!40001 SELECT * FROM t WHERE k = 1 */")) {
            SelectStatement s = select(sql);
            assertThat(s.tableNames()).as(sql).startsWith("t");
            assertThat(SqlAnalyzerTestSupport.conjuncts(s.where())).as(sql)
                    .contains(new Compare(col("t", "k"), CompareOp.EQ, lit(1L)));
        }
    }
}
