package io.shardgate.jdbc;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HAVING over groups that span shards: each shard returns its partial groups unfiltered, the
 * merge completes them and only then applies HAVING. Checked against the same data in one H2
 * database.
 */
class HavingAcrossShardsTest {

    private static final String URL = "jdbc:shardgate:classpath:having-rules.yaml";
    private static final String REFERENCE = "jdbc:h2:mem:having_reference;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";

    @BeforeAll
    static void load() throws SQLException {
        String rows = "INSERT INTO sales (id, region, amount) VALUES (1, 'north', 10), (2, 'north', 20), (3, 'south', 5),"
                + " (4, 'south', 6), (5, 'east', 100), (6, 'north', 30), (7, 'west', NULL), (8, 'east', 1),"
                + " (9, 'south', 7), (10, 'west', 2)";
        try (Connection sharded = DriverManager.getConnection(URL); Statement s = sharded.createStatement()) {
            s.execute("DROP TABLE IF EXISTS sales");
            s.execute("CREATE TABLE sales (id INT PRIMARY KEY, region VARCHAR(10), amount INT)");
            s.executeUpdate(rows);
        }
        try (Connection one = DriverManager.getConnection(REFERENCE, "sa", ""); Statement s = one.createStatement()) {
            s.execute("DROP TABLE IF EXISTS sales");
            s.execute("CREATE TABLE sales (id INT PRIMARY KEY, region VARCHAR(10), amount INT)");
            s.executeUpdate(rows);
        }
    }

    @Test
    void havingFiltersCompleteGroupsNotPartialOnes() throws SQLException {
        // Every region spans several shards: filtering per shard would drop north (10+20+30 > 25
        // only in total) and keep nothing right.
        assertSame("SELECT region, SUM(amount) AS total FROM sales GROUP BY region HAVING total > 25 ORDER BY region");
        assertSame("SELECT region FROM sales GROUP BY region HAVING SUM(amount) >= 18 AND COUNT(*) <> 2 ORDER BY region");
        assertSame("SELECT region, COUNT(*) FROM sales GROUP BY region HAVING NOT (MAX(amount) < 10 OR region = 'east')"
                + " ORDER BY region");
        assertSame("SELECT region, MIN(amount) FROM sales GROUP BY region HAVING MIN(amount) = 2 OR MIN(amount) > 5"
                + " ORDER BY region");
        assertSame("SELECT COUNT(*) FROM sales HAVING COUNT(*) > 5");
        assertSame("SELECT region, SUM(amount) FROM sales GROUP BY region HAVING SUM(amount) > 1 ORDER BY 2 DESC LIMIT 2");
    }

    @Test
    void havingWithAMarkerBindsItsValue() throws SQLException {
        String sql = "SELECT region FROM sales GROUP BY region HAVING SUM(amount) > ? ORDER BY region";
        assertThat(rows(DriverManager.getConnection(URL), sql, 15)).containsExactly(List.of("east"), List.of("north"),
                List.of("south"));
    }

    @Test
    void havingThatCannotBeEvaluatedAfterTheMergeIsRefusedClearly() {
        String sql = "SELECT region FROM sales GROUP BY region HAVING MIN(amount) IS NULL";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rows(DriverManager.getConnection(URL), sql))
                .isInstanceOf(SQLException.class).hasMessageContaining("HAVING across shards")
                .hasMessageContaining("shard key");
    }

    private static void assertSame(String sql) throws SQLException {
        List<List<Object>> expected = rows(DriverManager.getConnection(REFERENCE, "sa", ""), sql);
        List<List<Object>> actual = rows(DriverManager.getConnection(URL), sql);
        assertThat(actual).as(sql).isEqualTo(expected);
    }

    private static List<List<Object>> rows(Connection connection, String sql, Object... parameters) throws SQLException {
        try (connection; PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        Object value = result.getObject(i);
                        row.add(value instanceof Number n ? new java.math.BigDecimal(n.toString()).stripTrailingZeros() : value);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
