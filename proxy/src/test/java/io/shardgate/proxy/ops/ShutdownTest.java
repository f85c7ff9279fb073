package io.shardgate.proxy.ops;

import io.shardgate.testing.OwnThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Graceful shutdown: running statements finish, new connections are refused, open transactions roll back. */
class ShutdownTest {

    @TempDir
    Path directory;

    @Test
    void statementsInFlightFinishTransactionsRollBackAndNewClientsAreRefused() throws Exception {
        OpsShop shop = OpsShop.start(directory);
        try (Connection inTransaction = shop.connect(); Connection busy = shop.connect()) {
            inTransaction.setAutoCommit(false);
            try (Statement statement = inTransaction.createStatement()) {
                statement.executeUpdate("INSERT INTO countries (code, name) VALUES ('ZZ', 'Nowhere')");
            }
            CompletableFuture<String> slow = OwnThread.supply(() -> {
                try (Statement statement = busy.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT PAUSE(1500), 'finished'")) {
                    rows.next();
                    return rows.getString(2);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitRunning(shop.g0, "PAUSE");

            CompletableFuture<Void> stopped = OwnThread.run(() -> shop.server.shutdown(Duration.ofSeconds(20)));
            // the statement in flight finishes normally
            assertThat(slow.get(20, TimeUnit.SECONDS)).isEqualTo("finished");
            stopped.get(30, TimeUnit.SECONDS);

            // new connections are refused
            assertThatThrownBy(shop::connect).isInstanceOf(SQLException.class);
            // the open transaction was rolled back on the backend, and its client learns the server went away
            assertThat(countOf(shop.g0, "SELECT COUNT(*) FROM countries WHERE code = 'ZZ'")).isZero();
            // ERR 1053 (server shutdown) or the closed socket: a connection error (SQLSTATE 08S01) either way
            assertThatThrownBy(() -> {
                try (Statement statement = inTransaction.createStatement()) {
                    statement.executeQuery("SELECT 1");
                }
            }).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08S01"));
        } finally {
            shop.close();
        }
    }

    private static void awaitRunning(String h2Url, String fragment) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (countOf(h2Url, "SELECT COUNT(*) FROM information_schema.sessions WHERE executing_statement LIKE '%"
                + fragment + "(%'") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the slow statement never started");
            }
            Thread.sleep(10);
        }
    }

    private static long countOf(String h2Url, String sql) throws SQLException {
        try (Connection h2 = DriverManager.getConnection(h2Url, "sa", "");
             Statement statement = h2.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
