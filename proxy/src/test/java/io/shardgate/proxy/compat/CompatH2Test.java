package io.shardgate.proxy.compat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The compatibility layer over the real engine on H2 shards (which know no MySQL variables, SHOW
 * or information_schema of their own): what clients ask after connecting and for metadata is
 * answered like MySQL answers it, from the session's state and over the logical schema.
 */
class CompatH2Test {

    private static ShopServer shop;

    @BeforeAll
    static void start() {
        shop = ShopServer.onH2();
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    private static Connection connect(String parameters) throws SQLException {
        return DriverManager.getConnection(shop.mysqlUrl(parameters), "app", ShopServer.PASSWORD);
    }

    static List<List<Object>> rows(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rows(rs);
        }
    }

    static List<List<Object>> rows(ResultSet rs) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                row.add(rs.getObject(i));
            }
            rows.add(row);
        }
        return rows;
    }

    static Object value(Connection c, String sql) throws SQLException {
        return rows(c, sql).get(0).get(0);
    }

    static Map<String, String> variables(Connection c, String sql) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        for (List<Object> row : rows(c, sql)) {
            values.put(String.valueOf(row.get(0)), String.valueOf(row.get(1)));
        }
        return values;
    }

    @Test
    void connectorJStartupAndSessionVariables() throws SQLException {
        try (Connection c = connect("")) {
            // the start-up query Connector/J sent was answered; what HikariCP asks next is numeric
            assertThat(value(c, "SELECT @@session.transaction_read_only")).isEqualTo(0L);
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
            assertThat(c.isReadOnly()).isFalse();
            List<Object> row = rows(c, "SELECT @@version_comment, DATABASE(), USER(), CONNECTION_ID(), "
                    + "VERSION(), @@max_allowed_packet, @@autocommit, 'lit' AS l, 42").get(0);
            assertThat(row.get(0)).isEqualTo("Shardgate");
            assertThat(row.get(1)).isEqualTo("shop");
            assertThat(row.get(2)).isEqualTo("app@127.0.0.1");
            assertThat(((Number) row.get(3)).longValue()).isPositive();
            assertThat(row.get(4)).isEqualTo(c.getMetaData().getDatabaseProductVersion());
            assertThat(row.get(5)).isEqualTo(67108864L);
            assertThat(row.get(6)).isEqualTo(1L);
            assertThat(row.subList(7, 9)).containsExactly("lit", 42L);
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION sql_mode = 'ANSI_QUOTES,STRICT_TRANS_TABLES'");
                s.execute("SET time_zone = '+02:00'");
                s.execute("SET NAMES latin1");
                s.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
            }
            List<Object> set = rows(c, "SELECT @@sql_mode, @@session.time_zone, @@character_set_client, "
                    + "@@collation_connection, @@transaction_isolation, @@tx_isolation, @@global.time_zone").get(0);
            assertThat(set).containsExactly("ANSI_QUOTES,STRICT_TRANS_TABLES", "+02:00", "latin1", "latin1_swedish_ci",
                    "READ-COMMITTED", "READ-COMMITTED", "SYSTEM");
            c.setAutoCommit(false);
            c.setReadOnly(true);
            assertThat(rows(c, "SELECT @@autocommit, @@transaction_read_only").get(0)).containsExactly(0L, 1L);
            assertThat(variables(c, "SHOW VARIABLES LIKE 'autocommit'")).containsEntry("autocommit", "OFF");
            c.setReadOnly(false);
            c.setAutoCommit(true);
        }
    }

    @Test
    void unknownVariableIsErr1193AndShowWarningsListsIt() throws SQLException {
        try (Connection c = connect("")) {
            assertThatThrownBy(() -> value(c, "SELECT @@no_such_variable")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1193))
                    .hasMessageContaining("Unknown system variable 'no_such_variable'");
            assertThat(rows(c, "SHOW WARNINGS")).containsExactly(List.of("Error", 1193L,
                    "Unknown system variable 'no_such_variable'"));
            assertThat(value(c, "SELECT @@error_count")).isEqualTo(1L);
        }
    }

    @Test
    void showStatementsOverTheLogicalSchema() throws SQLException {
        try (Connection c = connect("")) {
            assertThat(variables(c, "SHOW VARIABLES WHERE Variable_name IN ('version_comment', 'lower_case_table_names')"))
                    .containsExactly(Map.entry("lower_case_table_names", "0"), Map.entry("version_comment", "Shardgate"));
            assertThat(rows(c, "SHOW COLLATION LIKE 'utf8mb4_general_ci'")).singleElement()
                    .satisfies(r -> assertThat(List.of(r.get(0), r.get(1), ((Number) r.get(2)).intValue()))
                            .containsExactly("utf8mb4_general_ci", "utf8mb4", 45));
            assertThat(rows(c, "SHOW CHARACTER SET LIKE 'utf8mb4'")).extracting(r -> r.get(2))
                    .containsExactly("utf8mb4_general_ci");
            assertThat(rows(c, "SHOW ENGINES")).extracting(r -> r.get(0)).contains("InnoDB");
            assertThat(rows(c, "SHOW PLUGINS")).extracting(r -> r.get(0)).contains("caching_sha2_password");
            assertThat(variables(c, "SHOW STATUS LIKE 'Uptime'")).containsKey("Uptime");
            assertThat(rows(c, "SHOW TABLES")).extracting(r -> r.get(0)).containsExactly("countries", "orders", "users");
            assertThat(rows(c, "DESCRIBE users")).containsExactly(
                    column("id", "bigint", "NO", "PRI"), column("name", "varchar(50)", "NO", ""),
                    column("country", "char(2)", "YES", ""), column("age", "int", "YES", ""));
            String ddl = (String) rows(c, "SHOW CREATE TABLE orders").get(0).get(1);
            assertThat(ddl).startsWith("CREATE TABLE `orders` (").contains("`amount` decimal(10,2)")
                    .contains("PRIMARY KEY (`order_id`)").doesNotContain("orders_");
            assertThat(rows(c, "SHOW FULL COLUMNS FROM users LIKE 'na%'")).singleElement()
                    .satisfies(r -> assertThat(r.get(2)).isEqualTo("utf8mb4_general_ci"));
            assertThat(rows(c, "SHOW INDEX FROM users")).extracting(r -> r.get(2), r -> r.get(4))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("PRIMARY", "id"));
            assertThat(rows(c, "SHOW CREATE DATABASE shop").get(0).get(1).toString()).startsWith("CREATE DATABASE `shop`");
        }
    }

    /** A DESCRIBE row: field, type, null, key, default (NULL), extra (empty). */
    private static List<Object> column(String field, String type, String isNull, String key) {
        List<Object> row = new ArrayList<>(List.of(field, type, isNull, key));
        row.add(null);
        row.add("");
        return row;
    }

    @Test
    void informationSchemaShowsLogicalTablesNeverShards() throws SQLException {
        try (Connection c = connect("")) {
            assertThat(rows(c, "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'shop' "
                    + "ORDER BY TABLE_NAME")).containsExactly(List.of("countries", "BASE TABLE"),
                    List.of("orders", "BASE TABLE"), List.of("users", "BASE TABLE"));
            assertThat(rows(c, "select table_name, if(table_type = 'VIEW', 'v', 't') from information_schema.tables "
                    + "where table_schema = database() and table_name like 'user%'")).containsExactly(List.of("users", "t"));
            try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, COLUMN_KEY, "
                    + "IS_NULLABLE FROM `information_schema`.`COLUMNS` WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                    + "ORDER BY ORDINAL_POSITION")) {
                ps.setString(1, "shop");
                ps.setString(2, "orders");
                try (ResultSet rs = ps.executeQuery()) {
                    List<List<Object>> columns = rows(rs);
                    assertThat(columns).extracting(r -> r.get(0))
                            .containsExactly("order_id", "user_id", "amount", "status", "created_at");
                    assertThat(columns.get(0)).containsExactly("order_id", "bigint", "bigint", "PRI", "NO");
                    assertThat(columns.get(2)).containsExactly("amount", "decimal", "decimal(10,2)", "", "YES");
                }
            }
            assertThat(rows(c, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY 1"))
                    .extracting(r -> r.get(0)).containsExactly("information_schema", "shop");
            assertThat(value(c, "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_NAME = 'users' "
                    + "AND INDEX_NAME = 'PRIMARY'")).isEqualTo(1L);
        }
    }

    @Test
    void connectorJTextRoundTripsOverShards() throws SQLException {
        try (Connection c = connect("")) {
            assertThat(value(c, "SELECT name FROM users WHERE id = 7")).isEqualTo("donald");
            assertThat(value(c, "SELECT COUNT(*) FROM orders")).isEqualTo(60L);
            assertThat(value(c, "SELECT SUM(amount) FROM orders")).isEqualTo(ShopServer.totalAmount());
            try (Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("INSERT INTO users (id, name, country, age) VALUES (101, 'new', 'FR', 30), "
                        + "(102, 'other', 'JP', 40)")).isEqualTo(2);
                assertThat(s.executeUpdate("UPDATE users SET age = age + 1 WHERE id IN (101, 102)")).isEqualTo(2);
                c.setAutoCommit(false);
                s.executeUpdate("DELETE FROM users WHERE id = 101");
                c.rollback();
                c.setAutoCommit(true);
                assertThat(rows(c, "SELECT id, age FROM users WHERE id > 100 ORDER BY id"))
                        .containsExactly(List.of(101L, 31), List.of(102L, 41));
                assertThat(s.executeUpdate("DELETE FROM users WHERE id > 100")).isEqualTo(2);
            }
            assertThat(value(c, "SELECT COUNT(*) FROM users")).isEqualTo(20L);
        }
    }

    @Test
    void errorsOfH2ShardsReachClientsAsMySqlErrors() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            assertMySqlError(s, "SELECT nope FROM users WHERE id = 3", 1054, "42S22", "\"nope\" not found");
            // H2 numbers this one 90022, which the error packet's two bytes cannot carry
            assertMySqlError(s, "SELECT NO_SUCH_FUNCTION(id) FROM users WHERE id = 3", 1305, "42000", "\"no_such_function\" not found");
            assertMySqlError(s, "INSERT INTO users (id, name, country, age) VALUES (7, 'again', 'FR', 1)", 1062, "23000",
                    "PRIMARY KEY");
            assertThat(value(c, "SELECT name FROM users WHERE id = 7")).as("the connection carries on").isEqualTo("donald");
        }
    }

    private static void assertMySqlError(Statement s, String sql, int number, String sqlState, String text) {
        assertThatThrownBy(() -> s.execute(sql)).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(number);
            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(sqlState);
            // H2 appends the physical statement (SELECT … FROM users_0 …) and its version: not for clients
            assertThat(e.getMessage()).contains(text).doesNotContain("; SQL statement:").doesNotContain("FROM users_")
                    .doesNotContainPattern("\\[\\d+-\\d+]");
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"useServerPrepStmts=true", "useServerPrepStmts=true&useCursorFetch=true&defaultFetchSize=7",
        "useServerPrepStmts=false"})
    void connectorJPreparedStatementsAndCursors(String parameters) throws SQLException {
        try (Connection c = connect(parameters)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, age FROM users WHERE id = ?")) {
                ResultSetMetaData before = ps.getMetaData(); // known at prepare: the columns of the first shard
                assertThat(before.getColumnCount()).isEqualTo(3);
                assertThat(before.getColumnLabel(2)).isEqualTo("name");
                for (int id = 1; id <= 20; id += 3) {
                    ps.setInt(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rows(rs)).containsExactly(List.of((long) id, ShopServer.NAMES.get(id - 1),
                                ShopServer.age(id)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT order_id, user_id FROM orders WHERE amount > ? "
                    + "ORDER BY order_id")) {
                ps.setInt(1, 0);
                try (ResultSet rs = ps.executeQuery()) {
                    List<List<Object>> all = rows(rs);
                    assertThat(all).hasSize(60);
                    for (int i = 0; i < 60; i++) {
                        assertThat(all.get(i)).containsExactly(1000L + i, (long) (i % 20 + 1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT @@session.auto_increment_increment, DATABASE()");
                 ResultSet rs = ps.executeQuery()) {
                assertThat(rows(rs)).containsExactly(List.of(1L, "shop"));
            }
        }
    }

    @Test
    void connectorJOverTls() throws SQLException {
        String url = shop.mysqlUrl("").replace("sslMode=DISABLED", "sslMode=REQUIRED");
        try (Connection c = DriverManager.getConnection(url, "app", ShopServer.PASSWORD)) {
            assertThat(value(c, "SELECT name FROM users WHERE id = 2")).isEqualTo("grace");
            assertThat(value(c, "SELECT @@version_comment")).isEqualTo("Shardgate");
        }
    }

    @ParameterizedTest(name = "useServerPrepStmts={0}")
    @ValueSource(booleans = {false, true})
    void mariaDbConnectorRoundTrips(boolean serverPrepared) throws SQLException {
        try (Connection c = DriverManager.getConnection(shop.mariadbUrl("useServerPrepStmts=" + serverPrepared), "app",
                ShopServer.PASSWORD)) {
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO users (id, name, country, age) "
                    + "VALUES (?, ?, ?, ?)")) {
                for (int id = 201; id <= 204; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, "m" + id);
                    insert.setString(3, "DE");
                    insert.setInt(4, id - 180);
                    insert.addBatch();
                }
                assertThat(insert.executeBatch()).hasSize(4);
            }
            try (PreparedStatement select = c.prepareStatement("SELECT name, age FROM users WHERE id = ?")) {
                select.setInt(1, 203);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rows(rs)).containsExactly(List.of("m203", 23));
                }
            }
            assertThat(value(c, "SELECT SUM(age) FROM users WHERE id > 200").toString()).isEqualTo("90");
            // MariaDB Connector/J connects with SET sql_mode = CONCAT(@@sql_mode, ',STRICT_TRANS_TABLES'), which
            // H2 cannot evaluate: the proxy does, from the global value
            List<Object> modes = rows(c, "SELECT @@sql_mode, @@autocommit").get(0);
            assertThat(String.valueOf(modes.get(0)).split(",")).contains("STRICT_TRANS_TABLES", "ONLY_FULL_GROUP_BY");
            assertThat(modes.get(1)).isIn(1L, 1, true);
            try (Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("DELETE FROM users WHERE id > 200")).isEqualTo(4);
            }
        }
    }
}
