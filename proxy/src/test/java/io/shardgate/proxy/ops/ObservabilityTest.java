package io.shardgate.proxy.ops;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Metrics over HTTP, the hotspot view and the operations log, on a real proxy over H2 shards. */
class ObservabilityTest {

    @TempDir
    static Path directory;

    static OpsShop shop;

    @BeforeAll
    static void start() {
        shop = OpsShop.start(directory);
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void metricsCountStatementsByKindVariantFlagAndErrorAndShowPoolsAndLatency() throws Exception {
        Scrape before = Scrape.of(shop.server.adminPort());
        try (Connection connection = shop.connect(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 3; i++) {
                try (ResultSet rows = statement.executeQuery("SELECT name FROM users WHERE id = 3")) {
                    assertThat(rows.next()).isTrue();
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM users")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(20);
            }
            assertThatThrownBy(() -> statement.execute("USE no_such_database"))
                    .isInstanceOf(SQLException.class);
        }
        Scrape after = Scrape.of(shop.server.adminPort());

        String single = "shardgate_statements_total";
        assertThat(after.value(single, "database=\"shop\"", "kind=\"select\"", "variant=\"single\"")
                - before.value(single, "database=\"shop\"", "kind=\"select\"", "variant=\"single\"")).isEqualTo(3);
        assertThat(after.value(single, "kind=\"select\"", "variant=\"scatter\"")
                - before.value(single, "kind=\"select\"", "variant=\"scatter\"")).isEqualTo(1);
        assertThat(after.value("shardgate_flagged_statements_total", "flag=\"scatter_read\"")
                - before.value("shardgate_flagged_statements_total", "flag=\"scatter_read\"")).isEqualTo(1);
        assertThat(after.value("shardgate_errors_total", "code=\"1049\"")
                - before.value("shardgate_errors_total", "code=\"1049\"")).isEqualTo(1);
        // latency histogram per group: the scatter ran on both groups
        assertThat(after.value("shardgate_statement_duration_seconds_count", "group=\"g0\"")).isGreaterThan(0);
        assertThat(after.value("shardgate_statement_duration_seconds_count", "group=\"g1\"")).isGreaterThan(0);
        assertThat(after.has("shardgate_statement_duration_seconds_bucket", "group=\"g1\"", "le=\"+Inf\"")).isTrue();
        // pool usage per server: connections were opened on both leaders and are idle again
        assertThat(after.has("shardgate_pool_connections", "group=\"g0\"", "server=\"leader\"", "state=\"active\"")).isTrue();
        assertThat(after.value("shardgate_pool_connections", "group=\"g0\"", "server=\"leader\"", "state=\"idle\""))
                .isGreaterThan(0);
        assertThat(after.has("shardgate_pool_connections", "state=\"pending\"")).isTrue();
        assertThat(after.value("shardgate_info")).isEqualTo(1);
    }

    @Test
    void followerLagReportedThroughTheEngineHookIsAGauge() throws Exception {
        io.shardgate.engine.backend.BackendServer leader = shop.server.engine().database("shop").backends().servers().get(0);
        io.shardgate.engine.backend.BackendServer follower = new io.shardgate.engine.backend.BackendServer("shop", "g0", 0,
                leader.source());
        shop.server.engine().observer().followerLag(new io.shardgate.engine.observe.FollowerLag(follower,
                java.time.Duration.ofMillis(1500)));
        assertThat(Scrape.of(shop.server.adminPort()).value("shardgate_follower_lag_seconds", "database=\"shop\"",
                "group=\"g0\"", "follower=\"follower-1\"")).isEqualTo(1.5);
        shop.server.engine().observer().followerLag(new io.shardgate.engine.observe.FollowerLag(follower, null));
        assertThat(Scrape.of(shop.server.adminPort()).value("shardgate_follower_lag_seconds", "follower=\"follower-1\""))
                .isNaN();
    }

    @Test
    void hotspotViewFindsTheHotKeyAndTheHotShard() throws Exception {
        try (Connection connection = shop.connect();
             PreparedStatement select = connection.prepareStatement("SELECT name FROM users WHERE id = ?")) {
            for (int i = 0; i < 300; i++) {
                select.setLong(1, i % 3 == 0 ? 1 + (i / 3) % 20 : 17); // two thirds on user 17
                try (ResultSet rows = select.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                }
            }
            List<String[]> keys = new ArrayList<>();
            List<String[]> shards = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SHOW SHARDGATE HOTSPOTS")) {
                while (rows.next()) {
                    String[] row = {rows.getString("table"), rows.getString("name"), rows.getString("count"),
                        rows.getString("share")};
                    (rows.getString("kind").equals("key") ? keys : shards).add(row);
                }
            }
            String[] hottest = keys.stream().filter(row -> row[0].equals("users")).findFirst().orElseThrow();
            assertThat(hottest[1]).isEqualTo("17");
            assertThat(Long.parseLong(hottest[2])).isGreaterThanOrEqualTo(200);
            assertThat(shards).extracting(row -> row[0] + ":" + row[1]).contains("users:g0.users_0", "users:g1.users_1");
            double hotShardShare = shards.stream().filter(row -> row[0].equals("users"))
                    .mapToDouble(row -> Double.parseDouble(row[3].replace("%", ""))).max().orElseThrow();
            assertThat(hotShardShare).isGreaterThan(60);
        }
        Scrape metrics = Scrape.of(shop.server.adminPort());
        assertThat(metrics.value("shardgate_hot_key_share", "table=\"users\"", "rank=\"1\"")).isGreaterThan(0.6);
        assertThat(metrics.has("shardgate_shard_traffic_share", "table=\"users\"")).isTrue();
        assertThat(metrics.value("shardgate_shard_statements_total", "table=\"users\"")).isGreaterThanOrEqualTo(300);
        // key values are personal data: never in metric labels
        assertThat(metrics.text).doesNotContain("\"17\"");
    }

    @Test
    void logLinesForConnectionsAndFlaggedStatementsHoldNoLiteralsOrPasswords() throws Exception {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger connections = (Logger) LoggerFactory.getLogger("io.shardgate.proxy.connections");
        Logger statements = (Logger) LoggerFactory.getLogger(StatementLog.class);
        connections.addAppender(appender);
        statements.addAppender(appender);
        try {
            try (Connection connection = shop.connect(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(
                         "SELECT COUNT(*) FROM users WHERE name = 'TopSecretLiteral' OR age > 4242")) {
                assertThat(rows.next()).isTrue();
            }
            assertThatThrownBy(() -> DriverManager.getConnection(shop.url(), "app", "WrongPassword9"))
                    .isInstanceOf(SQLException.class);
            List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines).anyMatch(line -> line.contains("open from"));
            assertThat(lines).anyMatch(line -> line.contains("auth ok: user=app from"));
            assertThat(lines).anyMatch(line -> line.contains("auth failed: user=app from"));
            assertThat(lines).anyMatch(line -> line.contains("closed: user=app"));
            assertThat(lines).anyMatch(line -> line.contains("flagged statement: flags=scatter_read")
                    && line.contains("tables=[users]")
                    && line.contains("digest=\"SELECT COUNT(*) FROM users WHERE name = ? OR age > ?\""));
            for (String line : lines) {
                assertThat(line).doesNotContain("TopSecretLiteral", "4242", OpsShop.PASSWORD, "WrongPassword9");
            }
        } finally {
            connections.detachAppender(appender);
            statements.detachAppender(appender);
        }
    }
}
