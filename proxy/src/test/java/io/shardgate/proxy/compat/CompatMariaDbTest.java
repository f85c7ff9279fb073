package io.shardgate.proxy.compat;

import io.shardgate.proxy.server.DemoShop;
import io.shardgate.testing.MariaDbCluster;
import io.shardgate.testing.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.shardgate.proxy.compat.CompatH2Test.rows;
import static io.shardgate.proxy.compat.CompatH2Test.value;
import static io.shardgate.proxy.compat.CompatH2Test.variables;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real clients through the real server over real MariaDB groups (the shared 2-group fixture): the
 * demo shop created and loaded through the proxy, sharded reads and writes checked against what
 * the physical tables hold, and the server's own answers (variables, collations) coming from the
 * backend while shards stay hidden.
 */
class CompatMariaDbTest {

    private static final String DATABASE = "compat_shop";
    private static MariaDbCluster cluster;
    private static ShopServer shop;

    @BeforeAll
    static void start() {
        cluster = MariaDbCluster.shared(2, 2);
        for (int g = 0; g < 2; g++) {
            cluster.group(g).leader().execute("DROP DATABASE IF EXISTS " + DATABASE, "CREATE DATABASE " + DATABASE);
        }
        MariaDbServer g0 = cluster.group(0).leader();
        MariaDbServer g1 = cluster.group(1).leader();
        shop = ShopServer.start(g0.jdbcUrl(DATABASE), MariaDbServer.USER, MariaDbServer.PASSWORD,
                g1.jdbcUrl(DATABASE), MariaDbServer.USER, MariaDbServer.PASSWORD);
        DemoShop.load(shop.server.engine());
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
        if (cluster != null) {
            for (int g = 0; g < 2; g++) {
                cluster.group(g).leader().execute("DROP DATABASE IF EXISTS " + DATABASE);
            }
        }
    }

    private static Connection connect(String parameters) throws SQLException {
        return DriverManager.getConnection(shop.mysqlUrl(parameters), "app", ShopServer.PASSWORD);
    }

    /** How many rows the physical tables of {@code table} hold, over both groups. */
    private static long physicalRows(String table, String where) {
        long total = 0;
        for (int g = 0; g < 2; g++) {
            for (int t = 0; t < 2; t++) {
                total += Long.parseLong(MariaDbCluster.query(cluster.group(g).leader(),
                        "SELECT COUNT(*) FROM " + DATABASE + "." + table + "_" + t + " WHERE " + where));
            }
        }
        return total;
    }

    @Test
    void dataIsShardedAndReadBackWhole() throws SQLException {
        assertThat(physicalRows("users", "1 = 1")).isEqualTo(20);
        assertThat(physicalRows("orders", "1 = 1")).isEqualTo(60);
        for (int g = 0; g < 2; g++) {
            assertThat(MariaDbCluster.query(cluster.group(g).leader(), "SELECT COUNT(*) FROM " + DATABASE + ".countries"))
                    .as("broadcast copy in group %d", g).isEqualTo("5");
        }
        try (Connection c = connect("")) {
            assertThat(value(c, "SELECT name FROM users WHERE id = 7")).isEqualTo("donald");
            assertThat(value(c, "SELECT COUNT(*) FROM users")).isEqualTo(20L);
            assertThat(value(c, "SELECT SUM(amount) FROM orders")).isEqualTo(ShopServer.totalAmount());
            assertThat(rows(c, "SELECT u.name, COUNT(*) FROM users u JOIN orders o ON o.user_id = u.id "
                    + "WHERE u.id = 3 GROUP BY u.name")).containsExactly(List.of("linus", 3L));
        }
    }

    /**
     * Warnings that MariaDB raises while streaming a SELECT through the engine reach the client:
     * the final packet's warning count and SHOW WARNINGS, as from one server (one per row, from
     * every shard), after Shardgate's own scatter flag.
     */
    @Test
    void backendWarningsOfAStreamedSelectReachTheClient() throws SQLException {
        try (Connection c = connect(""); java.sql.Statement s = c.createStatement()) {
            try (java.sql.ResultSet rs = s.executeQuery("SELECT id, CAST(CONCAT('x', name) AS SIGNED) FROM users")) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                }
                assertThat(rows).isEqualTo(20);
            }
            List<Integer> codes = new java.util.ArrayList<>();
            for (java.sql.SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                codes.add(w.getErrorCode());
            }
            assertThat(codes).hasSize(21).startsWith(8001).containsOnly(8001, 1292);
            List<List<Object>> shown = rows(c, "SHOW WARNINGS");
            assertThat(shown).hasSize(21);
            assertThat(shown.get(1).get(2).toString()).startsWith("Truncated incorrect INTEGER value: 'x");
        }
    }

    /**
     * A deadlock across the two groups through the proxy: each server sees one lock wait, Shardgate
     * sees the cycle, and the younger transaction's client gets ER_LOCK_DEADLOCK (1213, 40001) in
     * about a second instead of a lock wait timeout after 50.
     */
    @Test
    void aDeadlockAcrossGroupsReachesTheClientAsER_LOCK_DEADLOCK() throws Exception {
        // a user of each group, whatever hash-mod made of their ids
        String inG0 = MariaDbCluster.query(cluster.group(0).leader(), "SELECT MIN(id) FROM " + DATABASE + ".users_0");
        String inG1 = MariaDbCluster.query(cluster.group(1).leader(), "SELECT MIN(id) FROM " + DATABASE + ".users_0");
        try (Connection a = connect(""); Connection b = connect("");
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            sa.executeUpdate("UPDATE users SET age = age + 1 WHERE id = " + inG0);
            sb.executeUpdate("UPDATE users SET age = age + 1 WHERE id = " + inG1);
            java.util.concurrent.CompletableFuture<Integer> aWaits = io.shardgate.testing.OwnThread.supply(() -> {
                try {
                    return sa.executeUpdate("UPDATE users SET age = age + 1 WHERE id = " + inG1);
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            Thread.sleep(300);
            long start = System.nanoTime();
            SQLException deadlock = org.assertj.core.api.Assertions.catchThrowableOfType(SQLException.class,
                    () -> sb.executeUpdate("UPDATE users SET age = age + 1 WHERE id = " + inG0));
            assertThat((Throwable) deadlock).as("the younger transaction is rolled back").isNotNull();
            assertThat(deadlock.getErrorCode()).isEqualTo(1213);
            assertThat(deadlock.getSQLState()).isEqualTo("40001");
            assertThat(deadlock.getMessage()).contains("across groups g0 and g1");
            assertThat((System.nanoTime() - start) / 1e9).as("seconds to break it").isLessThan(10);
            assertThat(aWaits.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1);
            a.rollback();
            assertThat(value(b, "SELECT COUNT(*) FROM users")).as("B's connection carries on").isEqualTo(20L);
            b.rollback();
        }
    }

    @Test
    void connectorJStartupAndServerFactsFromTheBackend() throws SQLException {
        try (Connection c = connect("")) {
            assertThat(c.getMetaData().getDatabaseProductVersion()).contains("MariaDB");
            assertThat(value(c, "SELECT @@session.transaction_read_only")).isEqualTo(0L);
            assertThat((String) value(c, "SELECT @@version_comment")).startsWith("Shardgate over ");
            assertThat(value(c, "SELECT @@version")).isEqualTo(c.getMetaData().getDatabaseProductVersion());
            // global values the backend has (the fixture starts MariaDB with a 32M buffer pool)
            assertThat(value(c, "SELECT @@innodb_buffer_pool_size")).isEqualTo(32L * 1024 * 1024);
            assertThat(variables(c, "SHOW GLOBAL VARIABLES LIKE 'character_set_server'"))
                    .containsExactly(Map.entry("character_set_server", "utf8mb4"));
            assertThat(rows(c, "SHOW COLLATION").size()).isGreaterThan(100);
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')");
            }
            // evaluated by the backend once (which orders the modes its way), then replayed on every shard
            assertThat(((String) value(c, "SELECT @@sql_mode")).split(",")).contains("ANSI_QUOTES", "STRICT_TRANS_TABLES");
            // the session's sql_mode is the one its statements run under on the shards
            assertThat(value(c, "SELECT \"name\" FROM users WHERE id = 1")).isEqualTo("ada");
        }
    }

    @Test
    void metadataNamesLogicalTablesOnly() throws SQLException {
        try (Connection c = connect("")) {
            assertThat(rows(c, "SHOW TABLES")).extracting(r -> r.get(0)).containsExactly("countries", "orders", "users");
            assertThat(rows(c, "DESCRIBE users")).extracting(r -> r.get(0)).containsExactly("id", "name", "country", "age");
            String ddl = (String) rows(c, "SHOW CREATE TABLE orders").get(0).get(1);
            assertThat(ddl).startsWith("CREATE TABLE `orders`").doesNotContain("orders_");
            assertThat(rows(c, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'shop' ORDER BY 1"))
                    .extracting(r -> r.get(0)).containsExactly("countries", "orders", "users");
            assertThat(rows(c, "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'shop' "
                    + "AND TABLE_NAME = 'orders' AND COLUMN_NAME = 'amount'")).containsExactly(List.of("decimal(10,2)"));
            try (ResultSet tables = c.getMetaData().getTables("shop", null, "%", null)) {
                assertThat(rows(tables)).extracting(r -> r.get(2)).containsExactly("countries", "orders", "users");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"useServerPrepStmts=false", "useServerPrepStmts=true",
        "useServerPrepStmts=true&useCursorFetch=true&defaultFetchSize=5", "sslMode=REQUIRED"})
    void connectorJWritesAndReads(String parameters) throws SQLException {
        String url = shop.mysqlUrl(parameters.startsWith("sslMode") ? "" : parameters);
        if (parameters.startsWith("sslMode")) {
            url = url.replace("sslMode=DISABLED", parameters);
        }
        try (Connection c = DriverManager.getConnection(url, "app", ShopServer.PASSWORD)) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO users (id, name, country, age) "
                    + "VALUES (?, ?, ?, ?)")) {
                for (int id = 301; id <= 308; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, "cj" + id);
                    insert.setString(3, "US");
                    insert.setInt(4, id - 300);
                    insert.addBatch();
                }
                assertThat(insert.executeBatch()).hasSize(8);
            }
            assertThat(physicalRows("users", "id BETWEEN 301 AND 308")).isEqualTo(8);
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("UPDATE users SET age = age * 10 WHERE id = ?")) {
                update.setInt(1, 305);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM users WHERE id = 306");
            }
            c.rollback();
            c.setAutoCommit(true);
            try (PreparedStatement select = c.prepareStatement("SELECT id, age FROM users WHERE id BETWEEN ? AND ? "
                    + "ORDER BY id")) {
                select.setInt(1, 301);
                select.setInt(2, 308);
                try (ResultSet rs = select.executeQuery()) {
                    List<List<Object>> found = rows(rs);
                    assertThat(found).hasSize(8);
                    assertThat(found.get(4)).containsExactly(305L, 50);
                    assertThat(found.get(5)).containsExactly(306L, 6);
                }
            }
            try (Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("DELETE FROM users WHERE id BETWEEN 301 AND 308")).isEqualTo(8);
            }
            assertThat(physicalRows("users", "id BETWEEN 301 AND 308")).isZero();
        }
    }

    @ParameterizedTest(name = "useServerPrepStmts={0}")
    @ValueSource(booleans = {false, true})
    void mariaDbConnectorWritesAndReads(boolean serverPrepared) throws SQLException {
        try (Connection c = DriverManager.getConnection(shop.mariadbUrl("useServerPrepStmts=" + serverPrepared), "app",
                ShopServer.PASSWORD)) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO orders (order_id, user_id, amount, status) "
                    + "VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < 6; i++) {
                    insert.setLong(1, 5000 + i);
                    insert.setInt(2, 1 + i);
                    insert.setBigDecimal(3, new java.math.BigDecimal("10.50"));
                    insert.setString(4, "mdb");
                    insert.addBatch();
                }
                assertThat(insert.executeBatch()).hasSize(6);
            }
            assertThat(physicalRows("orders", "status = 'mdb'")).isEqualTo(6);
            try (PreparedStatement select = c.prepareStatement("SELECT o.order_id, u.name FROM orders o "
                    + "JOIN users u ON u.id = o.user_id WHERE o.user_id = ? AND o.status = ?")) {
                select.setInt(1, 4);
                select.setString(2, "mdb");
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rows(rs)).containsExactly(List.of(5003L, "margaret"));
                }
            }
            assertThat(value(c, "SELECT SUM(amount) FROM orders WHERE status = 'mdb'").toString()).isEqualTo("63.00");
            try (Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("DELETE FROM orders WHERE status = 'mdb'")).isEqualTo(6);
            }
        }
    }
}
