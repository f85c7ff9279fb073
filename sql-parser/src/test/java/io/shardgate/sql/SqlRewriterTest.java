package io.shardgate.sql;

import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlRewriterTest {

    private final SqlAnalyzer analyzer = new SqlAnalyzer(0);
    private final SqlRewriter rewriter = new SqlRewriter();

    private RewrittenSql rewrite(String sql, RewriteSpec spec) {
        return rewriter.rewrite(analyzer.analyze(sql), spec);
    }

    private RewrittenSql rename(String sql) {
        return rewrite(sql, RewriteSpec.tablesOnly(Map.of("orders", "orders_1", "order_items", "order_items_1")));
    }

    private static BitSet rows(int... keep) {
        BitSet b = new BitSet();
        for (int k : keep) {
            b.set(k);
        }
        return b;
    }

    @Test
    void renamesTablesKeepingBackQuotesAndDroppingTheSchema() {
        RewrittenSql r = rename("SELECT * FROM `shop`.`orders` o JOIN shop.order_items i ON o.id = i.oid WHERE o.user_id = ?");
        assertThat(r.sql()).isEqualTo(
                "SELECT * FROM `orders_1` o JOIN order_items_1 i ON o.id = i.oid WHERE o.user_id = ?");
        assertThat(r.parameterIndexes()).containsExactly(0);
    }

    @Test
    void renamesTableNameQualifiersButNotAliases() {
        assertThat(rename("SELECT orders.id, shop.orders.status, o2.id FROM orders JOIN orders o2 ON orders.id = o2.id "
                + "WHERE `orders`.user_id = 1").sql())
                .isEqualTo("SELECT orders_1.id, orders_1.status, o2.id FROM orders_1 JOIN orders_1 o2 ON orders_1.id = o2.id "
                        + "WHERE `orders_1`.user_id = 1");
    }

    @Test
    void aliasNamedLikeAnotherTableIsNotRenamed() {
        assertThat(rename("SELECT orders.x FROM customers orders").sql())
                .isEqualTo("SELECT orders.x FROM customers orders");
    }

    @Test
    void tablesNotInTheSpecStayAsWritten() {
        assertThat(rename("SELECT * FROM shop.customers c JOIN orders o ON c.id = o.cid").sql())
                .isEqualTo("SELECT * FROM shop.customers c JOIN orders_1 o ON c.id = o.cid");
    }

    @Test
    void systemSchemaTablesAreNeverRenamed() {
        assertThat(rewrite("SELECT * FROM information_schema.tables WHERE table_schema = 'shop'",
                RewriteSpec.tablesOnly(Map.of("tables", "tables"))).sql())
                .isEqualTo("SELECT * FROM information_schema.tables WHERE table_schema = 'shop'");
    }

    @Test
    void limitReplacementDropsItsMarkers() {
        RewrittenSql r = rewrite("SELECT * FROM orders WHERE user_id > ? ORDER BY id LIMIT ?, ?",
                new RewriteSpec(Map.of("orders", "orders_2"), 30L, false, null, null, null));
        assertThat(r.sql()).isEqualTo("SELECT * FROM orders_2 WHERE user_id > ? ORDER BY id LIMIT 30");
        assertThat(r.parameterIndexes()).containsExactly(0);
    }

    @Test
    void onlyTheOutermostLimitIsReplaced() {
        RewrittenSql r = rewrite("SELECT * FROM t WHERE a IN (SELECT b FROM u LIMIT ?) AND c = ? LIMIT ? OFFSET ? FOR UPDATE",
                new RewriteSpec(Map.of(), 100L, false, null, null, null));
        assertThat(r.sql()).isEqualTo("SELECT * FROM t WHERE a IN (SELECT b FROM u LIMIT ?) AND c = ? LIMIT 100 FOR UPDATE");
        assertThat(r.parameterIndexes()).containsExactly(0, 1);
    }

    @Test
    void limitWithoutLimitClauseIsIgnored() {
        assertThat(rewrite("SELECT * FROM t", new RewriteSpec(Map.of(), 10L, false, null, null, null)).sql())
                .isEqualTo("SELECT * FROM t");
    }

    @Test
    void derivedColumnsGoAtTheEndOfTheSelectListWithRenamedQualifiers() {
        RewrittenSql r = rewrite("SELECT status, AVG(amount) FROM orders GROUP BY status ORDER BY orders.created_at",
                new RewriteSpec(Map.of("orders", "orders_3"), null, true, null, null, null));
        assertThat(r.sql()).isEqualTo("SELECT status, AVG(amount), orders_3.created_at AS __sg_o0, "
                + "SUM(amount) AS __sg_avg_sum1, COUNT(amount) AS __sg_avg_cnt1 FROM orders_3 GROUP BY status "
                + "ORDER BY orders_3.created_at");
    }

    @Test
    void derivedColumnsRepeatTheirMarkers() {
        RewrittenSql r = rewrite("SELECT a FROM t WHERE b = ? ORDER BY FIELD(id, ?, ?)",
                new RewriteSpec(Map.of(), null, true, null, null, null));
        assertThat(r.sql()).isEqualTo("SELECT a, FIELD(id, ?, ?) AS __sg_o0 FROM t WHERE b = ? ORDER BY FIELD(id, ?, ?)");
        assertThat(r.parameterIndexes()).containsExactly(1, 2, 0, 1, 2);
    }

    @Test
    void derivedColumnsWithoutFromGoAtTheEnd() {
        assertThat(rewrite("SELECT AVG(2)", new RewriteSpec(Map.of(), null, true, null, null, null)).sql())
                .isEqualTo("SELECT AVG(2), SUM(2) AS __sg_avg_sum0, COUNT(2) AS __sg_avg_cnt0");
    }

    @Test
    void derivedNotAppendedUnlessAsked() {
        assertThat(rewrite("SELECT a FROM t ORDER BY b", RewriteSpec.tablesOnly(Map.of())).sql())
                .isEqualTo("SELECT a FROM t ORDER BY b");
    }

    @Test
    void splittingInsertRowsKeepsTheirMarkers() {
        String sql = "INSERT INTO orders (id, user_id) VALUES (?, ?), (2, ?), (?, 4)";
        Map<String, String> t = Map.of("orders", "orders_0");
        RewrittenSql first = rewrite(sql, new RewriteSpec(t, null, false, rows(0), null, null));
        assertThat(first.sql()).isEqualTo("INSERT INTO orders_0 (id, user_id) VALUES (?, ?)");
        assertThat(first.parameterIndexes()).containsExactly(0, 1);
        RewrittenSql middle = rewrite(sql, new RewriteSpec(t, null, false, rows(1), null, null));
        assertThat(middle.sql()).isEqualTo("INSERT INTO orders_0 (id, user_id) VALUES (2, ?)");
        assertThat(middle.parameterIndexes()).containsExactly(2);
        RewrittenSql outer = rewrite(sql, new RewriteSpec(t, null, false, rows(0, 2), null, null));
        assertThat(outer.sql()).isEqualTo("INSERT INTO orders_0 (id, user_id) VALUES (?, ?), (?, 4)");
        assertThat(outer.parameterIndexes()).containsExactly(0, 1, 3);
        RewrittenSql last = rewrite(sql, new RewriteSpec(t, null, false, rows(1, 2), null, null));
        assertThat(last.sql()).isEqualTo("INSERT INTO orders_0 (id, user_id) VALUES (2, ?), (?, 4)");
        assertThat(last.parameterIndexes()).containsExactly(2, 3);
    }

    @Test
    void splittingKeepsOnDuplicateKeyUpdateAndItsMarkers() {
        RewrittenSql r = rewrite("INSERT INTO t (a, b) VALUES (?, 1), (?, 2) ON DUPLICATE KEY UPDATE b = ?",
                new RewriteSpec(Map.of(), null, false, rows(1), null, null));
        assertThat(r.sql()).isEqualTo("INSERT INTO t (a, b) VALUES (?, 2) ON DUPLICATE KEY UPDATE b = ?");
        assertThat(r.parameterIndexes()).containsExactly(1, 2);
    }

    @Test
    void generatedKeyColumnIsAddedToTheKeptRows() {
        RewrittenSql r = rewrite("INSERT INTO orders (user_id, note) VALUES (?, 'a'), (7, ?)",
                new RewriteSpec(Map.of("orders", "orders_1"), null, false, rows(1), "order_id", List.of("101", "102")));
        assertThat(r.sql()).isEqualTo("INSERT INTO orders_1 (user_id, note, order_id) VALUES (7, ?, 102)");
        assertThat(r.parameterIndexes()).containsExactly(1);
        RewrittenSql all = rewrite("INSERT INTO orders (user_id) VALUES (1), (2)",
                new RewriteSpec(Map.of(), null, false, null, "order_id", List.of("11", "12")));
        assertThat(all.sql()).isEqualTo("INSERT INTO orders (user_id, order_id) VALUES (1, 11), (2, 12)");
    }

    @Test
    void generatedKeyColumnInSetForm() {
        RewrittenSql r = rewrite("INSERT INTO orders SET user_id = ? ON DUPLICATE KEY UPDATE n = n + 1",
                new RewriteSpec(Map.of(), null, false, null, "order_id", List.of("5")));
        assertThat(r.sql()).isEqualTo("INSERT INTO orders SET user_id = ?, order_id = 5 ON DUPLICATE KEY UPDATE n = n + 1");
        assertThat(r.parameterIndexes()).containsExactly(0);
    }

    @Test
    void generatedKeyNeedsAColumnList() {
        assertThatThrownBy(() -> rewrite("INSERT INTO orders VALUES (1, 2)",
                new RewriteSpec(Map.of(), null, false, null, "order_id", List.of("5"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column list");
        assertThatThrownBy(() -> rewrite("INSERT INTO t (a) VALUES (1), (2)",
                new RewriteSpec(Map.of(), null, false, rows(5), null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keeps none");
    }

    @Test
    void ddlShowExplainAndOtherStatementsAreRenamed() {
        assertThat(rename("ALTER TABLE orders ADD COLUMN x INT").sql()).isEqualTo("ALTER TABLE orders_1 ADD COLUMN x INT");
        assertThat(rename("SHOW COLUMNS FROM `orders`").sql()).isEqualTo("SHOW COLUMNS FROM `orders_1`");
        RewrittenSql explain = rename("EXPLAIN SELECT * FROM orders WHERE user_id = ? AND orders.id = ?");
        assertThat(explain.sql()).isEqualTo("EXPLAIN SELECT * FROM orders_1 WHERE user_id = ? AND orders_1.id = ?");
        assertThat(explain.parameterIndexes()).containsExactly(0, 1);
        assertThat(rename("LOCK TABLES orders READ, order_items WRITE").sql())
                .isEqualTo("LOCK TABLES orders_1 READ, order_items_1 WRITE");
        assertThat(rename("SELECT status FROM orders WHERE user_id = 1 GROUP BY status WITH ROLLUP").sql())
                .isEqualTo("SELECT status FROM orders_1 WHERE user_id = 1 GROUP BY status WITH ROLLUP");
    }

    @Test
    void nothingToChangeGivesTheTextAndIdentityParameters() {
        RewrittenSql r = rewrite("UPDATE t SET a = ? WHERE b = ?", RewriteSpec.tablesOnly(Map.of()));
        assertThat(r.sql()).isEqualTo("UPDATE t SET a = ? WHERE b = ?");
        assertThat(r.parameterIndexes()).containsExactly(0, 1);
    }

    @Test
    void rewritingIsByteFaithfulOutsideTheEdits() {
        String sql = "SELECT /*+ shardgate: leader */ 'orders' AS `orders`, \"orders\"\n\tFROM orders -- orders\nWHERE x = 'a\\'orders'";
        assertThat(rename(sql).sql()).isEqualTo(
                "SELECT /*+ shardgate: leader */ 'orders' AS `orders`, \"orders\"\n\tFROM orders_1 -- orders\nWHERE x = 'a\\'orders'");
    }
}
