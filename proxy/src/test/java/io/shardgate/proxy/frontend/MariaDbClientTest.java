package io.shardgate.proxy.frontend;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MariaDB Connector/J 3 against the proxy: it pipelines commands and uses its own auth plugin code. */
class MariaDbClientTest {

    private static RunningProxy proxy;
    private static RunningProxy secureProxy;

    @BeforeAll
    static void start() {
        proxy = new RunningProxy();
        secureProxy = new RunningProxy(TlsConfig.selfSigned("localhost"),
                ProxyOptions.defaults().withIoThreads(2).withAlwaysFullAuth(true));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        proxy.close();
        secureProxy.close();
    }

    @BeforeEach
    void clean() {
        proxy.engine.items.clear();
    }

    private static Connection connect(String parameters) throws SQLException {
        return DriverManager.getConnection(proxy.mariadbUrl(parameters), "app", "secret");
    }

    @ParameterizedTest(name = "useServerPrepStmts={0}")
    @ValueSource(booleans = {false, true})
    void everyColumnTypeAndNullRoundTrips(boolean serverPrepared) throws SQLException {
        try (Connection c = connect("useServerPrepStmts=" + serverPrepared);
             PreparedStatement ps = c.prepareStatement("SELECT * FROM types");
             ResultSet rs = ps.executeQuery()) {
            ClientAssertions.assertTypesRow(rs);
        }
    }

    @ParameterizedTest(name = "useServerPrepStmts={0}")
    @ValueSource(booleans = {false, true})
    void updatesParametersAndBatches(boolean serverPrepared) throws SQLException {
        try (Connection c = connect("useServerPrepStmts=" + serverPrepared)) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO items (id, name, price) VALUES (?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                for (long id = 1; id <= 20; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, "n" + id);
                    insert.setBigDecimal(3, new BigDecimal("2.50"));
                    insert.addBatch();
                }
                assertThat(insert.executeBatch()).hasSize(20).containsOnly(1);
            }
            assertThat(proxy.engine.items).hasSize(20);
            try (PreparedStatement select = c.prepareStatement("SELECT * FROM items WHERE id = ?")) {
                select.setInt(1, 17);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("name")).isEqualTo("n17");
                    assertThat(rs.getBigDecimal("price")).isEqualTo(new BigDecimal("2.50"));
                }
            }
            try (Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("INSERT INTO items (id, name, price) VALUES (99, 'x', 1)",
                        Statement.RETURN_GENERATED_KEYS)).isEqualTo(1);
                try (ResultSet keys = s.getGeneratedKeys()) {
                    assertThat(keys.next()).isTrue();
                    assertThat(keys.getLong(1)).isEqualTo(99);
                }
            }
        }
    }

    @ParameterizedTest(name = "useServerPrepStmts={0}")
    @ValueSource(booleans = {false, true})
    void errorsKeepTheirCodeAndSqlState(boolean serverPrepared) throws SQLException {
        try (Connection c = connect("useServerPrepStmts=" + serverPrepared)) {
            assertThatThrownBy(() -> c.prepareStatement("SELECT * FROM missing").executeQuery())
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(1146);
                        assertThat(e.getSQLState()).isEqualTo("42S02");
                    });
            c.createStatement().executeUpdate("INSERT INTO items (id, name, price) VALUES (1, 'a', 1)");
            assertThatThrownBy(() -> c.createStatement().executeUpdate("INSERT INTO items (id, name, price) VALUES (1, 'a', 1)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(1062);
                        assertThat(e.getSQLState()).isEqualTo("23000");
                    });
            assertThat(c.isValid(5)).isTrue();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(proxy.mariadbUrl(""), "app", "bad"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(1045);
                    assertThat(e.getSQLState()).isEqualTo("28000");
                });
    }

    @Test
    void authPlugins() throws SQLException {
        try (Connection c = DriverManager.getConnection(proxy.mariadbUrl(""), "native", "n4tive")) {
            assertThat(c.isValid(5)).isTrue();
        }
        try (Connection c = DriverManager.getConnection(
                secureProxy.mariadbUrl("allowPublicKeyRetrieval=true"), "app", "secret")) {
            assertThat(c.isValid(5)).isTrue();
        }
        try (Connection c = DriverManager.getConnection(secureProxy.mariadbUrl("sslMode=trust"), "app", "secret");
             ResultSet rs = c.prepareStatement("SELECT * FROM types").executeQuery()) {
            ClientAssertions.assertTypesRow(rs);
        }
    }

    @Test
    void transactionsAndAutocommit() throws SQLException {
        try (Connection c = connect("")) {
            c.setAutoCommit(false);
            c.createStatement().executeUpdate("INSERT INTO items (id, name, price) VALUES (5, 'a', 1)");
            c.commit();
            c.setAutoCommit(true);
            assertThat(c.getAutoCommit()).isTrue();
            FakeEngine.FakeSession session = proxy.engine.sessions.get(proxy.engine.sessions.size() - 1);
            assertThat(session.autocommit).isTrue();
            assertThat(c.isValid(5)).isTrue();
        }
    }
}
