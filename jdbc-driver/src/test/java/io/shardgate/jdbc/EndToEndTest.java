package io.shardgate.jdbc;

import io.shardgate.rules.config.DataNode;
import io.shardgate.rules.config.RuleLoader;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.config.TableRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole pipeline through the JDBC driver — real analyzer, router, rewriter, engine — on four
 * H2 shards (orders over g0/g1 × orders_0/orders_1), checked against what one database would say.
 */
class EndToEndTest {

    private static final String URL = "jdbc:shardgate:classpath:e2e-rules.yaml";
    private static RuleSet rules;
    private static Connection keepEngine;

    @BeforeAll
    static void createSchema() throws Exception {
        try (var in = EndToEndTest.class.getClassLoader().getResourceAsStream("e2e-rules.yaml")) {
            rules = new RuleLoader().load("e2e-rules.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        keepEngine = DriverManager.getConnection(URL);
    }

    @AfterAll
    static void closeEngine() throws SQLException {
        keepEngine.close();
    }

    @BeforeEach
    void freshTables() throws SQLException {
        for (String group : rules.groups().keySet()) {
            String url = rules.groups().get(group).leader().url();
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
                for (DataNode node : ((TableRule.Sharded) rules.table("orders")).nodes()) {
                    if (node.group().equals(group)) {
                        s.execute("DROP TABLE IF EXISTS " + node.table());
                        s.execute("CREATE TABLE " + node.table() + " (order_id BIGINT PRIMARY KEY, user_id INT NOT NULL,"
                                + " total DECIMAL(10,2), note VARCHAR(20))");
                    }
                }
                s.execute("DROP TABLE IF EXISTS countries");
                s.execute("CREATE TABLE countries (code CHAR(2) PRIMARY KEY, name VARCHAR(40))");
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL);
    }

    private static void load(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            int rows = s.executeUpdate("INSERT INTO orders (order_id, user_id, total, note) VALUES "
                    + "(1, 1, 10.00, 'a'), (2, 2, 20.00, 'b'), (3, 3, 30.00, 'A'), (4, 4, 40.00, NULL), "
                    + "(5, 5, 50.00, 'b'), (6, 6, 60.00, 'c'), (7, 7, 70.00, 'c'), (8, 8, 80.00, 'd')");
            assertThat(rows).as("a multi-row INSERT split over four shards counts every row").isEqualTo(8);
        }
    }

    private static List<List<Object>> query(Connection c, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void rowsLandOnTheirShardsAndScatterReadsMergeInOrder() throws SQLException {
        try (Connection c = connect()) {
            load(c);
            for (DataNode node : ((TableRule.Sharded) rules.table("orders")).nodes()) {
                assertThat(physicalCount(node)).as(node + " holds its share").isEqualTo(2);
            }
            assertThat(query(c, "SELECT order_id FROM orders ORDER BY total DESC LIMIT 2, 3"))
                    .containsExactly(List.of(6L), List.of(5L), List.of(4L));
            assertThat(query(c, "SELECT * FROM orders ORDER BY user_id LIMIT 2")).containsExactly(
                    List.of(1L, 1, new BigDecimal("10.00"), "a"), List.of(2L, 2, new BigDecimal("20.00"), "b"));
            try (PreparedStatement ps = c.prepareStatement("SELECT note FROM orders WHERE user_id = ?")) {
                ps.setInt(1, 7);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("c");
                    assertThat((Object) ps.getWarnings()).as("one shard: no scatter warning").isNull();
                }
            }
        }
    }

    @Test
    void aggregatesGroupsAndDistinctMatchOneDatabase() throws SQLException {
        try (Connection c = connect()) {
            load(c);
            assertThat(query(c, "SELECT COUNT(*), SUM(total), MIN(total), MAX(total), AVG(total) FROM orders"))
                    .containsExactly(List.of(8L, new BigDecimal("360.00"), new BigDecimal("10.00"),
                            new BigDecimal("80.00"), new BigDecimal("45.000000")));
            assertThat(query(c, "SELECT note, COUNT(*) AS n FROM orders GROUP BY note ORDER BY note"))
                    .extracting(r -> r.get(0) + "=" + r.get(1))
                    .containsExactly("null=1", "a=2", "b=2", "c=2", "d=1");
            assertThat(query(c, "SELECT DISTINCT note FROM orders WHERE note IS NOT NULL ORDER BY note"))
                    .hasSize(4);
            assertThat(query(c, "SELECT COUNT(*) FROM orders WHERE user_id > 100")).containsExactly(List.of(0L));
        }
    }

    @Test
    void scatterReadsAreFlaggedAsWarnings() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT COUNT(*) FROM orders").close();
            SQLWarning warning = s.getWarnings();
            assertThat(warning.getErrorCode()).isEqualTo(8001);
            assertThat(warning.getMessage()).contains("scatter read").contains("all 4 shards");
        }
    }

    @Test
    void insertsThatOmitTheKeyGetSnowflakeIdsBackThroughJdbcAndLastInsertId() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO orders (user_id, note) VALUES (1, 'x'), (2, 'y')",
                    Statement.RETURN_GENERATED_KEYS)).isEqualTo(2);
            List<Long> keys = new ArrayList<>();
            try (ResultSet rs = s.getGeneratedKeys()) {
                while (rs.next()) {
                    keys.add(rs.getLong(1));
                }
            }
            assertThat(keys).hasSize(2).isSorted().doesNotHaveDuplicates();
            assertThat(query(c, "SELECT LAST_INSERT_ID()")).containsExactly(List.of(keys.get(0)));
            assertThat(query(c, "SELECT user_id FROM orders WHERE order_id = " + keys.get(1) + " AND user_id = 2"))
                    .containsExactly(List.of(2));
        }
    }

    @Test
    void broadcastWritesReachEveryGroupAndDdlEveryPhysicalTable() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO countries VALUES ('fr', 'France')"))
                    .as("one row for the client, though each group's copy got it").isEqualTo(1);
            assertThat(query(c, "SELECT COUNT(*) FROM countries")).containsExactly(List.of(1L));
            assertThat(s.executeUpdate("ALTER TABLE orders ADD COLUMN channel VARCHAR(10)")).isZero();
            for (DataNode node : ((TableRule.Sharded) rules.table("orders")).nodes()) {
                assertThat(physicalColumns(node)).contains("channel");
            }
            ResultSet columns = c.getMetaData().getColumns("shop", null, "orders", "channel");
            assertThat(columns.next()).as("metadata is refreshed after DDL").isTrue();
        }
    }

    @Test
    void sessionStatementsAnswerInLogicalTerms() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThat(query(c, "SELECT DATABASE()")).containsExactly(List.of("shop"));
            assertThat(query(c, "SHOW TABLES")).extracting(r -> r.get(0)).containsExactly("countries", "orders");
            s.execute("SET @greeting = 'hello'");
            assertThat(query(c, "SELECT @greeting")).containsExactly(List.of("hello"));
            s.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            assertThatThrownBy(() -> s.execute("USE nowhere")).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getErrorCode()).isEqualTo(1049));
            assertThat(query(c, "EXPLAIN ROUTE SELECT * FROM orders WHERE user_id = 2"))
                    .contains(List.of("variant", "SINGLE"))
                    .anySatisfy(r -> assertThat(r.get(1).toString()).startsWith("g1 READ [g1.orders_0]"));
        }
    }

    @Test
    void crossShardTransactionsAreFlaggedAndCommitEverywhere() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.executeUpdate("INSERT INTO orders (order_id, user_id) VALUES (100, 1)");
            s.executeUpdate("INSERT INTO orders (order_id, user_id) VALUES (101, 2)");
            assertThat(s.getWarnings().getErrorCode()).isEqualTo(8004);
            s.execute("ROLLBACK");
            assertThat(query(c, "SELECT COUNT(*) FROM orders")).containsExactly(List.of(0L));
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO orders (order_id, user_id) VALUES (100, 1)");
            s.executeUpdate("INSERT INTO orders (order_id, user_id) VALUES (101, 2)");
            c.commit();
            c.setAutoCommit(true);
            assertThat(query(c, "SELECT COUNT(*) FROM orders")).containsExactly(List.of(2L));
        }
    }

    private static long physicalCount(DataNode node) throws SQLException {
        try (Connection c = DriverManager.getConnection(rules.groups().get(node.group()).leader().url(), "sa", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + node.table())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> physicalColumns(DataNode node) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(rules.groups().get(node.group()).leader().url(), "sa", "");
             ResultSet rs = c.getMetaData().getColumns(null, null, node.table(), "%")) {
            while (rs.next()) {
                names.add(rs.getString("COLUMN_NAME"));
            }
        }
        return names;
    }
}
