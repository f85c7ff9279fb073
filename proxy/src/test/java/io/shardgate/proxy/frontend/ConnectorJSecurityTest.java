package io.shardgate.proxy.frontend;

import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.NativeSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS with a generated self-signed certificate, and caching_sha2_password full authentication:
 * the password in clear inside TLS, or RSA-encrypted with the server's public key on plain TCP.
 */
class ConnectorJSecurityTest {

    /** Always asks for full authentication, as MySQL does before a user's first login. */
    private static RunningProxy proxy;

    @BeforeAll
    static void start() {
        proxy = new RunningProxy(TlsConfig.selfSigned("localhost"),
                ProxyOptions.defaults().withIoThreads(2).withAlwaysFullAuth(true));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        proxy.close();
    }

    private static String url(String parameters) {
        return "jdbc:mysql://127.0.0.1:" + proxy.port + "/shop?connectTimeout=5000&socketTimeout=30000&" + parameters;
    }

    @Test
    void tlsRequiredWithTheSelfSignedCertificate() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("sslMode=REQUIRED&useServerPrepStmts=true"), "app", "secret")) {
            NativeSession session = (NativeSession) c.unwrap(JdbcConnection.class).getSession();
            assertThat(session.getProtocol().getSocketConnection().isSSLEstablished()).isTrue();
            try (ResultSet rs = c.prepareStatement("SELECT * FROM types").executeQuery()) {
                ClientAssertions.assertTypesRow(rs);
            }
        }
    }

    @Test
    void fullAuthOverTlsSendsTheCleartextPassword() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("sslMode=REQUIRED"), "app", "secret")) {
            assertThat(c.isValid(5)).isTrue();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url("sslMode=REQUIRED"), "app", "wrong"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(1045);
                    assertThat(e.getMessage()).contains("using password: YES");
                });
    }

    @Test
    void fullAuthOnPlainTcpUsesTheRsaPublicKey() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("sslMode=DISABLED&allowPublicKeyRetrieval=true"), "app", "secret")) {
            NativeSession session = (NativeSession) c.unwrap(JdbcConnection.class).getSession();
            assertThat(session.getProtocol().getSocketConnection().isSSLEstablished()).isFalse();
            assertThat(c.isValid(5)).isTrue();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url("sslMode=DISABLED&allowPublicKeyRetrieval=true"), "app", "nope"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1045));
        // without permission to fetch the key the client refuses, as against MySQL
        assertThatThrownBy(() -> DriverManager.getConnection(url("sslMode=DISABLED"), "app", "secret"))
                .hasMessageContaining("Public Key Retrieval is not allowed");
    }

    @Test
    void preferredTlsIsUsedWhenOffered() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("sslMode=PREFERRED"), "native", "n4tive")) {
            NativeSession session = (NativeSession) c.unwrap(JdbcConnection.class).getSession();
            assertThat(session.getProtocol().getSocketConnection().isSSLEstablished()).isTrue();
        }
    }
}
