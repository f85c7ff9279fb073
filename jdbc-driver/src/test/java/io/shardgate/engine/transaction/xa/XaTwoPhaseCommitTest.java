package io.shardgate.engine.transaction.xa;

import io.shardgate.testing.OwnThread;
import io.shardgate.engine.Engine;
import io.shardgate.engine.backend.Backends;
import io.shardgate.testing.MariaDbCluster;
import io.shardgate.rules.config.RuleLoader;
import io.shardgate.testing.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Policy xa on two real MariaDB servers (group g0 holds even account ids, g1 odd ones): atomic
 * commit and rollback, the one-phase path, a failed prepare, and crashes of a child JVM at each
 * step of the commit followed by recovery, checked by reading both servers directly.
 */
class XaTwoPhaseCommitTest {

    private static final String DATABASE = "xa_bank";
    private static MariaDbServer g0;
    private static MariaDbServer g1;

    @TempDir
    Path dir;
    private Path rules;

    @BeforeAll
    static void startServers() {
        CompletableFuture<MariaDbServer> a = OwnThread.supply(() -> MariaDbServer.start("xa-g0", 61));
        CompletableFuture<MariaDbServer> b = OwnThread.supply(() -> MariaDbServer.start("xa-g1", 62));
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
        g0.execute("DELETE FROM " + DATABASE + ".accounts", "INSERT INTO " + DATABASE + ".accounts VALUES (2, 100), (4, 100)");
        g1.execute("DELETE FROM " + DATABASE + ".accounts", "INSERT INTO " + DATABASE + ".accounts VALUES (1, 100), (3, 100)");
        rules = writeRules("xa");
    }

    private Path writeRules(String policy) throws IOException {
        Path file = dir.resolve("rules-" + policy + ".yaml");
        Files.writeString(file, """
                database: bank
                groups:
                  g0: { leader: { url: "%s", user: %s, password: %s }, pool: { connection-timeout: 1s } }
                  g1: { leader: { url: "%s", user: %s, password: %s }, pool: { connection-timeout: 1s } }
                tables:
                  accounts: { shard-key: id, algorithm: mod, shards: "g${0..1}.accounts" }
                policies:
                  cross-shard-transaction: %s
                transactions:
                  xa-log-dir: "%s"
                """.formatted(g0.jdbcUrl(DATABASE), MariaDbServer.USER, MariaDbServer.PASSWORD,
                g1.jdbcUrl(DATABASE), MariaDbServer.USER, MariaDbServer.PASSWORD, policy,
                dir.resolve("xa-log").toString().replace("\\", "/")), StandardCharsets.UTF_8);
        return file;
    }

    private Connection shardgate() throws SQLException {
        return DriverManager.getConnection("jdbc:shardgate:file:" + rules);
    }

    @Test
    void aTransferAcrossTwoGroupsCommitsOnBothAndLeavesNothingPrepared() throws Exception {
        try (Connection c = shardgate(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("UPDATE accounts SET balance = balance - 30 WHERE id = 2");
            assertThat((Object) s.getWarnings()).isNull();
            s.executeUpdate("UPDATE accounts SET balance = balance + 30 WHERE id = 1");
            SQLWarning warning = s.getWarnings();
            assertThat((Object) warning).as("reaching a second group is flagged").isNotNull();
            assertThat(warning.getMessage()).contains("g0").contains("g1").contains("cross-shard-transaction=xa");
            c.commit();
        }
        assertThat(balance(g0, 2)).isEqualTo(70);
        assertThat(balance(g1, 1)).isEqualTo(130);
        assertThat(prepared(g0)).isEmpty();
        assertThat(prepared(g1)).isEmpty();
        assertThat(undoneDecisions()).isEmpty();
    }

    @Test
    void aGroupThatWasOnlyReadPreparesAndCommitsLikeTheOthers() throws Exception {
        Xid readOnly = new Xid("sg-probe-1-1", "g1");
        try (Connection direct = g1.connect(DATABASE)) {
            // what the coordinator relies on: MariaDB keeps a read-only branch through PREPARE to COMMIT
            XaCoordinator.execute(direct, "XA START " + readOnly.sql());
            XaCoordinator.execute(direct, "SELECT balance FROM accounts WHERE id = 1");
            XaCoordinator.execute(direct, "XA END " + readOnly.sql());
            XaCoordinator.execute(direct, "XA PREPARE " + readOnly.sql());
            XaCoordinator.execute(direct, "XA COMMIT " + readOnly.sql());
        }
        try (Connection c = shardgate(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try (ResultSet rows = s.executeQuery("SELECT balance FROM accounts WHERE id = 1")) {
                assertThat(rows.next()).isTrue();
            }
            s.executeUpdate("UPDATE accounts SET balance = 7 WHERE id = 2");
            c.commit();
        }
        assertThat(balance(g0, 2)).isEqualTo(7);
        assertThat(prepared(g0)).isEmpty();
        assertThat(prepared(g1)).isEmpty();
        assertThat(undoneDecisions()).isEmpty();
    }

    @Test
    void rollbackUndoesEveryGroup() throws Exception {
        try (Connection c = shardgate(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("UPDATE accounts SET balance = 0 WHERE id = 2");
            s.executeUpdate("UPDATE accounts SET balance = 0 WHERE id = 1");
            c.rollback();
            s.executeUpdate("UPDATE accounts SET balance = 1 WHERE id = 4");
            c.commit();
        }
        assertThat(balance(g0, 2)).isEqualTo(100);
        assertThat(balance(g1, 1)).isEqualTo(100);
        assertThat(balance(g0, 4)).as("the connection is usable after an XA rollback").isEqualTo(1);
        assertThat(prepared(g0)).isEmpty();
        assertThat(prepared(g1)).isEmpty();
    }

    @Test
    void rollbackToASavepointWorksInsideXaBranchesIncludingAGroupThatJoinedLater() throws Exception {
        try (Connection c = shardgate(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("UPDATE accounts SET balance = 50 WHERE id = 2");
            s.execute("SAVEPOINT s1");
            s.executeUpdate("UPDATE accounts SET balance = 0 WHERE id = 4");
            s.executeUpdate("UPDATE accounts SET balance = 0 WHERE id = 1"); // g1 joins after s1
            s.execute("ROLLBACK TO SAVEPOINT s1");
            s.executeUpdate("UPDATE accounts SET balance = 60 WHERE id = 3");
            c.commit();
        }
        assertThat(balance(g0, 2)).isEqualTo(50);
        assertThat(balance(g0, 4)).isEqualTo(100);
        assertThat(balance(g1, 1)).as("g1's branch was rolled back and restarted").isEqualTo(100);
        assertThat(balance(g1, 3)).isEqualTo(60);
        assertThat(prepared(g0)).isEmpty();
        assertThat(prepared(g1)).isEmpty();
    }

    @Test
    void aOneGroupTransactionCommitsInOnePhaseWithoutALogRecord() throws Exception {
        try (Connection c = shardgate(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("UPDATE accounts SET balance = balance - 5 WHERE id = 2");
            s.executeUpdate("UPDATE accounts SET balance = balance + 5 WHERE id = 4");
            c.commit();
        }
        assertThat(balance(g0, 2)).isEqualTo(95);
        assertThat(balance(g0, 4)).isEqualTo(105);
        assertThat(Files.readString(dir.resolve("xa-log").resolve(DecisionLog.FILE)))
                .as("one phase: no decision was logged").isEmpty();
    }

    @Test
    void aBranchThatFailsToPrepareRollsBackEveryGroup() throws Exception {
        try (Connection c = shardgate(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("UPDATE accounts SET balance = 0 WHERE id = 2"); // g0 joins first, so it prepares first
            s.executeUpdate("UPDATE accounts SET balance = 0 WHERE id = 1");
            long g1Session;
            try (ResultSet rows = s.executeQuery("SELECT CONNECTION_ID() FROM accounts WHERE id = 1")) {
                rows.next();
                g1Session = rows.getLong(1);
            }
            g1.execute("KILL " + g1Session); // g1's branch dies with its session before it can prepare
            assertThatThrownBy(c::commit).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getErrorCode()).isEqualTo(1402);
                assertThat(e.getMessage()).contains("rolled back on every group (g0, g1)")
                        .contains("preparing the branch on group g1").contains("Nothing was committed");
            });
        }
        assertThat(balance(g0, 2)).as("g0 had prepared; it was rolled back").isEqualTo(100);
        assertThat(balance(g1, 1)).isEqualTo(100);
        assertThat(prepared(g0)).isEmpty();
        assertThat(prepared(g1)).isEmpty();
        assertThat(undoneDecisions()).isEmpty();
    }

    @Test
    void aCommitThatFailsAfterTheDecisionIsRetriedAndReportedAsCommitted() throws Exception {
        try (Engine engine = engine()) {
            Backends backends = engine.database("bank").backends();
            XaTransaction tx = engine.database("bank").xa().begin();
            Map<String, Connection> branches = new LinkedHashMap<>();
            branches.put("g0", backends.connect(backends.leader("g0")));
            branches.put("g1", failingXaCommit(backends.connect(backends.leader("g1"))));
            try {
                for (Map.Entry<String, Connection> branch : branches.entrySet()) {
                    tx.start(branch.getKey(), branch.getValue());
                }
                XaCoordinator.execute(branches.get("g0"), "UPDATE accounts SET balance = balance - 10 WHERE id = 2");
                XaCoordinator.execute(branches.get("g1"), "UPDATE accounts SET balance = balance + 10 WHERE id = 1");
                tx.commit(branches, (group, connection) -> backends.discard(backends.leader(group), connection));
            } finally {
                for (Connection connection : branches.values()) {
                    connection.close();
                }
            }
            // commit() returned: the transaction is committed, g1's branch finishes on another connection
            MariaDbCluster.await(Duration.ofSeconds(30), () -> {
                try {
                    return balance(g1, 1) == 110 && prepared(g1).isEmpty();
                } catch (SQLException e) {
                    return false;
                }
            }, "g1's decided branch was never committed");
            assertThat(balance(g0, 2)).isEqualTo(90);
            MariaDbCluster.await(Duration.ofSeconds(10), () -> engine.database("bank").xa().pendingBranches() == 0,
                    "the retry did not finish");
        }
        assertThat(undoneDecisions()).isEmpty();
    }

    /** {@code connection}, except that XA COMMIT fails on it as if the connection broke at that moment. */
    private static Connection failingXaCommit(Connection connection) {
        return (Connection) Proxy.newProxyInstance(XaTwoPhaseCommitTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(method, connection, args);
                    if (method.getName().equals("createStatement") && result instanceof Statement statement) {
                        return Proxy.newProxyInstance(XaTwoPhaseCommitTest.class.getClassLoader(),
                                new Class<?>[] {Statement.class}, (p, m, a) -> {
                                    if (m.getName().equals("execute") && a != null
                                            && a[0].toString().startsWith("XA COMMIT")) {
                                        throw new SQLException("Communications link failure (simulated)", "08S01");
                                    }
                                    return invoke(m, statement, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void aCrashAfterEveryPrepareButBeforeTheDecisionRollsBackEverywhereOnRestart() throws Exception {
        crashChild(CrashPoint.AFTER_PREPARE);
        assertThat(prepared(g0)).as("the branches survive the crash, prepared").hasSize(1);
        assertThat(prepared(g1)).hasSize(1);
        restartEngine();
        assertConsistent(false);
    }

    @Test
    void aCrashAfterTheDecisionBeforeAnyCommitCommitsEverywhereOnRestart() throws Exception {
        crashChild(CrashPoint.AFTER_DECISION);
        assertThat(prepared(g0)).hasSize(1);
        assertThat(prepared(g1)).hasSize(1);
        assertThat(undoneDecisions()).hasSize(1);
        restartEngine();
        assertConsistent(true);
    }

    @Test
    void aCrashAfterTheFirstCommitCommitsTheOtherGroupOnRestart() throws Exception {
        crashChild(CrashPoint.AFTER_FIRST_COMMIT);
        // the branches commit in parallel: one committed before the halt, the other may still be prepared
        boolean g0Committed = balance(g0, 2) == 90;
        boolean g1Committed = balance(g1, 1) == 110;
        assertThat(g0Committed || g1Committed).as("a branch committed before the crash").isTrue();
        assertThat(prepared(g0)).hasSize(g0Committed ? 0 : 1);
        assertThat(prepared(g1)).hasSize(g1Committed ? 0 : 1);
        restartEngine();
        assertConsistent(true);
    }

    @Test
    void aLeaderThatIsDownAtStartIsRecoveredInTheBackgroundWhenItComesBack() throws Exception {
        crashChild(CrashPoint.AFTER_DECISION);
        g1.stop();
        try (Engine engine = engine()) {
            // g0 answered recovery at once; g1 did not, and is retried while the engine serves
            assertThat(balance(g0, 2)).isEqualTo(90);
            assertThat(undoneDecisions()).as("the decision is kept until g1 is recovered").hasSize(1);
            g1.restart();
            MariaDbCluster.await(Duration.ofSeconds(60), () -> {
                try {
                    return balance(g1, 1) == 110;
                } catch (SQLException e) {
                    return false;
                }
            }, "g1's prepared branch was not committed after g1 came back");
            MariaDbCluster.await(Duration.ofSeconds(30), () -> {
                try {
                    return undoneDecisions().isEmpty();
                } catch (IOException e) {
                    return false;
                }
            }, "the log was not compacted after g1's recovery");
        } finally {
            g1.restart();
        }
        assertConsistent(true);
    }

    @Test
    void recoveryLeavesTheBranchesOfAnotherShardgateInstanceAlone() throws Exception {
        Xid foreign = new Xid("sg-0badf00d-1-1", "g0");
        try (Connection direct = g0.connect(DATABASE)) {
            XaCoordinator.execute(direct, "XA START " + foreign.sql());
            XaCoordinator.execute(direct, "UPDATE accounts SET balance = 1 WHERE id = 4");
            XaCoordinator.execute(direct, "XA END " + foreign.sql());
            XaCoordinator.execute(direct, "XA PREPARE " + foreign.sql());
        }
        try {
            restartEngine();
            assertThat(prepared(g0)).as("another node's prepared branch is not ours to resolve").containsExactly(foreign);
        } finally {
            g0.execute("XA ROLLBACK " + foreign.sql());
        }
    }

    @Test
    void twoEnginesCannotShareOneLogDirectory() {
        try (Engine first = engine()) {
            assertThatThrownBy(this::engine).hasMessageContaining("is in use by another Shardgate engine")
                    .hasMessageContaining("transactions.xa-log-dir");
            assertThat(first.database("bank").xa().nodeId()).matches("[0-9a-f]{8}");
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private Engine engine() {
        return new Engine(List.of(new RuleLoader().load(rules)));
    }

    /** Starting an engine runs recovery; closing it releases the log for the next one. */
    private void restartEngine() {
        engine().close();
    }

    private void assertConsistent(boolean committed) throws Exception {
        assertThat(balance(g0, 2)).isEqualTo(committed ? 90 : 100);
        assertThat(balance(g1, 1)).isEqualTo(committed ? 110 : 100);
        assertThat(prepared(g0)).as("nothing is left prepared on g0").isEmpty();
        assertThat(prepared(g1)).as("nothing is left prepared on g1").isEmpty();
        assertThat(undoneDecisions()).as("the log is compacted").isEmpty();
    }

    private void crashChild(String point) throws Exception {
        Path output = dir.resolve("child-" + point + ".log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-D" + CrashPoint.PROPERTY + "=" + point,
                XaCrashingClient.class.getName(), rules.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean exited = child.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            child.destroyForcibly();
        }
        assertThat(exited).as("the child ended").isTrue();
        assertThat(child.exitValue()).as("the child halted at %s; its output:%n%s", point, Files.readString(output))
                .isEqualTo(77);
    }

    private List<String> undoneDecisions() throws IOException {
        Path file = dir.resolve("xa-log").resolve(DecisionLog.FILE);
        List<String> undone = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.split(" ");
                if (parts[0].equals("C")) {
                    undone.add(parts[1]);
                } else if (parts[0].equals("D")) {
                    undone.remove(parts[1]);
                }
            }
        }
        return undone;
    }

    private static int balance(MariaDbServer server, int id) throws SQLException {
        try (Connection c = server.connect(DATABASE); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT balance FROM accounts WHERE id = " + id)) {
            assertThat(rows.next()).as("account %d exists on %s", id, server).isTrue();
            return rows.getInt(1);
        }
    }

    private static List<Xid> prepared(MariaDbServer server) throws SQLException {
        try (Connection c = server.connect(DATABASE)) {
            return XaCoordinator.prepared(c);
        }
    }
}
