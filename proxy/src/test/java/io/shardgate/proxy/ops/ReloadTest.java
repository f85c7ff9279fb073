package io.shardgate.proxy.ops;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rule reload while clients keep working: no client sees an error, new rules apply, bad files are refused. */
class ReloadTest {

    @TempDir
    static Path directory;

    static OpsShop shop;

    /** v2: coupons becomes a broadcast table, and a second account appears. */
    static String v2() {
        return OpsShop.rules(shop.g0, shop.g1, "  coupons:\n    broadcast: true\n")
                .replace("users:\n  - { name: app, password: \"secret\" }",
                        "users:\n  - { name: app, password: \"secret\" }\n  - { name: ops2, password: \"pw2\" }");
    }

    @BeforeAll
    static void start() {
        shop = OpsShop.start(directory);
    }

    /** Each test starts on the first version of the rules. */
    @org.junit.jupiter.api.AfterEach
    void restore() {
        shop.rewrite(OpsShop.rules(shop.g0, shop.g1, ""));
        assertThat(shop.server.reload().reloaded()).isTrue();
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void reloadsUnderLoadWithoutErrorsAndTheNewRulesApplyToOpenSessions() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong statements = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                try (Connection connection = shop.connect();
                     PreparedStatement select = connection.prepareStatement("SELECT name FROM users WHERE id = ?");
                     Statement statement = connection.createStatement()) {
                    long i = 0;
                    while (running.get()) {
                        select.setLong(1, 1 + (i++ % 20));
                        try (ResultSet rows = select.executeQuery()) {
                            if (!rows.next()) {
                                throw new AssertionError("user " + (1 + (i - 1) % 20) + " not found");
                            }
                        }
                        if (client == 0 && i % 10 == 0) {
                            // a transaction across statements: must finish on the rules it began with
                            connection.setAutoCommit(false);
                            statement.executeUpdate("UPDATE users SET age = age + 0 WHERE id = 3");
                            try (ResultSet rows = statement.executeQuery("SELECT age FROM users WHERE id = 3")) {
                                rows.next();
                            }
                            connection.commit();
                            connection.setAutoCommit(true);
                        }
                        statements.incrementAndGet();
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }, "reload-client-" + c);
            thread.start();
            clients.add(thread);
        }
        try (Connection watcher = shop.connect(); Statement statement = watcher.createStatement()) {
            assertThat(route(statement)).isEqualTo("unsharded");
            int generation = shop.server.generation();
            for (int round = 0; round < 4; round++) {
                long before = statements.get();
                shop.rewrite(round % 2 == 0 ? v2() : OpsShop.rules(shop.g0, shop.g1, ""));
                statement.execute("RELOAD SHARDGATE RULES");
                assertThat(shop.server.generation()).isEqualTo(generation + round + 1);
                // the open session moves to the new rules at its next statement
                assertThat(route(statement)).isEqualTo(round % 2 == 0 ? "broadcast" : "unsharded");
                awaitProgress(statements, before + 30, errors);
            }
            // a reload that adds an account: it can log in at once
            shop.rewrite(v2());
            assertThat(shop.server.reload().reloaded()).isTrue();
            try (Connection added = DriverManager.getConnection(shop.url(), "ops2", "pw2")) {
                assertThat(added.isValid(2)).isTrue();
            }
            // an invalid file is refused with its problems; the running rules stay
            int kept = shop.server.generation();
            shop.rewrite(v2().replace("algorithm: hash-mod", "algorithm: hash-mood"));
            assertThatThrownBy(() -> statement.execute("RELOAD SHARDGATE RULES"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("rejected")
                    .hasMessageContaining(shop.rulesFile.getFileName().toString())
                    .hasMessageContaining("hash-mood");
            assertThat(shop.server.generation()).isEqualTo(kept);
            assertThat(route(statement)).isEqualTo("broadcast");
            long before = statements.get();
            awaitProgress(statements, before + 30, errors);
        } finally {
            running.set(false);
            for (Thread thread : clients) {
                thread.join(30_000);
            }
        }
        assertThat(errors).isEmpty();
        assertThat(statements.get()).isGreaterThan(100);
        // every retired engine closed once its sessions had moved on or ended
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (shop.server.openGenerations() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(shop.server.openGenerations()).isEqualTo(1);
    }

    @Test
    void serverPreparedStatementsKeepWorkingAcrossAReload() throws Exception {
        try (Connection connection = DriverManager.getConnection(shop.url() + "&useServerPrepStmts=true",
                "app", OpsShop.PASSWORD);
             PreparedStatement user = connection.prepareStatement("SELECT name FROM users WHERE id = ?");
             PreparedStatement local = connection.prepareStatement("SELECT @@autocommit, DATABASE()")) {
            for (int round = 0; round < 3; round++) {
                user.setLong(1, 2);
                try (ResultSet rows = user.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("grace");
                }
                try (ResultSet rows = local.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getLong(1)).isEqualTo(1);
                    assertThat(rows.getString(2)).isEqualTo("shop");
                }
                shop.rewrite(round % 2 == 0 ? v2() : OpsShop.rules(shop.g0, shop.g1, ""));
                assertThat(shop.server.reload().reloaded()).isTrue();
            }
        }
    }

    /** The variant EXPLAIN ROUTE prints for a write to coupons, lower-case. */
    private static String route(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("EXPLAIN ROUTE INSERT INTO coupons (code) VALUES ('x')")) {
            while (rows.next()) {
                if (rows.getString(1).equalsIgnoreCase("variant")) {
                    return rows.getString(2).toLowerCase(java.util.Locale.ROOT);
                }
            }
        }
        throw new AssertionError("EXPLAIN ROUTE printed no variant");
    }

    private static void awaitProgress(AtomicLong statements, long target, ConcurrentLinkedQueue<Throwable> errors)
            throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (statements.get() < target && errors.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("clients made no progress: " + statements.get() + " < " + target);
            }
            Thread.sleep(20);
        }
        assertThat(errors).isEmpty();
    }
}
