package io.shardgate.proxy.frontend;

import io.shardgate.testing.OwnThread;
import com.mysql.cj.jdbc.JdbcConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.shardgate.proxy.frontend.RunningProxy.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MySQL Connector/J 9 against the proxy: text and server-side prepared statements, cursors, errors, auth. */
class ConnectorJTest {

    private static RunningProxy proxy;

    @BeforeAll
    static void start() {
        proxy = new RunningProxy();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        proxy.close();
    }

    @BeforeEach
    void clean() {
        proxy.engine.items.clear();
    }

    private Connection connect(String parameters) throws SQLException {
        return DriverManager.getConnection(proxy.mysqlUrl(parameters), "app", "secret");
    }

    @ParameterizedTest(name = "useServerPrepStmts={0}")
    @ValueSource(booleans = {false, true})
    void everyColumnTypeAndNullRoundTrips(boolean serverPrepared) throws SQLException {
        try (Connection c = connect("zeroDateTimeBehavior=CONVERT_TO_NULL&useServerPrepStmts=" + serverPrepared);
             PreparedStatement ps = c.prepareStatement("SELECT * FROM types");
             ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            assertThat(meta.getColumnTypeName(meta.getColumnCount())).isEqualTo("DATE");
            ClientAssertions.assertTypesRow(rs);
        }
        try (Connection c = connect("zeroDateTimeBehavior=CONVERT_TO_NULL&useServerPrepStmts=" + serverPrepared);
             ResultSet rs = c.prepareStatement("SELECT * FROM types").executeQuery()) {
            rs.next();
            assertThat(rs.getObject("zero")).as("a zero date").isNull();
        }
    }

    @Test
    void columnMetadataCarriesTypesFlagsAndNames() throws SQLException {
        try (Connection c = connect("");
             ResultSet rs = c.createStatement().executeQuery("SELECT * FROM types")) {
            ResultSetMetaData meta = rs.getMetaData();
            assertThat(meta.getColumnType(1)).isEqualTo(Types.TINYINT);
            assertThat(meta.isSigned(1)).isTrue();
            assertThat(meta.isSigned(2)).isFalse();
            assertThat(meta.getColumnTypeName(8)).isEqualTo("BIGINT UNSIGNED");
            assertThat(meta.getColumnTypeName(4)).isEqualTo("MEDIUMINT");
            assertThat(meta.getColumnTypeName(9)).isEqualTo("DECIMAL");
            assertThat(meta.getScale(9)).isEqualTo(4);
            assertThat(meta.getColumnTypeName(13)).isEqualTo("DATETIME");
            assertThat(meta.getColumnTypeName(16)).isEqualTo("YEAR");
            assertThat(meta.getColumnTypeName(17)).isEqualTo("VARCHAR");
            assertThat(meta.getColumnTypeName(18)).isEqualTo("TEXT");
            assertThat(meta.getColumnTypeName(19)).isEqualTo("BLOB");
            assertThat(meta.getColumnTypeName(20)).isEqualTo("VARBINARY");
            assertThat(meta.getColumnTypeName(21)).isEqualTo("JSON");
            assertThat(meta.getTableName(1)).isEqualTo("t");
            assertThat(meta.getCatalogName(1)).isEqualTo("shop");
        }
        try (Connection c = connect("");
             ResultSet rs = c.createStatement().executeQuery("SELECT * FROM items")) {
            ResultSetMetaData meta = rs.getMetaData();
            assertThat(meta.isNullable(1)).isEqualTo(ResultSetMetaData.columnNoNulls);
            assertThat(meta.isAutoIncrement(1)).isTrue();
            assertThat(meta.isNullable(2)).isEqualTo(ResultSetMetaData.columnNullable);
            assertThat(meta.getColumnDisplaySize(2)).isEqualTo(100);
        }
    }

    @ParameterizedTest(name = "useServerPrepStmts={0}")
    @ValueSource(booleans = {false, true})
    void updateCountsGeneratedKeysAndParameters(boolean serverPrepared) throws SQLException {
        try (Connection c = connect("useServerPrepStmts=" + serverPrepared)) {
            try (Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("INSERT INTO items (id, name, price) VALUES (7, 'seven', 7.5)",
                        Statement.RETURN_GENERATED_KEYS)).isEqualTo(1);
                try (ResultSet keys = s.getGeneratedKeys()) {
                    assertThat(keys.next()).isTrue();
                    assertThat(keys.getLong(1)).isEqualTo(7);
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO items (id, name, price) VALUES (?, ?, ?)")) {
                for (long id = 8; id <= 10; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, id == 9 ? null : "n" + id);
                    insert.setBigDecimal(3, new BigDecimal("1.25"));
                    assertThat(insert.executeUpdate()).isEqualTo(1);
                }
            }
            try (PreparedStatement select = c.prepareStatement("SELECT * FROM items WHERE id = ?")) {
                select.setLong(1, 9);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong("id")).isEqualTo(9);
                    assertThat(rs.getString("name")).isNull();
                    assertThat(rs.getBigDecimal("price")).isEqualTo(new BigDecimal("1.25"));
                    assertThat(rs.next()).isFalse();
                }
                select.setInt(1, 7);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("name")).isEqualTo("seven");
                    assertThat(rs.getBigDecimal("price")).isEqualTo(new BigDecimal("7.50"));
                }
            }
            assertThat(c.createStatement().executeUpdate("DELETE FROM items")).isEqualTo(4);
        }
    }

    @ParameterizedTest(name = "useServerPrepStmts={0}")
    @ValueSource(booleans = {false, true})
    void errorsKeepTheirCodeAndSqlStateAndTheConnectionGoesOn(boolean serverPrepared) throws SQLException {
        try (Connection c = connect("useServerPrepStmts=" + serverPrepared)) {
            assertError(c, "SELECT * FROM missing", 1146, "42S02", "Table 'shop.missing' doesn't exist");
            assertError(c, "SELEKT 1", 1064, "42000", "You have an error in your SQL syntax");
            assertError(c, "SELECT broken", 1105, "HY000", "a bug in the engine");
            c.createStatement().executeUpdate("INSERT INTO items (id, name, price) VALUES (1, 'a', 1)");
            assertError(c, "INSERT INTO items (id, name, price) VALUES (1, 'a', 1)", 1062, "23000", "Duplicate entry '1'");
            try (ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    /** sysbench and Connector/J fall back to client-side statements on 1295. */
    @Test
    void whatCannotBePreparedAnswers1295() throws SQLException {
        try (Connection c = connect("useServerPrepStmts=true&emulateUnsupportedPstmts=false")) {
            assertThatThrownBy(() -> c.prepareStatement("SELECT unpreparable"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1295));
        }
    }

    private static void assertError(Connection c, String sql, int code, String state, String message) {
        assertThatThrownBy(() -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.execute();
            }
        }).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(code);
            assertThat(e.getSQLState()).isEqualTo(state);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void connectErrors() {
        assertThatThrownBy(() -> DriverManager.getConnection(proxy.mysqlUrl(""), "app", "wrong"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(1045);
                    assertThat(e.getSQLState()).isEqualTo("28000");
                    assertThat(e.getMessage()).isEqualTo("Access denied for user 'app'@'127.0.0.1' (using password: YES)");
                });
        assertThatThrownBy(() -> DriverManager.getConnection(proxy.mysqlUrl(""), "nobody", "x"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1045));
        assertThatThrownBy(() -> DriverManager.getConnection(proxy.mysqlUrl("").replace("/shop?", "/nope?"), "app", "secret"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(1049);
                    assertThat(e.getMessage()).contains("Unknown database 'nope'");
                });
    }

    @Test
    void theEngineLearnsWhoLoggedIn() throws SQLException {
        try (Connection c = connect("useAffectedRows=false&connectionAttributes=program_name:shop-app")) {
            ClientLogin login = proxy.engine.logins.get(proxy.engine.logins.size() - 1);
            assertThat(login.connectionId()).isEqualTo(c.unwrap(JdbcConnection.class).getId());
            assertThat(login.user()).isEqualTo("app");
            assertThat(login.host()).isEqualTo("127.0.0.1");
            assertThat(login.database()).isEqualTo("shop");
            assertThat(login.foundRows()).as("Connector/J asks for found rows unless useAffectedRows").isTrue();
            assertThat(login.attributes()).containsEntry("program_name", "shop-app").containsKey("_client_name");
        }
    }

    @Test
    void authPluginsAndSwitching() throws SQLException {
        // caching_sha2_password fast auth (the greeting's plugin)
        try (Connection c = connect("")) {
            assertThat(c.isValid(5)).isTrue();
        }
        // an account on mysql_native_password: the proxy asks the client to switch
        try (Connection c = DriverManager.getConnection(proxy.mysqlUrl(""), "native", "n4tive")) {
            assertThat(c.isValid(5)).isTrue();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(proxy.mysqlUrl(""), "native", "bad"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1045));
        // a client starting with mysql_native_password for a caching_sha2 account is switched as well
        try (Connection c = connect("defaultAuthenticationPlugin=mysql_native_password")) {
            assertThat(c.isValid(5)).isTrue();
        }
        // an account without password
        try (Connection c = DriverManager.getConnection(proxy.mysqlUrl(""), "nopass", "")) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @ParameterizedTest(name = "allowMultiQueries, useServerPrepStmts={0}")
    @ValueSource(booleans = {false, true})
    void multiStatementsReturnEveryResultInOrder(boolean serverPrepared) throws SQLException {
        try (Connection c = connect("allowMultiQueries=true&useServerPrepStmts=" + serverPrepared);
             Statement s = c.createStatement()) {
            assertThat(s.execute("SELECT 1; INSERT INTO items (id, name, price) VALUES (3, 'a;b', 1); SELECT 2")).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(1);
            assertThat(s.getMoreResults()).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(-1);
            assertThat(proxy.engine.items.get(3L)[1]).isEqualTo("a;b");

            // an error stops the batch where it happened
            assertThatThrownBy(() -> s.execute("SELECT 1; SELECT * FROM missing; DELETE FROM items"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1146));
            assertThat(proxy.engine.items).containsKey(3L);
        }
    }

    @Test
    void cursorFetchPullsRowsOnlyAsTheClientFetches() throws SQLException {
        proxy.engine.bigRows = 100;
        proxy.engine.bigRowsProduced.set(0);
        try (Connection c = connect("useServerPrepStmts=true&useCursorFetch=true");
             PreparedStatement ps = c.prepareStatement("SELECT * FROM big")) {
            ps.setFetchSize(7);
            for (int run = 0; run < 2; run++) {
                try (ResultSet rs = ps.executeQuery()) {
                    long expected = 0;
                    while (rs.next()) {
                        expected++;
                        assertThat(rs.getLong("n")).isEqualTo(expected);
                        assertThat(rs.getString("pad")).endsWith(Long.toString(expected));
                        if (expected == 10 && run == 0) {
                            assertThat(proxy.engine.bigRowsProduced.get()).as("rows pulled after two fetches of 7").isLessThanOrEqualTo(14);
                        }
                    }
                    assertThat(expected).isEqualTo(100);
                }
            }
            // the connection is in a clean state after the cursor
            try (ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    /** setBinaryStream makes Connector/J send COM_STMT_SEND_LONG_DATA before the execute. */
    @Test
    void longDataIsAccumulatedAndBound() throws SQLException {
        byte[] data = new byte[200_000];
        new Random(1).nextBytes(data);
        try (Connection c = connect("useServerPrepStmts=true&blobSendChunkSize=65536")) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO items (id, name, price, data) VALUES (?, ?, ?, ?)")) {
                insert.setLong(1, 5);
                insert.setString(2, "blob");
                insert.setNull(3, Types.DECIMAL);
                insert.setBinaryStream(4, new ByteArrayInputStream(data), data.length);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement select = c.prepareStatement("SELECT * FROM items WHERE id = ?")) {
                select.setLong(1, 5);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(Arrays.equals(rs.getBytes("data"), data)).as("the bytes read back").isTrue();
                    assertThat(rs.getBigDecimal("price")).isNull();
                }
            }
        }
    }

    /** Packets of 16 MB and more, both directions, text and binary. */
    @Test
    void payloadsLargerThanSixteenMegabytes() throws SQLException {
        byte[] data = new byte[17 * 1024 * 1024 + 3];
        new Random(2).nextBytes(data);
        try (Connection c = connect("useServerPrepStmts=true")) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO items (id, name, price, data) VALUES (?, ?, ?, ?)")) {
                insert.setLong(1, 16);
                insert.setString(2, "big");
                insert.setBigDecimal(3, BigDecimal.ONE);
                insert.setBytes(4, data);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            assertThat(Arrays.equals((byte[]) proxy.engine.items.get(16L)[3], data)).as("the stored bytes are the sent bytes").isTrue();
            try (PreparedStatement select = c.prepareStatement("SELECT * FROM items WHERE id = ?")) {
                select.setLong(1, 16);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(Arrays.equals(rs.getBytes("data"), data)).isTrue();
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM items WHERE id = 16")) {
                assertThat(rs.next()).isTrue();
                assertThat(Arrays.equals(rs.getBytes("data"), data)).isTrue();
            }
        }
    }

    @Test
    void killQueryInterruptsAndKillConnectionCloses() throws Exception {
        try (Connection victim = connect(""); Connection killer = connect("")) {
            long victimId = victim.unwrap(JdbcConnection.class).getId();
            CompletableFuture<Throwable> sleeping = OwnThread.supply(() -> {
                try (Statement s = victim.createStatement()) {
                    s.executeQuery("SELECT SLEEP(10)");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            await("the victim is inside its statement", () -> proxy.engine.executedOn.size() > 0 && !sleeping.isDone()
                    && proxy.engine.sessions.stream().anyMatch(s -> true));
            killer.createStatement().execute("KILL QUERY " + victimId);
            Throwable interrupted = sleeping.get(10, TimeUnit.SECONDS);
            assertThat(interrupted).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getErrorCode()).isEqualTo(1317);
                assertThat(e.getSQLState()).isEqualTo("70100");
            });
            assertThat(victim.isValid(5)).isTrue();

            int before = proxy.server.connectionCount();
            killer.createStatement().execute("KILL " + victimId);
            await("the killed connection is gone", () -> proxy.server.connectionCount() == before - 1);
            assertThatThrownBy(() -> victim.createStatement().executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> killer.createStatement().execute("KILL 999999"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1094));
        }
    }

    @Test
    void pingResetAndChangeUser() throws SQLException {
        try (Connection c = connect("useServerPrepStmts=true")) {
            JdbcConnection mysql = c.unwrap(JdbcConnection.class);
            assertThat(c.isValid(5)).isTrue();
            PreparedStatement prepared = c.prepareStatement("SELECT * FROM items WHERE id = ?");
            FakeEngine.FakeSession session = proxy.engine.sessions.get(proxy.engine.sessions.size() - 1);
            mysql.resetServerState();
            assertThat(session.resets).isEqualTo(1);
            prepared.close();

            int sessionsBefore = proxy.engine.sessions.size();
            mysql.changeUser("native", "n4tive");
            assertThat(proxy.engine.sessions).hasSize(sessionsBefore + 1);
            assertThat(session.closed).isTrue();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT DATABASE()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("shop");
            }
        }
    }

    @Test
    void transactionsShowInTheStatusFlags() throws SQLException {
        try (Connection c = connect("")) {
            JdbcConnection mysql = c.unwrap(JdbcConnection.class);
            c.createStatement().execute("BEGIN");
            assertThat(mysql.getSession().getServerSession().inTransactionOnServer()).isTrue();
            c.createStatement().execute("COMMIT");
            assertThat(mysql.getSession().getServerSession().inTransactionOnServer()).isFalse();
            c.setAutoCommit(false);
            assertThat(mysql.getSession().getServerSession().isAutoCommit()).isFalse();
            c.setAutoCommit(true);
            assertThat(mysql.getSession().getServerSession().isAutoCommit()).isTrue();
        }
    }

    @Test
    void statementsRunOnWorkersNeverOnTheEventLoop() throws SQLException {
        proxy.engine.executedOn.clear();
        try (Connection c = connect("useServerPrepStmts=true")) {
            c.createStatement().executeQuery("SELECT 1").close();
            c.prepareStatement("SELECT * FROM types").executeQuery().close();
        }
        assertThat(proxy.engine.executedOn).isNotEmpty().allMatch(name -> name.startsWith(RunningProxy.WORKER_PREFIX));
    }
}
