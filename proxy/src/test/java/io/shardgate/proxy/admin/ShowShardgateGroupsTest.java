package io.shardgate.proxy.admin;

import io.shardgate.proxy.frontend.TlsConfig;
import io.shardgate.proxy.server.ShardgateServer;
import io.shardgate.rules.config.RuleLoader;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.testing.MariaDbCluster;
import io.shardgate.testing.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SHOW SHARDGATE GROUPS and SHOW SHARDGATE RULES through the proxy, as a mysql client sees them,
 * over the shared MariaDB groups (leader + 2 followers each): every server with its role, health,
 * lag and pool use, and a follower whose replication stops shown as such.
 */
class ShowShardgateGroupsTest {

    private static final String DATABASE = "groups_show";
    private static MariaDbCluster cluster;
    private static ShardgateServer server;

    @BeforeAll
    static void start() {
        cluster = MariaDbCluster.shared(2, 2);
        cluster.createDatabase(DATABASE);
        StringBuilder yaml = new StringBuilder("database: shop\nusers:\n  - { name: app, password: \"secret\" }\ngroups:\n");
        for (int g = 0; g < 2; g++) {
            MariaDbCluster.Group group = cluster.group(g);
            yaml.append("  g").append(g).append(":\n    leader: { url: \"").append(group.leader().jdbcUrl(DATABASE))
                    .append("\", user: ").append(MariaDbServer.USER).append(", password: \"").append(MariaDbServer.PASSWORD)
                    .append("\" }\n    followers:\n");
            for (MariaDbServer follower : group.followers()) {
                yaml.append("      - { url: \"").append(follower.jdbcUrl(DATABASE)).append("\" }\n");
            }
        }
        yaml.append("default-group: g0\nreads: { consistency: session }\nwrites: { ack: quorum }\n");
        RuleSet rules = new RuleLoader(name -> null).load("groups-show.yaml", yaml.toString());
        server = ShardgateServer.start(List.of(rules), "127.0.0.1", 0, TlsConfig.selfSigned("localhost"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + server.port()
                + "/shop?sslMode=DISABLED&allowPublicKeyRetrieval=true&connectTimeout=5000", "app", "secret");
    }

    private static List<String> groups() {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SHARDGATE GROUPS")) {
            while (rs.next()) {
                rows.add(rs.getString("group") + " " + rs.getString("server") + " " + rs.getString("role") + " "
                        + rs.getString("health") + " read_only=" + rs.getString("read_only") + " pool="
                        + rs.getLong("pool_active") + "/" + rs.getLong("pool_max"));
            }
        } catch (SQLException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        return rows;
    }

    @Test
    void everyServerWithRoleHealthAndPoolAndAStoppedFollowerShownAsSuch() {
        MariaDbCluster.await(Duration.ofSeconds(10), () -> groups().stream().allMatch(r -> r.contains(" healthy ")),
                "every server healthy in SHOW SHARDGATE GROUPS");
        assertThat(groups()).containsExactly(
                "g0 leader leader healthy read_only=OFF pool=0/16",
                "g0 follower-1 follower healthy read_only=ON pool=0/16",
                "g0 follower-2 follower healthy read_only=ON pool=0/16",
                "g1 leader leader healthy read_only=OFF pool=0/16",
                "g1 follower-1 follower healthy read_only=ON pool=0/16",
                "g1 follower-2 follower healthy read_only=ON pool=0/16");
        MariaDbServer stopped = cluster.group(1).followers().get(1);
        stopped.execute("STOP SLAVE");
        try {
            MariaDbCluster.await(Duration.ofSeconds(3),
                    () -> groups().contains("g1 follower-2 follower replication stopped read_only=ON pool=0/16"),
                    "g1 follower-2 shown with its replication stopped");
        } finally {
            stopped.execute("START SLAVE");
        }
    }

    @Test
    void rulesStateTheGuaranteeOfTheConfiguredPair() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SHARDGATE RULES")) {
            while (rs.next()) {
                rows.add(rs.getString("setting") + ": " + rs.getString("value"));
            }
        }
        assertThat(rows).contains("reads.consistency: session", "writes.ack: quorum",
                "guarantee g0: N=3 (leader + 2 follower(s)), W=2 (writes.ack=quorum), R=1 (reads.consistency=session): "
                        + "R+W=3 <= N: not strong, a read may miss a write another session had acknowledged; "
                        + "a session still reads its own writes");
    }
}
