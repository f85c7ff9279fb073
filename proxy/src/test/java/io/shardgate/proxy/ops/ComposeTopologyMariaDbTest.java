package io.shardgate.proxy.ops;

import io.shardgate.proxy.frontend.TlsConfig;
import io.shardgate.proxy.server.ShardgateServer;
import io.shardgate.rules.config.RuleLoader;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.sql.lex.MySqlLexer;
import io.shardgate.testing.MariaDbCluster;
import io.shardgate.testing.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topology of deploy/compose on real servers without Docker: two groups of a leader and a
 * follower with GTID replication (MariaDB from Maven artifacts instead of MySQL 8.4), each group's
 * schema created by the compose stack's own init scripts, and two proxy instances loading
 * deploy/compose/rules.yaml itself, with only the host names swapped for the local ports. A client
 * writes through one proxy and reads through the other.
 */
class ComposeTopologyMariaDbTest {

    private static final Path COMPOSE = Path.of("..", "deploy", "compose");
    private static final String APP_PASSWORD = "app-secret";

    private static MariaDbCluster cluster;
    private static ShardgateServer proxyA;
    private static ShardgateServer proxyB;

    @BeforeAll
    static void start() throws Exception {
        cluster = MariaDbCluster.shared(2, 2); // the compose file uses the first follower of each group
        for (int g = 0; g < 2; g++) {
            MariaDbServer leader = cluster.group(g).leader();
            leader.execute("DROP DATABASE IF EXISTS shop_" + g);
            String script = Files.readString(COMPOSE.resolve("initdb/20-schema-shop_" + g + ".sql"))
                    .replace(" COLLATE utf8mb4_0900_ai_ci", ""); // MySQL 8's default collation; MariaDB picks its own
            try (Connection connection = leader.connect(""); Statement statement = connection.createStatement()) {
                for (String sql : MySqlLexer.splitStatements(script)) {
                    if (!sql.isBlank()) {
                        statement.execute(sql); // USE shop_N stays in effect on this connection
                    }
                }
            }
        }
        cluster.awaitReplication(Duration.ofSeconds(60));
        String yaml = Files.readString(COMPOSE.resolve("rules.yaml"));
        for (int g = 0; g < 2; g++) {
            yaml = yaml.replace("mysql-g" + g + "-leader:3306", "127.0.0.1:" + cluster.group(g).leader().port())
                    .replace("mysql-g" + g + "-follower:3306", "127.0.0.1:" + cluster.group(g).followers().get(0).port());
        }
        Map<String, String> env = Map.of("APP_PASSWORD", APP_PASSWORD, "DB_PASSWORD", MariaDbServer.PASSWORD);
        RuleSet rules = new RuleLoader(env::get).load("deploy/compose/rules.yaml", yaml);
        proxyA = ShardgateServer.start(List.of(rules), "127.0.0.1", 0, TlsConfig.none()).withAdmin("127.0.0.1", 0);
        proxyB = ShardgateServer.start(List.of(rules), "127.0.0.1", 0, TlsConfig.none());
    }

    @AfterAll
    static void stop() {
        for (ShardgateServer proxy : new ShardgateServer[] {proxyA, proxyB}) {
            if (proxy != null) {
                proxy.close();
            }
        }
        if (cluster != null) {
            for (int g = 0; g < 2; g++) {
                cluster.group(g).leader().execute("DROP DATABASE IF EXISTS shop_" + g);
            }
        }
    }

    private static Connection connect(ShardgateServer proxy) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + proxy.port()
                + "/shop?sslMode=DISABLED&allowPublicKeyRetrieval=true&connectTimeout=5000&socketTimeout=60000",
                "app", APP_PASSWORD);
    }

    @Test
    void writesThroughOneProxyAreReadThroughTheOther() throws Exception {
        try (Connection a = connect(proxyA); Connection b = connect(proxyB)) {
            try (PreparedStatement user = a.prepareStatement(
                    "INSERT INTO users (user_id, name, country) VALUES (?, ?, 'FR')");
                 PreparedStatement order = a.prepareStatement(
                         "INSERT INTO orders (user_id, amount) VALUES (?, ?)")) {
                for (int id = 1; id <= 24; id++) { // ids 1..8 all hash to g1; 1..24 reach both groups
                    user.setLong(1, id);
                    user.setString(2, "user" + id);
                    user.executeUpdate();
                    order.setLong(1, id);
                    order.setBigDecimal(2, new java.math.BigDecimal(id + ".50"));
                    order.executeUpdate();
                }
            }
            MariaDbCluster.await(Duration.ofSeconds(60), () -> count(a, "SELECT COUNT(*) FROM orders") == 24,
                    "proxy A never read its own writes");
            // proxy B is another session: it sees them once replication has them on the followers it reads
            MariaDbCluster.await(Duration.ofSeconds(60), () -> count(b, "SELECT COUNT(*) FROM users") == 24
                    && count(b, "SELECT COUNT(*) FROM orders WHERE user_id = 5") == 1, "proxy B never saw the writes");
            try (Statement statement = b.createStatement();
                 ResultSet rows = statement.executeQuery(
                         "SELECT u.name, o.amount FROM users u JOIN orders o ON o.user_id = u.user_id WHERE u.user_id = 7")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("user7");
                assertThat(rows.getBigDecimal(2)).isEqualByComparingTo("7.50");
            }
            // the rows went to both groups, as the rules place them, and replication copied them to the followers
            long[] leaders = new long[2];
            for (int g = 0; g < 2; g++) {
                MariaDbCluster.Group group = cluster.group(g);
                String sql = "SELECT (SELECT COUNT(*) FROM shop_" + g + ".users_0) + (SELECT COUNT(*) FROM shop_" + g
                        + ".users_1)";
                leaders[g] = Long.parseLong(MariaDbCluster.query(group.leader(), sql));
                long expected = leaders[g];
                MariaDbCluster.await(Duration.ofSeconds(60), () -> Long.parseLong(MariaDbCluster.query(
                        group.followers().get(0), sql)) == expected, "the follower of " + group.name() + " lags");
            }
            assertThat(leaders[0] + leaders[1]).isEqualTo(24);
            assertThat(leaders[0]).isPositive();
            assertThat(leaders[1]).isPositive();
        }
        // both instances report healthy leaders and publish metrics of what they ran
        Scrape metrics = Scrape.of(proxyA.adminPort());
        assertThat(metrics.value("shardgate_statements_total", "kind=\"insert\"")).isGreaterThanOrEqualTo(48);
    }

    private static long count(Connection connection, String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
