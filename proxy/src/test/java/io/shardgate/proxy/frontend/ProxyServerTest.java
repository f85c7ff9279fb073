package io.shardgate.proxy.frontend;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Date;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.shardgate.proxy.frontend.RunningProxy.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProxyServerTest {

    @Test
    void twoServersInOneJvmAndStopClosesTheirClients() throws Exception {
        try (RunningProxy first = new RunningProxy(); RunningProxy second = new RunningProxy()) {
            assertThat(first.port).isNotEqualTo(second.port);
            Connection a = DriverManager.getConnection(first.mysqlUrl(""), "app", "secret");
            Connection b = DriverManager.getConnection(second.mysqlUrl(""), "app", "secret");
            assertThat(a.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).getId())
                    .as("connection ids are per server").isEqualTo(b.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).getId());
            assertThat(first.server.connectionCount()).isEqualTo(1);
            first.server.stop();
            await("the first server's session is released", () -> first.engine.sessions.get(0).closed);
            assertThat(a.isValid(1)).isFalse();
            try (java.sql.ResultSet rs = b.createStatement().executeQuery("SELECT 1")) {
                assertThat(rs.next()).as("the other server's client is untouched").isTrue();
            }
            b.close();
            await("the second server forgets the closed client", () -> second.server.connectionCount() == 0);
            await("and releases its session", () -> second.engine.sessions.get(0).closed);
        }
    }

    @Test
    void aPortInUseIsReportedClearly() throws Exception {
        ExecutorService workers = Executors.newCachedThreadPool();
        try (RunningProxy running = new RunningProxy()) {
            ProxyServer clash = new ProxyServer(running.engine, TlsConfig.none(), workers);
            assertThatThrownBy(() -> clash.start("127.0.0.1", running.port))
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + running.port)
                    .hasMessageContaining("--port");
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void tlsFromPemFiles(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=localhost");
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, new Date(System.currentTimeMillis() - 86_400_000L), new Date(System.currentTimeMillis() + 86_400_000L),
                name, keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        Files.writeString(cert, pem(certificate));
        Files.writeString(key, pem(keys.getPrivate()));

        try (RunningProxy proxy = new RunningProxy(TlsConfig.fromPem(cert, key), ProxyOptions.defaults().withIoThreads(1));
             Connection c = DriverManager.getConnection(
                     "jdbc:mysql://127.0.0.1:" + proxy.port + "/shop?sslMode=REQUIRED", "app", "secret")) {
            assertThat(c.isValid(5)).isTrue();
        }
        assertThatThrownBy(() -> TlsConfig.fromPem(dir.resolve("missing.crt"), key))
                .hasMessageContaining("missing.crt").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> TlsConfig.fromPem(key, cert)).hasMessageContaining("cannot use TLS certificate");
    }

    @Test
    void noTlsMeansClientsThatRequireItAreTurnedAway() throws Exception {
        try (RunningProxy proxy = new RunningProxy()) {
            assertThatThrownBy(() -> DriverManager.getConnection(
                    "jdbc:mysql://127.0.0.1:" + proxy.port + "/shop?sslMode=REQUIRED", "app", "secret"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("SSL");
        }
    }

    private static String pem(Object object) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
