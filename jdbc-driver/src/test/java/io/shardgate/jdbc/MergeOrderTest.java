package io.shardgate.jdbc;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GROUP BY and DISTINCT across shards when the shards sort text in an order the merge does not
 * share: H2 compares text by code point ('zeta' before 'éclair'), the merge accent-insensitively
 * ('éclair' first), as MySQL collations differ among themselves on punctuation. Had partial groups
 * been folded as they meet in the merged stream, one group would come back as several with split
 * counts; and text that differs only in punctuation or inner spaces ('a-b', 'a b', 'ab') must stay
 * apart. Each query is checked against the same rows in one H2 database; text is compared as sets,
 * since the order of such values may differ from one server's.
 */
class MergeOrderTest {

    private static final String URL = "jdbc:shardgate:classpath:merge-order-rules.yaml";
    private static final String REFERENCE =
            "jdbc:h2:mem:mergeorder_reference;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";

    @BeforeAll
    static void load() throws SQLException {
        StringBuilder rows = new StringBuilder("INSERT INTO codes (id, code, grp) VALUES ");
        String[] codes = {"zeta", "éclair", "a-b", "a_b", "a b", "ab"};
        for (int id = 1; id <= 64; id++) {
            // ids 4k .. 4k+3 share a code: every code spans all four shards
            String code = id % 9 == 0 ? "NULL" : "'" + codes[(id / 4) % codes.length] + "'";
            rows.append(id == 1 ? "" : ", ").append("(").append(id).append(", ").append(code).append(", ")
                    .append(id % 5).append(")");
        }
        for (String url : List.of(URL, REFERENCE)) {
            try (Connection c = url.equals(URL) ? DriverManager.getConnection(url)
                    : DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS codes");
                s.execute("CREATE TABLE codes (id INT PRIMARY KEY, code VARCHAR(10), grp INT)");
                s.executeUpdate(rows.toString());
            }
        }
    }

    @Test
    void textGroupsOrderedByTheirKeysStayWhole() throws SQLException {
        assertSameRows("SELECT code, COUNT(*), SUM(id) FROM codes GROUP BY code ORDER BY code");
        assertSameRows("SELECT code, grp, COUNT(*) FROM codes GROUP BY code, grp ORDER BY code, grp");
        assertSameRows("SELECT grp, code, MAX(id) FROM codes GROUP BY grp, code ORDER BY grp, code");
        assertThat(rows(DriverManager.getConnection(URL),
                "SELECT code, COUNT(*) FROM codes WHERE code IS NOT NULL GROUP BY code ORDER BY code")).hasSize(6);
    }

    @Test
    void distinctTextOrderedByItselfHasNoDuplicates() throws SQLException {
        assertSameRows("SELECT DISTINCT code FROM codes ORDER BY code");
        assertSameRows("SELECT DISTINCT code, grp FROM codes ORDER BY code, grp");
    }

    /** Numbers sort alike everywhere: their groups still merge as they stream, in the server's order. */
    @Test
    void numberGroupsKeepTheServersOrder() throws SQLException {
        String sql = "SELECT grp, COUNT(*), MIN(code) FROM codes GROUP BY grp ORDER BY grp";
        assertThat(rows(DriverManager.getConnection(URL), sql))
                .containsExactlyElementsOf(rows(DriverManager.getConnection(REFERENCE, "sa", ""), sql));
        String distinct = "SELECT DISTINCT grp FROM codes ORDER BY grp DESC";
        assertThat(rows(DriverManager.getConnection(URL), distinct))
                .containsExactlyElementsOf(rows(DriverManager.getConnection(REFERENCE, "sa", ""), distinct));
    }

    private static void assertSameRows(String sql) throws SQLException {
        List<List<Object>> expected = rows(DriverManager.getConnection(REFERENCE, "sa", ""), sql);
        List<List<Object>> actual = rows(DriverManager.getConnection(URL), sql);
        assertThat(actual).as(sql).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
        try (connection; Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    row.add(value instanceof Number n && !(value instanceof java.math.BigDecimal) ? n.longValue() : value);
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
