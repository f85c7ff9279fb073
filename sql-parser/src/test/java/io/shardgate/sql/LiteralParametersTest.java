package io.shardgate.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LiteralParametersTest {

    private static LiteralParameters.Normalized of(String sql) {
        return LiteralParameters.of(sql);
    }

    @Test
    void valuesOfAWhereConditionBecomeParameters() {
        LiteralParameters.Normalized n = of("SELECT c FROM sbtest1 WHERE id = 42");
        assertThat(n.sql()).isEqualTo("SELECT c FROM sbtest1 WHERE id = ?");
        assertThat(n.values()).containsExactly(42L);

        n = of("select name, age from users where id in (1, 2, 3) and name like 'a%' and price >= 1.50");
        assertThat(n.sql()).isEqualTo("select name, age from users where id in (?, ?, ?) and name like ? and price >= ?");
        assertThat(n.values()).containsExactly(1L, 2L, 3L, "a%", new BigDecimal("1.50"));
    }

    @Test
    void siblingsShareOneTemplate() {
        assertThat(of("SELECT c FROM t WHERE id = 1").sql()).isEqualTo(of("SELECT c FROM t WHERE id = 99999").sql());
        assertThat(of("DELETE FROM t WHERE id = 7 AND k = 'x'").sql()).isEqualTo(of("DELETE FROM t WHERE id = 8 AND k = 'y'").sql());
    }

    @Test
    void writesTakeTheirValuesAndSetLists() {
        LiteralParameters.Normalized n = of("INSERT INTO t (id, k, c) VALUES (1, 'its', 2.5), (2, '', 3)");
        assertThat(n.sql()).isEqualTo("INSERT INTO t (id, k, c) VALUES (?, ?, ?), (?, ?, ?)");
        assertThat(n.values()).containsExactly(1L, "its", new BigDecimal("2.5"), 2L, "", 3L);

        n = of("UPDATE t SET k = k + 1, c = 'new' WHERE id = 5");
        assertThat(n.sql()).isEqualTo("UPDATE t SET k = k + ?, c = ? WHERE id = ?");
        assertThat(n.values()).containsExactly(1L, "new", 5L);

        n = of("INSERT INTO t (id, n) VALUES (1, 2) ON DUPLICATE KEY UPDATE n = n + 1");
        assertThat(n.sql()).isEqualTo("INSERT INTO t (id, n) VALUES (?, ?) ON DUPLICATE KEY UPDATE n = n + 1");
    }

    @Test
    void valuesThatNameOrPlaceStayLiteral() {
        // the select list names result columns; ORDER BY 2 is a column position; LIMIT, HAVING, ON stay
        LiteralParameters.Normalized n = of("SELECT 1, 'x', id FROM t JOIN u ON u.k = 3 WHERE t.id > 10 "
                + "GROUP BY 1 HAVING COUNT(*) > 2 ORDER BY 2 LIMIT 5 OFFSET 10");
        assertThat(n.sql()).isEqualTo("SELECT 1, 'x', id FROM t JOIN u ON u.k = 3 WHERE t.id > ? "
                + "GROUP BY 1 HAVING COUNT(*) > 2 ORDER BY 2 LIMIT 5 OFFSET 10");
        assertThat(n.values()).containsExactly(10L);

        n = of("SELECT id FROM t WHERE id IN (SELECT 5 FROM u WHERE u.a = 'b' ORDER BY 1) AND k = 3");
        assertThat(n.sql()).as("a subquery's select list and what follows its ORDER BY stay")
                .isEqualTo("SELECT id FROM t WHERE id IN (SELECT 5 FROM u WHERE u.a = ? ORDER BY 1) AND k = 3");
        assertThat(n.values()).containsExactly("b");
    }

    @Test
    void valueFormsWhoseMeaningCouldChangeStayLiteral() {
        LiteralParameters.Normalized n = of("SELECT id FROM t WHERE a = 1e3 AND b = \"dq\" AND c = 'back\\'slash' AND d = 0x1F "
                + "AND q = 'it''s' AND l = 'two\nlines' AND e = 7");
        assertThat(n.sql()).as("characters a driver would escape keep the string literal, whatever sql_mode says")
                .isEqualTo("SELECT id FROM t WHERE a = 1e3 AND b = \"dq\" AND c = 'back\\'slash' AND d = 0x1F "
                + "AND q = 'it''s' AND l = 'two\nlines' AND e = ?");
        assertThat(n.values()).containsExactly(7L);
        assertThat(of("SELECT id FROM t WHERE id = 18446744073709551615").values())
                .containsExactly(new BigInteger("18446744073709551615"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT id FROM t WHERE d > NOW() - INTERVAL 1 DAY",
            "SELECT id FROM t WHERE name = 'a' COLLATE utf8mb4_bin",
            "SELECT id FROM t WHERE CAST(k AS DECIMAL(10, 2)) = 1.5",
            "SELECT id FROM t WHERE d = DATE '2024-01-01'",
            "SELECT id FROM t WHERE name = _utf8mb4'x'",
            "SELECT id FROM t WHERE name = 'a' 'b'",
            "SELECT id FROM t WHERE name LIKE 'a!%' ESCAPE '!'",
            "SELECT id FROM t WHERE id = ? AND k = 5",
            "SELECT id FROM t WHERE d = {d '2024-01-01'}",
            "SELECT /*!50000 id */ FROM t WHERE id = 5",
            "SELECT id FROM t",
            "SELECT 1",
            "SET @a = 5",
            "SHOW TABLES LIKE 'x%'",
            "CREATE TABLE t (id INT DEFAULT 5)",
            "EXPLAIN ROUTE SELECT id FROM t WHERE id = 5"
    })
    void statementsThatNeedTheirLiteralsOrHaveNoneAreLeftAlone(String sql) {
        assertThat(of(sql)).isNull();
    }

    @Test
    void commentsAndHintsAreKept() {
        LiteralParameters.Normalized n = of("/*+ shardgate: leader */ SELECT c FROM t WHERE id = 3 -- why\n");
        assertThat(n.sql()).isEqualTo("/*+ shardgate: leader */ SELECT c FROM t WHERE id = ? -- why\n");
        assertThat(n.values()).isEqualTo(List.of(3L));
    }
}
