package io.shardgate.proxy.server;

import io.shardgate.testing.OwnThread;
import io.shardgate.proxy.frontend.TlsConfig;
import io.shardgate.rules.config.RuleLoader;
import io.shardgate.testing.MariaDbCluster;
import io.shardgate.testing.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Policy xa through the proxy with Connector/J, over two real MariaDB servers (g0 holds even
 * account ids, g1 odd ones): the same atomic commit, failed prepare and crash recovery as through
 * the JDBC driver, with the proxy itself killed in a child JVM.
 */
class XaProxyTest {

    private static final String DATABASE = "xa_proxy";
    private static final String CRASH_PROPERTY = "shardgate.test.crash-point";
    private static MariaDbServer g0;
    private static MariaDbServer g1;

    @TempDir
    Path dir;
    private Path rules;

    @BeforeAll
    static void startServers() {
        CompletableFuture<MariaDbServer> a = OwnThread.supply(() -> MariaDbServer.start("xa-proxy-g0", 71));
        CompletableFuture<MariaDbServer> b = OwnThread.supply(() -> MariaDbServer.start("xa-proxy-g1", 72));
        g0 = a.join();
        g1 = b.join();
        for (MariaDbServer server : List.of(g0, g1)) {
            server.execute("CREATE DATABASE " + DATABASE,
                    "CREATE TABLE " + DATABASE + ".accounts (id INT PRIMARY KEY, balance INT NOT NULL)");
        }
    }

    @AfterAll
    static void stopServers() {
        for (MariaDbServer server : new MariaDbServer[] {g0, g1}) {
            if (server != null) {
                server.stop();
            }
        }
    }

    @BeforeEach
    void resetAccounts() throws IOException {
        g0.execute("DELETE FROM " + DATABASE + ".accounts", "INSERT INTO " + DATABASE + ".accounts VALUES (2, 100)");
        g1.execute("DELETE FROM " + DATABASE + ".accounts", "INSERT INTO " + DATABASE + ".accounts VALUES (1, 100)");
        rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                database: bank
                users:
                  - { name: app, password: secret }
                groups:
                  g0: { leader: { url: "%s", user: %s, password: %s } }
                  g1: { leader: { url: "%s", user: %s, password: %s } }
                tables:
                  accounts: { shard-key: id, algorithm: mod, shards: "g${0..1}.accounts" }
                policies:
                  cross-shard-transaction: xa
                transactions:
                  xa-log-dir: "%s"
                """.formatted(g0.jdbcUrl(DATABASE), MariaDbServer.USER, MariaDbServer.PASSWORD,
                g1.jdbcUrl(DATABASE), MariaDbServer.USER, MariaDbServer.PASSWORD,
                dir.resolve("xa-log").toString().replace("\\", "/")), StandardCharsets.UTF_8);
    }

    private ShardgateServer startProxy() {
        return ShardgateServer.start(List.of(new RuleLoader().load(rules)), "127.0.0.1", 0, TlsConfig.none());
    }

    private static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port
                + "/bank?sslMode=DISABLED&connectTimeout=5000&socketTimeout=60000", "app", "secret");
    }

    @Test
    void aTransferAcrossTwoGroupsCommitsOnBoth() throws Exception {
        try (ShardgateServer proxy = startProxy(); Connection c = connect(proxy.port()); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("UPDATE accounts SET balance = balance - 10 WHERE id = 2");
            s.executeUpdate("UPDATE accounts SET balance = balance + 10 WHERE id = 1");
            SQLWarning warning = s.getWarnings();
            assertThat((Object) warning).as("reaching a second group is flagged").isNotNull();
            assertThat(warning.getMessage()).contains("g0").contains("g1").contains("cross-shard-transaction=xa");
            c.commit();
        }
        assertConsistent(true);
    }

    @Test
    void aBranchThatFailsToPrepareRollsBackBothAndTheClientIsToldSo() throws Exception {
        try (ShardgateServer proxy = startProxy(); Connection c = connect(proxy.port()); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("UPDATE accounts SET balance = balance - 10 WHERE id = 2");
            s.executeUpdate("UPDATE accounts SET balance = balance + 10 WHERE id = 1");
            // the one open InnoDB transaction on g1 is the branch: kill its session before it can prepare
            g1.execute("KILL " + MariaDbCluster.query(g1, "SELECT trx_mysql_thread_id FROM information_schema.INNODB_TRX"));
            assertThatThrownBy(c::commit).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getErrorCode()).isEqualTo(1402);
                assertThat(e.getSQLState()).isEqualTo("XA100");
                assertThat(e.getMessage()).contains("rolled back on every group (g0, g1)").contains("Nothing was committed");
            });
        }
        assertConsistent(false);
    }

    @Test
    void aProxyKilledAfterEveryPrepareRollsBackBothWhenItRestarts() throws Exception {
        transferThroughACrashingProxy("xa-after-prepare");
        assertThat(prepared(g0)).isEqualTo(1);
        assertThat(prepared(g1)).isEqualTo(1);
        startProxy().close(); // the restart recovers
        assertConsistent(false);
    }

    @Test
    void aProxyKilledAfterTheFirstCommitCommitsBothWhenItRestarts() throws Exception {
        transferThroughACrashingProxy("xa-after-first-commit");
        // the branches commit in parallel: at most one can still wait, prepared
        assertThat(prepared(g0) + prepared(g1)).isLessThanOrEqualTo(1);
        startProxy().close();
        assertConsistent(true);
    }

    /** Runs the transfer through a proxy in a child JVM that halts at {@code point} of the commit. */
    private void transferThroughACrashingProxy(String point) throws Exception {
        Path output = dir.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-D" + CRASH_PROPERTY + "=" + point,
                XaProxyChild.class.getName(), rules.toString())
                .redirectError(output.toFile()).start();
        try {
            int port = port(child);
            try (Connection c = connect(port); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.executeUpdate("UPDATE accounts SET balance = balance - 10 WHERE id = 2");
                s.executeUpdate("UPDATE accounts SET balance = balance + 10 WHERE id = 1");
                assertThatThrownBy(c::commit).as("the proxy died during COMMIT").isInstanceOf(SQLException.class);
            }
            assertThat(child.waitFor(1, TimeUnit.MINUTES)).as("the child proxy ended").isTrue();
            assertThat(child.exitValue()).as("the child halted at %s; its stderr:%n%s", point, Files.readString(output))
                    .isEqualTo(77);
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int port(Process child) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("PORT ")) {
                // keep draining the child's stdout so that it never blocks on a full pipe
                Thread drain = new Thread(() -> {
                    try {
                        while (lines.readLine() != null) {
                            // discard
                        }
                    } catch (IOException ignored) {
                        // the child is gone
                    }
                }, "xa-child-stdout");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring(5).strip());
            }
        }
        throw new IllegalStateException("the child proxy ended before printing its port");
    }

    private void assertConsistent(boolean committed) {
        assertThat(balance(g0, 2)).isEqualTo(committed ? 90 : 100);
        assertThat(balance(g1, 1)).isEqualTo(committed ? 110 : 100);
        assertThat(prepared(g0)).as("nothing is left prepared on g0").isZero();
        assertThat(prepared(g1)).as("nothing is left prepared on g1").isZero();
    }

    private static int balance(MariaDbServer server, int id) {
        return Integer.parseInt(MariaDbCluster.query(server, "SELECT balance FROM " + DATABASE + ".accounts WHERE id = " + id));
    }

    /** Prepared XA branches of Shardgate's format (0x5347) on the server. */
    private static int prepared(MariaDbServer server) {
        try (Connection c = server.connect(DATABASE); Statement s = c.createStatement();
             var rows = s.executeQuery("XA RECOVER")) {
            int count = 0;
            while (rows.next()) {
                if (rows.getInt(1) == 0x5347) {
                    count++;
                }
            }
            return count;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
