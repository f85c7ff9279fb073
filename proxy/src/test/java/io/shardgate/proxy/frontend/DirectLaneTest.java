package io.shardgate.proxy.frontend;

import io.shardgate.testing.OwnThread;
import io.shardgate.proxy.compat.ShopServer;
import io.shardgate.proxy.server.DemoShop;
import io.shardgate.testing.MariaDbCluster;
import io.shardgate.testing.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The direct lane over real MariaDB groups: prepared point selects answered by the proxy's own
 * backend connections (proven by the backends' COM_STMT_EXECUTE counters: the engine's JDBC path
 * sends text queries), with the same rows and logical metadata as the engine path, backend errors
 * relayed, ordering kept when lane and engine statements interleave, large results streamed under
 * back-pressure, and KILL QUERY.
 */
class DirectLaneTest {

    private static final String DATABASE = "lane_shop";
    private static final int BIG_ROWS = 30_000;
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
        // an unsharded table in the default group, filled on the server itself
        g0.execute("CREATE TABLE " + DATABASE + ".lane_big (id INT PRIMARY KEY, pad VARCHAR(200))",
                "INSERT INTO " + DATABASE + ".lane_big SELECT seq, REPEAT('x', 200) FROM " + DATABASE + ".seq_1_to_" + BIG_ROWS);
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

    private static Connection serverPrepares() throws SQLException {
        return DriverManager.getConnection(shop.mysqlUrl("useServerPrepStmts=true&cachePrepStmts=true"), "app",
                ShopServer.PASSWORD);
    }

    /** COM_STMT_EXECUTE commands the servers have run: only the direct lane sends them. */
    private static long backendExecutes() {
        long total = 0;
        for (int g = 0; g < 2; g++) {
            for (MariaDbServer server : cluster.group(g).servers()) {
                total += Long.parseLong(MariaDbCluster.query(server, "SELECT VARIABLE_VALUE FROM "
                        + "information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'COM_STMT_EXECUTE'"));
            }
        }
        return total;
    }

    private static List<List<Object>> rows(ResultSet result) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                row.add(result.getObject(i));
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void pointSelectsRunOnTheLaneWithTheEnginesRowsAndLogicalMetadata() throws SQLException {
        long before = backendExecutes();
        try (Connection c = serverPrepares(); Statement text = c.createStatement();
             PreparedStatement byId = c.prepareStatement("SELECT id, name, country, age FROM users WHERE id = ?");
             PreparedStatement ordersOf = c.prepareStatement(
                     "SELECT order_id, amount, status, created_at FROM orders WHERE user_id = ? ORDER BY order_id")) {
            for (int id = 1; id <= 20; id++) {
                byId.setLong(1, id);
                List<List<Object>> lane;
                try (ResultSet result = byId.executeQuery()) {
                    lane = rows(result);
                }
                List<List<Object>> engine;
                try (ResultSet result = text.executeQuery("SELECT id, name, country, age FROM users WHERE id = " + id)) {
                    engine = rows(result);
                }
                assertThat(lane).as("user %d", id).hasSize(1).isEqualTo(engine);

                ordersOf.setLong(1, id);
                try (ResultSet result = ordersOf.executeQuery();
                     ResultSet expected = text.executeQuery("SELECT order_id, amount, status, created_at FROM orders"
                             + " WHERE user_id = " + id + " ORDER BY order_id")) {
                    assertThat(rows(result)).as("orders of %d", id).isNotEmpty().isEqualTo(rows(expected));
                }
            }
            byId.setLong(1, 7);
            try (ResultSet result = byId.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                assertThat(meta.getTableName(2)).isEqualTo("users");
                assertThat(meta.getCatalogName(2)).isEqualTo("shop");
                assertThat(meta.getColumnLabel(2)).isEqualTo("name");
                assertThat(result.next()).isTrue();
                assertThat(result.getString("name")).isEqualTo("donald");
            }
        }
        assertThat(backendExecutes() - before).as("statements the backends ran as COM_STMT_EXECUTE")
                .isGreaterThanOrEqualTo(41);
    }

    @Test
    void aBackendErrorReachesTheClientAndTheConnectionCarriesOn() throws SQLException {
        try (Connection c = serverPrepares();
             PreparedStatement failing = c.prepareStatement("SELECT name FROM users WHERE id = ? AND EXP(?) > 0")) {
            failing.setLong(1, 3);
            failing.setInt(2, 1000);
            assertThatThrownBy(failing::executeQuery).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getErrorCode()).isEqualTo(1690);
                assertThat(e.getMessage()).contains("out of range");
            });
            try (Statement s = c.createStatement(); ResultSet warnings = s.executeQuery("SHOW WARNINGS")) {
                assertThat(warnings.next()).isTrue();
                assertThat(warnings.getString(1)).isEqualTo("Error");
                assertThat(warnings.getInt(2)).isEqualTo(1690);
            }
            failing.setInt(2, 1);
            try (ResultSet result = failing.executeQuery()) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("linus");
            }
        }
    }

    /**
     * Warnings a direct statement raises: the end packet counts them, and the client's SHOW
     * WARNINGS lists them as the engine path (and one server) would — fetched from the backend
     * link before the end packet, so a client that asks at once finds them.
     */
    @Test
    void backendWarningsOfADirectStatementAreListedBySHOW_WARNINGS() throws SQLException {
        long before = backendExecutes();
        try (Connection c = serverPrepares(); Statement s = c.createStatement();
             PreparedStatement truncating = c.prepareStatement(
                     "SELECT id, CAST(CONCAT('x', name) AS SIGNED) FROM users WHERE id = ?")) {
            for (int id : new int[] {3, 8}) {
                truncating.setLong(1, id);
                try (ResultSet result = truncating.executeQuery()) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getLong(2)).isZero();
                }
                List<List<Object>> shown;
                try (ResultSet warnings = s.executeQuery("SHOW WARNINGS")) {
                    shown = rows(warnings);
                }
                String name;
                try (ResultSet names = s.executeQuery("SELECT name FROM users WHERE id = " + id)) {
                    assertThat(names.next()).isTrue();
                    name = names.getString(1);
                }
                assertThat(shown).as("user %d", id).containsExactly(
                        List.of("Warning", 1292L, "Truncated incorrect INTEGER value: 'x" + name + "'"));
            }
            truncating.setLong(1, 3);
            try (ResultSet result = truncating.executeQuery()) {
                assertThat(result.next()).isTrue();
                java.sql.SQLWarning warning = truncating.getWarnings();
                assertThat((Throwable) warning).as("Connector/J's own SHOW WARNINGS after the count").isNotNull();
                assertThat(warning.getErrorCode()).isEqualTo(1292);
            }
            try (ResultSet result = s.executeQuery("SELECT name FROM users WHERE id = 3")) {
                assertThat(result.next()).isTrue();
            }
            try (ResultSet warnings = s.executeQuery("SHOW WARNINGS")) {
                assertThat(warnings.next()).as("a statement without warnings clears them").isFalse();
            }
        }
        assertThat(backendExecutes() - before).as("statements the backends ran as COM_STMT_EXECUTE")
                .isGreaterThanOrEqualTo(3);
    }

    /** Statements the proxy handed to the direct lane so far (SHOW STATUS). */
    private static long directStatements(Statement s) throws SQLException {
        try (ResultSet status = s.executeQuery("SHOW STATUS LIKE 'Shardgate_direct_lane_statements'")) {
            assertThat(status.next()).isTrue();
            return status.getLong(2);
        }
    }

    /**
     * Text statements (COM_QUERY, values inlined) take the lane too once the engine knows their
     * shape: the first is parsed by the engine, its siblings go to the backend as text with the
     * values written back, and the answers equal the engine path's (inside a transaction, where
     * the lane never runs).
     */
    @Test
    void textPointSelectsTakeTheLaneOnceTheirShapeIsKnown() throws SQLException {
        try (Connection c = DriverManager.getConnection(shop.mysqlUrl(""), "app", ShopServer.PASSWORD);
             Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO users (id, name, country, age) VALUES (9001, 'd''artagnan', 'FR', 30)");
            try {
                long before = directStatements(s);
                List<String> texts = new ArrayList<>();
                for (int id = 1; id <= 20; id++) {
                    texts.add("SELECT id, name, country, age FROM users WHERE id = " + id);
                }
                texts.add("SELECT id, age FROM users WHERE name = 'd''artagnan' AND id = 9001");
                texts.add("SELECT id, age FROM users WHERE name = 'd''artagnan' AND id = 9001");
                texts.add("SELECT id, name FROM users WHERE id = 9001 AND age > 29.5 AND country IN ('FR', 'JP')");
                texts.add("SELECT id, name FROM users WHERE id = 9001 AND age > 30.5 AND country IN ('FR', 'JP')");
                List<List<List<Object>>> lane = new ArrayList<>();
                for (String text : texts) {
                    try (ResultSet result = s.executeQuery(text)) {
                        lane.add(rows(result));
                    }
                }
                long direct = directStatements(s) - before;
                c.setAutoCommit(false);
                List<List<List<Object>>> engine = new ArrayList<>();
                for (String text : texts) {
                    try (ResultSet result = s.executeQuery(text)) {
                        engine.add(rows(result));
                    }
                }
                c.commit();
                c.setAutoCommit(true);
                assertThat(lane).isEqualTo(engine);
                assertThat(lane.get(6)).containsExactly(List.of(7L, "donald", "DE", 62));
                assertThat(lane.get(21)).containsExactly(List.of(9001L, 30));
                assertThat(lane.get(22)).containsExactly(List.of(9001L, "d'artagnan"));
                assertThat(lane.get(23)).isEmpty();
                assertThat(direct).as("text statements handed to the lane (all but the first of each shape)")
                        .isGreaterThanOrEqualTo(texts.size() - 3);
                try (ResultSet result = s.executeQuery("SELECT id, name FROM users WHERE id = 7")) {
                    ResultSetMetaData meta = result.getMetaData();
                    assertThat(meta.getTableName(2)).isEqualTo("users");
                    assertThat(meta.getCatalogName(2)).isEqualTo("shop");
                }
            } finally {
                s.executeUpdate("DELETE FROM users WHERE id = 9001");
            }
        }
    }

    @Test
    void laneAndEngineStatementsOfOneConnectionKeepTheirOrder() throws SQLException {
        try (Connection c = serverPrepares(); Statement text = c.createStatement();
             PreparedStatement read = c.prepareStatement("SELECT age FROM users WHERE id = ?");
             PreparedStatement write = c.prepareStatement("UPDATE users SET age = ? WHERE id = ?")) {
            text.executeUpdate("INSERT INTO users (id, name, country, age) VALUES (501, 'order', 'NZ', 1)");
            read.setLong(1, 501);
            for (int age = 2; age < 40; age++) {
                write.setInt(1, age);
                write.setLong(2, 501);
                assertThat(write.executeUpdate()).isEqualTo(1);
                try (ResultSet result = read.executeQuery()) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getInt(1)).as("read right after the write").isEqualTo(age);
                }
            }
            text.executeUpdate("DELETE FROM users WHERE id = 501");
            try (ResultSet result = read.executeQuery()) {
                assertThat(result.next()).isFalse();
            }
        }
    }

    @Test
    void aLargeResultStreamsThroughTheLane() throws SQLException {
        long before = backendExecutes();
        try (Connection c = serverPrepares();
             PreparedStatement all = c.prepareStatement("SELECT id, pad FROM lane_big WHERE id > ?")) {
            all.setInt(1, 0);
            long count = 0;
            long sum = 0;
            try (ResultSet result = all.executeQuery()) {
                while (result.next()) {
                    count++;
                    sum += result.getInt(1);
                    assertThat(result.getString(2)).hasSize(200);
                }
            }
            assertThat(count).isEqualTo(BIG_ROWS);
            assertThat(sum).isEqualTo((long) BIG_ROWS * (BIG_ROWS + 1) / 2);
        }
        assertThat(backendExecutes() - before).isGreaterThanOrEqualTo(1);
    }

    @Test
    void killQueryStopsADirectStatement() throws Exception {
        try (Connection c = serverPrepares(); Connection killer = serverPrepares();
             PreparedStatement slow = c.prepareStatement("SELECT SLEEP(?) FROM lane_big WHERE id = 1")) {
            long connectionId;
            try (Statement s = c.createStatement(); ResultSet result = s.executeQuery("SELECT CONNECTION_ID()")) {
                result.next();
                connectionId = result.getLong(1);
            }
            slow.setInt(1, 30);
            long started = System.nanoTime();
            CompletableFuture<Throwable> outcome = OwnThread.supply(() -> {
                try (ResultSet ignored = slow.executeQuery()) {
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            // KILL until the statement has ended (the first may come before it started)
            while (!outcome.isDone() && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(20)) {
                try (Statement s = killer.createStatement()) {
                    s.execute("KILL QUERY " + connectionId);
                }
                try {
                    outcome.get(300, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException stillRunning) {
                    // kill again
                }
            }
            Throwable failure = outcome.get(1, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getErrorCode()).isEqualTo(1317));
            assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(10));
            slow.setInt(1, 0);
            try (ResultSet result = slow.executeQuery()) {
                assertThat(result.next()).isTrue();
                assertThat(result.getBigDecimal(1)).isEqualByComparingTo(BigDecimal.ZERO);
            }
        }
    }
}
