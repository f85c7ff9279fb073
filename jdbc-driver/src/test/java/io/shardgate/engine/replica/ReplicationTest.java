package io.shardgate.engine.replica;

import io.shardgate.engine.Engine;
import io.shardgate.engine.backend.BackendServer;
import io.shardgate.jdbc.ShardgateDataSource;
import io.shardgate.rules.config.RuleLoader;
import io.shardgate.testing.MariaDbCluster;
import io.shardgate.testing.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every guarantee of DESIGN §4 on real MariaDB GTID replication (2 groups × leader + 2 followers),
 * with lag induced by stopping a follower's SQL thread. Table kv is sharded by id mod 2: even ids
 * live in g0, odd ids in g1. {@code SELECT @@server_id} (no table: the default group g0, as a
 * plain read) shows which server answered.
 */
class ReplicationTest {

    private static final String DATABASE = "repl";
    private static final AtomicInteger IDS = new AtomicInteger(1000);

    private static MariaDbCluster cluster;
    private static Engine engine;
    private static ShardgateDataSource dataSource;
    private static final Map<Long, MariaDbServer> byServerId = new HashMap<>();

    @BeforeAll
    static void start() throws SQLException {
        cluster = MariaDbCluster.shared(2, 2);
        cluster.createDatabase(DATABASE);
        for (int g = 0; g < 2; g++) {
            cluster.executeOnLeader(g, DATABASE, "DROP TABLE IF EXISTS kv",
                    "CREATE TABLE kv (id BIGINT PRIMARY KEY, v VARCHAR(40))");
            for (MariaDbServer server : cluster.group(g).servers()) {
                byServerId.put(Long.parseLong(MariaDbCluster.query(server, "SELECT @@server_id")), server);
            }
        }
        cluster.awaitReplication(Duration.ofSeconds(30));
        engine = new Engine(List.of(new RuleLoader().load("replication-rules.yaml", rules())));
        dataSource = new ShardgateDataSource(engine, DATABASE);
    }

    static String rules() {
        StringBuilder groups = new StringBuilder();
        for (int g = 0; g < 2; g++) {
            MariaDbCluster.Group group = cluster.group(g);
            groups.append("  g").append(g).append(":\n")
                    .append("    leader: { url: \"").append(group.leader().jdbcUrl(DATABASE)).append("\", user: ")
                    .append(MariaDbServer.USER).append(", password: \"").append(MariaDbServer.PASSWORD).append("\" }\n")
                    .append("    followers:\n");
            for (MariaDbServer follower : group.followers()) {
                groups.append("      - { url: \"").append(follower.jdbcUrl(DATABASE)).append("\" }\n");
            }
            groups.append("    pool: { max-size: 8, connection-timeout: 3s }\n");
        }
        return "database: " + DATABASE + "\n"
                + "groups:\n" + groups
                + "default-group: g0\n"
                + "tables:\n"
                + "  kv: { shard-key: id, algorithm: mod, shards: \"g${0..1}.kv\" }\n"
                + "reads: { balance: round-robin, consistency: eventual, max-lag: 1s, session-wait: 300ms }\n"
                + "writes: { ack: leader, ack-timeout: 1s }\n";
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @BeforeEach
    void everyServerHealthy() {
        cluster.awaitReplication(Duration.ofSeconds(30));
        awaitHealth(Duration.ofSeconds(20), "every server healthy under its configured role", health -> {
            for (ServerHealth server : health.servers()) {
                boolean leads = server.server().isLeader();
                if (!server.state(leads).equals("healthy") || !health.leader().isLeader()) {
                    return false;
                }
            }
            return true;
        });
    }

    // ---- read/write splitting ---------------------------------------------------------------------

    @Test
    void plainReadsAreSpreadOverTheFollowersRoundRobinAndLockingReadsAndTransactionsUseTheLeader() throws SQLException {
        MariaDbCluster.Group g0 = cluster.group(0);
        Set<MariaDbServer> answered = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            answered.add(serverOf("SELECT @@server_id"));
        }
        assertThat(answered).containsExactlyInAnyOrderElementsOf(g0.followers());

        long id = evenId();
        insert(id, "x");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (int i = 0; i < 3; i++) {
                try (ResultSet rs = s.executeQuery("SELECT @@server_id FROM kv WHERE id = " + id + " FOR UPDATE")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(byServerId.get(rs.getLong(1))).isEqualTo(g0.leader());
                }
                try (ResultSet rs = s.executeQuery("/*+ shardgate: leader */ SELECT @@server_id FROM kv WHERE id = " + id)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(byServerId.get(rs.getLong(1))).isEqualTo(g0.leader());
                }
            }
            c.setAutoCommit(false);
            for (int i = 0; i < 3; i++) {
                try (ResultSet rs = s.executeQuery("SELECT @@server_id FROM kv WHERE id = " + id)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(byServerId.get(rs.getLong(1))).isEqualTo(g0.leader());
                }
            }
            c.commit();
        }
    }

    // ---- consistency levels -----------------------------------------------------------------------

    @Test
    void eventualMayReadStaleDataFromALaggingFollower() throws SQLException {
        MariaDbServer lagging = cluster.group(0).followers().get(0);
        MariaDbCluster.pauseApplying(lagging);
        try {
            long id = evenId();
            insert(id, "fresh");
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                seen.add(read("consistency=eventual", id));
            }
            assertThat(seen).as("reads under eventual while follower-1 applies nothing").contains((String) null);
        } finally {
            MariaDbCluster.resumeApplying(lagging);
        }
    }

    @Test
    void sessionAlwaysReadsItsOwnWritesEvenWhenEveryFollowerLags() throws SQLException {
        MariaDbCluster.Group g0 = cluster.group(0);
        g0.followers().forEach(MariaDbCluster::pauseApplying);
        try (Connection c = dataSource.getConnection()) {
            for (int i = 0; i < 3; i++) {
                long id = evenId();
                insert(c, id, "mine-" + i);
                for (int r = 0; r < 3; r++) {
                    assertThat(read(c, "consistency=session", id)).isEqualTo("mine-" + i);
                }
            }
            // a write committed by an explicit transaction counts the same
            long id = evenId();
            c.setAutoCommit(false);
            insert(c, id, "in-a-transaction");
            c.commit();
            c.setAutoCommit(true);
            assertThat(read(c, "consistency=session", id)).isEqualTo("in-a-transaction");
        } finally {
            g0.followers().forEach(MariaDbCluster::resumeApplying);
        }
        // with replication running, a session read of its own write is served by a follower that waited for it
        try (Connection c = dataSource.getConnection()) {
            long id = evenId();
            insert(c, id, "followed");
            assertThat(read(c, "consistency=session", id)).isEqualTo("followed");
        }
    }

    @Test
    void boundedSkipsAFollowerFurtherBehindThanMaxLag() throws SQLException {
        MariaDbServer lagging = cluster.group(0).followers().get(0);
        MariaDbCluster.pauseApplying(lagging);
        try {
            long id = evenId();
            insert(id, "within-bound");
            BackendServer laggingServer = server(0, 1);
            java.util.concurrent.atomic.AtomicReference<Duration> observedLag = new java.util.concurrent.atomic.AtomicReference<>();
            engine.addObserver(new io.shardgate.engine.observe.EngineObserver() {
                @Override
                public void followerLag(io.shardgate.engine.observe.FollowerLag lag) {
                    if (lag.follower().equals(laggingServer) && lag.lag() != null) {
                        observedLag.set(lag.lag());
                    }
                }
            });
            awaitGroup(0, Duration.ofSeconds(10), "follower-1 reported more than 1 s behind",
                    health -> health.of(laggingServer).lagMillis() > 1000);
            MariaDbCluster.await(Duration.ofSeconds(3), () -> observedLag.get() != null
                    && observedLag.get().toMillis() > 1000, "the engine's observers (metrics) saw the lag");
            for (int i = 0; i < 10; i++) {
                assertThat(read("consistency=bounded", id)).as("bounded read " + i).isEqualTo("within-bound");
            }
            assertThat(read("consistency=eventual", id) == null || read("consistency=eventual", id) == null)
                    .as("the same follower still answers eventual reads, stale").isTrue();
        } finally {
            MariaDbCluster.resumeApplying(lagging);
        }
    }

    @Test
    void strongNeverMissesAWriteAcknowledgedBeforeItStarted() throws SQLException {
        MariaDbServer lagging = cluster.group(0).followers().get(0);
        MariaDbCluster.pauseApplying(lagging);
        try {
            for (int i = 0; i < 5; i++) {
                long id = evenId();
                insert(id, "strong-" + i); // another connection: no session position helps
                for (int r = 0; r < 2; r++) {
                    assertThat(read("consistency=strong", id)).isEqualTo("strong-" + i);
                }
            }
        } finally {
            MariaDbCluster.resumeApplying(lagging);
        }
    }

    // ---- write acknowledgement --------------------------------------------------------------------

    @Test
    void quorumAndAllAcknowledgeOnceFollowersHaveTheWrite() throws SQLException {
        long id = evenId();
        execute("/*+ shardgate: ack=all */ INSERT INTO kv (id, v) VALUES (" + id + ", 'everywhere')");
        for (MariaDbServer follower : cluster.group(0).followers()) {
            assertThat(directRead(follower, id)).as("on " + follower + " when ack=all returned").isEqualTo("everywhere");
        }
        MariaDbServer paused = cluster.group(0).followers().get(0);
        MariaDbCluster.pauseApplying(paused);
        try {
            long quorum = evenId();
            execute("/*+ shardgate: ack=quorum */ INSERT INTO kv (id, v) VALUES (" + quorum + ", 'majority')");
            assertThat(directRead(cluster.group(0).followers().get(1), quorum)).isEqualTo("majority");
        } finally {
            MariaDbCluster.resumeApplying(paused);
        }
    }

    @Test
    void ackTimesOutClearlyWhenFollowersCannotConfirmAndTheWriteStaysCommitted() {
        MariaDbCluster.Group g0 = cluster.group(0);
        MariaDbServer paused = g0.followers().get(0);
        MariaDbCluster.pauseApplying(paused);
        try {
            long all = evenId();
            long started = System.nanoTime();
            assertThatThrownBy(() -> execute("/*+ shardgate: ack=all */ INSERT INTO kv (id, v) VALUES (" + all + ", 'a')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("the write IS committed on group g0 leader")
                    .hasMessageContaining("writes.ack=all needs it on 3 of 3 copies and only 2 had it")
                    .hasMessageContaining("follower-1");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
            assertThat(directRead(g0.leader(), all)).isEqualTo("a");

            g0.followers().get(1).execute("STOP SLAVE SQL_THREAD");
            long quorum = evenId();
            assertThatThrownBy(() -> execute("/*+ shardgate: ack=quorum */ INSERT INTO kv (id, v) VALUES (" + quorum + ", 'q')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("the write IS committed")
                    .hasMessageContaining("writes.ack=quorum needs it on 2 of 3 copies and only 1 had it");
            assertThat(directRead(g0.leader(), quorum)).isEqualTo("q");
        } finally {
            g0.followers().forEach(MariaDbCluster::resumeApplying);
        }
    }

    // ---- health -----------------------------------------------------------------------------------

    @Test
    void aFollowerWhoseReplicationStopsLeavesRotationWithinThreeSecondsAndComesBack() throws SQLException {
        MariaDbCluster.Group g0 = cluster.group(0);
        MariaDbServer stopped = g0.followers().get(0);
        BackendServer stoppedServer = server(0, 1);
        stopped.execute("STOP SLAVE");
        long since = System.nanoTime();
        try {
            awaitGroup(0, Duration.ofSeconds(3), "follower-1 out of rotation", h -> !h.of(stoppedServer).servesReads());
            assertThat(Duration.ofNanos(System.nanoTime() - since)).isLessThan(Duration.ofSeconds(3));
            for (int i = 0; i < 6; i++) {
                assertThat(serverOf("SELECT @@server_id")).isEqualTo(g0.followers().get(1));
            }
        } finally {
            stopped.execute("START SLAVE");
        }
        long restarted = System.nanoTime();
        awaitGroup(0, Duration.ofSeconds(3), "follower-1 back in rotation", h -> h.of(stoppedServer).servesReads());
        assertThat(Duration.ofNanos(System.nanoTime() - restarted)).isLessThan(Duration.ofSeconds(3));
        Set<MariaDbServer> answered = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            answered.add(serverOf("SELECT @@server_id"));
        }
        assertThat(answered).contains(stopped);
    }

    @Test
    void aFollowerThatGoesDownLeavesRotationWithinThreeSecondsAndComesBackWhenRestarted() throws SQLException {
        MariaDbCluster.Group g0 = cluster.group(0);
        MariaDbServer down = g0.followers().get(1);
        BackendServer downServer = server(0, 2);
        down.stop();
        long since = System.nanoTime();
        try {
            awaitGroup(0, Duration.ofSeconds(3), "follower-2 out of rotation", h -> !h.of(downServer).servesReads());
            assertThat(Duration.ofNanos(System.nanoTime() - since)).isLessThan(Duration.ofSeconds(3));
            assertThat(engine.database(DATABASE).replicas().health("g0").of(downServer).state(false)).isEqualTo("down");
            for (int i = 0; i < 6; i++) {
                assertThat(serverOf("SELECT @@server_id")).isEqualTo(g0.followers().get(0));
            }
        } finally {
            down.restart();
            down.execute("SET GLOBAL read_only = 1"); // not persisted: the fixture's followers are read-only
        }
        long restarted = System.nanoTime();
        awaitGroup(0, Duration.ofSeconds(3), "follower-2 back in rotation", h -> h.of(downServer).servesReads());
        assertThat(Duration.ofNanos(System.nanoTime() - restarted)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void leaderDownFailsWritesFastNamingTheServerWhileEventualReadsContinue() throws SQLException {
        MariaDbCluster.Group g1 = cluster.group(1);
        long id = oddId();
        insert(id, "before");
        cluster.awaitReplication(Duration.ofSeconds(30));
        BackendServer leader = server(1, 0);
        g1.leader().stop();
        try {
            awaitHealth(Duration.ofSeconds(5), "g1 leader seen down", h -> h.group().equals("g1") ? !h.leaderUp() : true);
            long started = System.nanoTime();
            assertThatThrownBy(() -> insert(oddId(), "lost"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("group g1 leader")
                    .hasMessageContaining("127.0.0.1:" + g1.leader().port())
                    .hasMessageContaining("is unavailable");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            assertThat(read("consistency=eventual", id)).isEqualTo("before");
            assertThat(engine.database(DATABASE).backends().leader("g1")).isEqualTo(leader);
        } finally {
            g1.leader().restart();
        }
    }

    @Test
    void aFollowerPromotedOutsideShardgateIsDiscoveredAsTheLeader() throws SQLException {
        MariaDbCluster.Group g1 = cluster.group(1);
        MariaDbServer promoted = g1.followers().get(0);
        BackendServer promotedServer = server(1, 1);
        long id = oddId();
        g1.leader().stop();
        try {
            promoted.execute("STOP SLAVE", "SET GLOBAL read_only = 0");
            awaitHealth(Duration.ofSeconds(5), "follower-1 of g1 leading", h -> !h.group().equals("g1")
                    || h.leader().equals(promotedServer) && h.leaderUp());
            insert(id, "on-the-new-leader");
            assertThat(directRead(promoted, id)).isEqualTo("on-the-new-leader");
            assertThat(groupsRow("g1", "follower-1")).contains("leader (promoted)");
        } finally {
            // back to the configured topology: forget the promoted server's own writes, follow again
            promoted.execute("SET SESSION sql_log_bin = 0", "DELETE FROM " + DATABASE + ".kv WHERE id = " + id,
                    "RESET MASTER", "SET GLOBAL read_only = 1", "START SLAVE");
            g1.leader().restart();
        }
        awaitHealth(Duration.ofSeconds(10), "g1's configured leader back", h -> h.leader().isLeader());
    }

    @Test
    void showShardgateGroupsListsEveryServerAndRulesStateTheGuarantee() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW SHARDGATE GROUPS")) {
            while (rs.next()) {
                rows.add(rs.getString("group") + " " + rs.getString("server") + " " + rs.getString("role") + " "
                        + rs.getString("health") + " lag=" + rs.getString("lag_ms") + " pool=" + rs.getString("pool_max"));
            }
        }
        assertThat(rows).contains("g0 leader leader healthy lag=null pool=8", "g0 follower-1 follower healthy lag=0 pool=8",
                "g1 follower-2 follower healthy lag=0 pool=8").hasSize(6);
        Map<String, String> settings = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW SHARDGATE RULES")) {
            while (rs.next()) {
                settings.put(rs.getString("setting"), rs.getString("value"));
            }
        }
        assertThat(settings.get("reads.consistency")).isEqualTo("eventual");
        assertThat(settings.get("guarantee g0")).contains("N=3", "W=1", "R=1", "not strong");
        assertThat(ConsistencyGuarantee.describe(io.shardgate.rules.config.ReadRule.Consistency.EVENTUAL,
                io.shardgate.rules.config.WriteRule.Ack.ALL, 3)).contains("R+W=4 > N: strong");
        assertThat(ConsistencyGuarantee.describe(io.shardgate.rules.config.ReadRule.Consistency.SESSION,
                io.shardgate.rules.config.WriteRule.Ack.QUORUM, 3)).contains("R+W=3 <= N", "reads its own writes");
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static long evenId() {
        return IDS.addAndGet(2) & ~1L;
    }

    private static long oddId() {
        return IDS.addAndGet(2) | 1L;
    }

    private static BackendServer server(int group, int index) {
        return engine.database(DATABASE).backends().servers("g" + group).get(index);
    }

    private static void awaitHealth(Duration timeout, String what, java.util.function.Predicate<GroupHealth> condition) {
        Replicas replicas = engine.database(DATABASE).replicas();
        MariaDbCluster.await(timeout, () -> replicas.health().stream().allMatch(condition),
                what + " (last seen: " + replicas.health() + ")");
    }

    private static void awaitGroup(int group, Duration timeout, String what,
                                   java.util.function.Predicate<GroupHealth> condition) {
        Replicas replicas = engine.database(DATABASE).replicas();
        MariaDbCluster.await(timeout, () -> condition.test(replicas.health("g" + group)),
                what + " (last seen: " + replicas.health("g" + group) + ")");
    }

    private static void insert(long id, String value) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            insert(c, id, value);
        }
    }

    private static void insert(Connection c, long id, String value) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO kv (id, v) VALUES (?, ?)")) {
            p.setLong(1, id);
            p.setString(2, value);
            p.executeUpdate();
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String read(String hint, long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return read(c, hint, id);
        }
    }

    private static String read(Connection c, String hint, long id) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("/*+ shardgate: " + hint + " */ SELECT v FROM kv WHERE id = " + id)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static MariaDbServer serverOf(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return byServerId.get(rs.getLong(1));
        }
    }

    private static String directRead(MariaDbServer server, long id) {
        return MariaDbCluster.query(server, "SELECT v FROM " + DATABASE + ".kv WHERE id = " + id);
    }

    private static String groupsRow(String group, String server) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW SHARDGATE GROUPS")) {
            while (rs.next()) {
                if (rs.getString("group").equals(group) && rs.getString("server").equals(server)) {
                    return rs.getString("role") + " " + rs.getString("health");
                }
            }
        }
        return null;
    }
}
