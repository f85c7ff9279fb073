package io.shardgate.proxy.frontend;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classic framing (EOF packets after column definitions and rows) for clients that do not ask
 * for CLIENT_DEPRECATE_EOF, such as node mysql2: here the proxy does not offer it, so Connector/J
 * and MariaDB Connector/J read EOF packets everywhere.
 */
class EofFramingTest {

    private static RunningProxy proxy;

    @BeforeAll
    static void start() {
        proxy = new RunningProxy(TlsConfig.none(), ProxyOptions.defaults().withIoThreads(2).withDeprecateEof(false));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        proxy.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mysql:useServerPrepStmts=false", "mysql:useServerPrepStmts=true",
        "mariadb:useServerPrepStmts=false", "mariadb:useServerPrepStmts=true"})
    void resultsStatementsAndMultiResults(String client) throws SQLException {
        String[] parts = client.split(":");
        String url = parts[0].equals("mysql")
                ? proxy.mysqlUrl("zeroDateTimeBehavior=CONVERT_TO_NULL&allowMultiQueries=true&" + parts[1])
                : proxy.mariadbUrl("allowMultiQueries=true&" + parts[1]);
        try (Connection c = DriverManager.getConnection(url, "app", "secret")) {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM types"); ResultSet rs = ps.executeQuery()) {
                ClientAssertions.assertTypesRow(rs);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM items WHERE id = ?")) {
                ps.setLong(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isFalse();
                }
            }
            try (Statement s = c.createStatement()) {
                assertThat(s.execute("SELECT 1; SELECT 2")).isTrue();
                assertThat(s.getMoreResults()).isTrue();
                try (ResultSet rs = s.getResultSet()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(2);
                }
                assertThat(s.getMoreResults()).isFalse();
                assertThat(s.getUpdateCount()).isEqualTo(-1);
            }
        }
    }

    @ParameterizedTest(name = "fetch size {0}")
    @ValueSource(ints = {1, 7, 100, 1000})
    void cursorFetchWithEofPackets(int fetchSize) throws SQLException {
        proxy.engine.bigRows = 100;
        try (Connection c = DriverManager.getConnection(proxy.mysqlUrl("useServerPrepStmts=true&useCursorFetch=true"), "app", "secret");
             PreparedStatement ps = c.prepareStatement("SELECT * FROM big")) {
            ps.setFetchSize(fetchSize);
            try (ResultSet rs = ps.executeQuery()) {
                long count = 0;
                while (rs.next()) {
                    assertThat(rs.getLong(1)).isEqualTo(++count);
                }
                assertThat(count).isEqualTo(100);
            }
        }
    }
}
