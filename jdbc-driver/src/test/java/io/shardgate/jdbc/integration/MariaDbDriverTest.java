package io.shardgate.jdbc.integration;

import io.shardgate.testing.OwnThread;
import io.shardgate.engine.Engine;
import io.shardgate.engine.backend.BackendServer;
import io.shardgate.engine.backend.Backends;
import io.shardgate.jdbc.ShardgateDataSource;
import io.shardgate.testing.MariaDbCluster;
import io.shardgate.testing.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The driver on real MariaDB servers (the shared cluster's leaders): streaming, early close,
 * cancel, session settings, transactions and a leader going down. Keys and their groups follow
 * integration/rules.yaml (mod over 4 shards: keys ≡ 0, 1 mod 4 in g0, keys ≡ 2, 3 mod 4 in g1).
 */
class MariaDbDriverTest {

    private static final String DATABASE = "sg_it";
    private static final int BIG_ROWS = 200_000;

    private static MariaDbCluster cluster;
    private static Engine engine;
    private static ShardgateDataSource dataSource;
    private static Backends backends;

    @BeforeAll
    static void start() throws SQLException {
        cluster = MariaDbCluster.shared(2, 2);
        ClusterRules.freshDatabase(cluster, DATABASE);
        engine = new Engine(List.of(ClusterRules.load(cluster, DATABASE, "best-effort")));
        dataSource = new ShardgateDataSource(engine, "shop");
        backends = engine.database("shop").backends();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (user_id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, "
                    + "balance DECIMAL(10,2) NOT NULL DEFAULT 0)");
            s.execute("CREATE TABLE big (id INT PRIMARY KEY)");
            s.execute("CREATE TABLE per_shard (id INT PRIMARY KEY)");
            assertThat(s.executeUpdate("INSERT INTO per_shard (id) VALUES (0), (1), (2), (3)")).isEqualTo(4);
        }
        // 200,000 keys, each written straight into the physical table that owns it (shard = id mod 4)
        for (int shard = 0; shard < 4; shard++) {
            cluster.executeOnLeader(shard / 2, DATABASE, "INSERT INTO big_" + (shard % 2)
                    + " SELECT seq FROM seq_" + shard + "_to_" + (BIG_ROWS - 1) + "_step_4");
        }
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aLargeScatterResultStreamsFromEveryShardWhileTheClientReads() throws Exception {
        // 50,000 rows of 1 kB per shard: far more than socket buffers hold, so a shard that still
        // runs its statement has not sent everything, and a driver that read whole results first
        // could not have returned the first row yet
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, REPEAT('x', 1000) AS pad FROM big ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isZero();
            assertThat(runningOnLeaders("FROM big_")).as("shard statements still sending when the first row arrived")
                    .isEqualTo(4);
            assertThat(activeConnections()).as("one streaming connection per shard").isEqualTo(4);
            int rows = 1;
            int previous = 0;
            boolean ordered = true;
            while (rs.next()) {
                int id = rs.getInt(1);
                ordered &= id == previous + 1;
                previous = id;
                rows++;
            }
            assertThat(rows).isEqualTo(BIG_ROWS);
            assertThat(ordered).as("sort-merged in id order without gaps").isTrue();
        }
        assertThat(activeConnections()).as("drained units give their connections back").isZero();
    }

    @Test
    void closingAHalfReadResultGivesEveryConnectionBackAndStopsTheShards() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT id, REPEAT('x', 1000) AS pad FROM big");
            for (int i = 0; i < 1000; i++) {
                assertThat(rs.next()).isTrue();
            }
            assertThat(activeConnections()).isEqualTo(4);
            rs.close();
            assertThat(activeConnections()).as("pool connections after an early close").isZero();
            MariaDbCluster.await(Duration.ofSeconds(10), () -> runningOnLeaders("FROM big_") == 0,
                    "the shards' statements should be cancelled, not read to the end");
            assertThat(longValue(c, "SELECT COUNT(*) FROM per_shard")).as("the session goes on").isEqualTo(4);
        }
    }

    @Test
    void cancelFromAnotherThreadInterruptsASlowScatterAtOnce() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            CompletableFuture<SQLException> outcome = OwnThread.supply(() -> {
                try (ResultSet rs = s.executeQuery("SELECT id, SLEEP(5) FROM per_shard")) {
                    while (rs.next()) {
                        // drain: the rows come only after the sleeps
                    }
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            MariaDbCluster.await(Duration.ofSeconds(10), () -> runningOnLeaders("SLEEP(5)") == 4,
                    "four shards sleeping");
            long cancelled = System.nanoTime();
            s.cancel();
            SQLException error = outcome.get(10, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - cancelled);
            assertThat((Object) error).as("the statement fails instead of returning rows").isNotNull();
            assertThat(error.getErrorCode()).as(error.getMessage()).isEqualTo(1317);
            assertThat(error.getSQLState()).isEqualTo("70100");
            assertThat(error.getMessage()).contains("interrupted");
            assertThat(took).as("cancel takes effect long before the 5 s sleep ends").isLessThan(Duration.ofSeconds(3));
            MariaDbCluster.await(Duration.ofSeconds(10), () -> activeConnections() == 0, "connections given back");
            assertThat(longValue(c, "SELECT COUNT(*) FROM per_shard")).as("the session goes on").isEqualTo(4);
        }
    }

    /**
     * A one-shard result hands typed getters straight to Connector/J; a merged result converts the
     * engine's values. Both must answer every getter as Connector/J does on one server, NULLs and
     * edge values included.
     */
    @Test
    void typedGettersAnswerTheSameOnOneShardOnAMergedResultAndDirectly() throws SQLException {
        String columns = "id, i, b, ub, d, v, z";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE types (id INT PRIMARY KEY, i INT, b BIGINT, ub BIGINT UNSIGNED, "
                    + "d DECIMAL(12,3), v VARCHAR(20), z INT(5) ZEROFILL)");
        }
        List<String> direct = new ArrayList<>();
        try (Connection raw = cluster.group(0).leader().connect(DATABASE); Statement s = raw.createStatement()) {
            s.execute("CREATE TABLE types_direct (id INT PRIMARY KEY, i INT, b BIGINT, ub BIGINT UNSIGNED, "
                    + "d DECIMAL(12,3), v VARCHAR(20), z INT(5) ZEROFILL)");
            s.execute("INSERT INTO types_direct VALUES " + TYPED_ROWS);
            try (ResultSet rs = s.executeQuery("SELECT " + columns + " FROM types_direct ORDER BY id")) {
                while (rs.next()) {
                    direct.add(typedReads(rs));
                }
            }
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO types (" + columns + ") VALUES " + TYPED_ROWS)).isEqualTo(4);
            List<String> oneShard = new ArrayList<>();
            for (int id = 0; id < 4; id++) {
                try (ResultSet rs = s.executeQuery("SELECT " + columns + " FROM types WHERE id = " + id)) {
                    assertThat(rs.next()).isTrue();
                    oneShard.add(typedReads(rs));
                }
            }
            List<String> merged = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT " + columns + " FROM types ORDER BY id")) {
                while (rs.next()) {
                    merged.add(typedReads(rs));
                }
            }
            assertThat(oneShard).isEqualTo(direct);
            assertThat(merged).isEqualTo(direct);
        }
    }

    /**
     * A streamed SELECT's backend warnings arrive when its rows are drained, as the warning count in
     * MySQL's final packet does: one warning per row here, from every shard, on the result set, the
     * statement and the connection; and a SELECT without warnings costs no SHOW WARNINGS.
     */
    @Test
    void warningsOfStreamedSelectsArriveWhenTheRowsAreDrained() throws SQLException {
        String sql = "SELECT id, CAST(CONCAT('x', id) AS SIGNED) FROM per_shard ORDER BY id";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            long showWarningsBefore = showWarningsCount();
            for (int i = 0; i < 20; i++) {
                try (ResultSet rs = s.executeQuery("SELECT id FROM per_shard WHERE id = " + (i % 4))) {
                    while (rs.next()) {
                        rs.getInt(1);
                    }
                    assertThat((Object) rs.getWarnings()).isNull();
                }
            }
            assertThat(showWarningsCount() - showWarningsBefore).as("SHOW WARNINGS sent for warning-free SELECTs")
                    .isZero();

            c.clearWarnings();
            try (ResultSet rs = s.executeQuery(sql)) {
                int rows = 0;
                while (rs.next()) {
                    assertThat(rs.getLong(2)).isZero();
                    rows++;
                }
                assertThat(rows).isEqualTo(4);
                // 8001: Shardgate's own scatter-read flag, then the backends' warnings
                assertThat(codes(rs.getWarnings())).containsExactly(8001, 1292, 1292, 1292, 1292);
            }
            assertThat(codes(s.getWarnings())).containsExactly(8001, 1292, 1292, 1292, 1292);
            assertThat(codes(c.getWarnings())).containsExactly(8001, 1292, 1292, 1292, 1292);
            assertThat(s.getWarnings().getNextWarning().getMessage()).contains("Truncated incorrect INTEGER value: 'x");
        }
        // one MariaDB with the same four rows reports the same
        try (Connection raw = cluster.group(0).leader().connect(DATABASE); Statement s = raw.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS warn_direct (id INT PRIMARY KEY)");
            s.execute("REPLACE INTO warn_direct VALUES (0), (1), (2), (3)");
            try (ResultSet rs = s.executeQuery(sql.replace("per_shard", "warn_direct"))) {
                while (rs.next()) {
                    rs.getLong(2);
                }
            }
            assertThat(codes(s.getWarnings())).containsExactly(1292, 1292, 1292, 1292);
        }
    }

    private static long showWarningsCount() throws SQLException {
        long total = 0;
        for (int group = 0; group < 2; group++) {
            try (Connection raw = cluster.group(group).leader().connect(DATABASE); Statement s = raw.createStatement();
                 ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Com_show_warnings'")) {
                rs.next();
                total += rs.getLong(2);
            }
        }
        return total;
    }

    private static List<Integer> codes(java.sql.SQLWarning warning) {
        List<Integer> codes = new ArrayList<>();
        for (java.sql.SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            codes.add(w.getErrorCode());
        }
        return codes;
    }

    private static final String TYPED_ROWS = "(0, -7, 9007199254740993, 18446744073709551615, -12.500, 'héllo', 42), "
            + "(1, NULL, NULL, NULL, NULL, NULL, NULL), (2, 2147483647, -9223372036854775808, 0, 0.000, '', 0), "
            + "(3, 0, 1, 1, 99999.999, 'trailing  ', 7)";

    /** Every typed getter on every column, with wasNull, as one line. */
    private static String typedReads(ResultSet rs) throws SQLException {
        StringBuilder line = new StringBuilder();
        for (int column = 1; column <= 7; column++) {
            line.append(column).append(": s=").append(rs.getString(column)).append('/').append(rs.wasNull());
            line.append(" o=").append(rs.getObject(column));
            if (column != 6) {
                line.append(" d=").append(rs.getBigDecimal(column)).append('/').append(rs.wasNull());
                if (column != 4 && column != 5) {
                    line.append(" l=").append(rs.getLong(column)).append('/').append(rs.wasNull());
                }
                if (column == 1 || column == 2 || column == 7) {
                    line.append(" i=").append(rs.getInt(column)).append('/').append(rs.wasNull());
                }
            }
            line.append("; ");
        }
        return line.toString();
    }

    @Test
    void sessionSettingsAreReplayedOnEveryBackendConnectionTheSessionUses() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+05:00'");
            s.execute("SET sql_mode = 'NO_ENGINE_SUBSTITUTION'");
            List<List<Object>> rows = rows(c, "SELECT id, @@session.time_zone, @@session.sql_mode FROM per_shard ORDER BY id");
            assertThat(rows).hasSize(4).allSatisfy(row -> {
                assertThat((Object) row.get(1)).isEqualTo("+05:00");
                assertThat((Object) row.get(2)).isEqualTo("NO_ENGINE_SUBSTITUTION");
            });
            // not strict any more: a name too long is cut (with a warning) on both groups, not refused
            assertThat(s.executeUpdate("INSERT INTO accounts (user_id, name) VALUES "
                    + "(101, 'a name much longer than twenty'), (102, 'another name longer than twenty')")).isEqualTo(2);
            assertThat(rows(c, "SELECT name FROM accounts WHERE user_id IN (101, 102) ORDER BY user_id"))
                    .containsExactly(List.of("a name much longer t"), List.of("another name longer "));
        }
        // a session that set nothing gets the servers' defaults back, on the same pooled connections
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThat(rows(c, "SELECT id, @@session.time_zone FROM per_shard ORDER BY id"))
                    .hasSize(4).allSatisfy(row -> assertThat((Object) row.get(1)).isEqualTo("SYSTEM"));
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO accounts (user_id, name) VALUES "
                    + "(103, 'a name much longer than twenty')")).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(1406));
        }
    }

    @Test
    void aTransactionOnOneShardCommitsOrRollsBackAsOne() throws SQLException {
        try (Connection c = dataSource.getConnection(); Connection other = dataSource.getConnection();
             Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO accounts (user_id, name, balance) VALUES (201, 'ann', 10.00)");
            s.executeUpdate("INSERT INTO accounts (user_id, name, balance) VALUES (205, 'bea', 20.00)");
            assertThat((Object) s.getWarnings()).as("one shard: no cross-shard warning").isNull();
            assertThat(activeConnections()).as("the transaction holds one leader connection").isEqualTo(1);
            assertThat(longValue(other, "SELECT COUNT(*) FROM accounts WHERE user_id IN (201, 205)"))
                    .as("uncommitted rows are invisible to other sessions").isZero();
            c.commit();
            assertThat(longValue(other, "SELECT COUNT(*) FROM accounts WHERE user_id IN (201, 205)")).isEqualTo(2);

            s.executeUpdate("UPDATE accounts SET balance = balance - 5 WHERE user_id = 201");
            assertThat(rows(c, "SELECT balance FROM accounts WHERE user_id = 201"))
                    .as("the transaction reads its own write").containsExactly(List.of(new BigDecimal("5.00")));
            c.rollback();
            assertThat(rows(other, "SELECT balance FROM accounts WHERE user_id = 201"))
                    .containsExactly(List.of(new BigDecimal("10.00")));
            c.setAutoCommit(true);
        }
        assertThat(activeConnections()).isZero();
    }

    @Test
    void aCommitCostsTheLeaderOneStatement() throws SQLException {
        try (Connection c = dataSource.getConnection(); Connection other = dataSource.getConnection();
             Connection leader = cluster.group(0).leader().connect(""); // user 209 lives in g0
             Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO accounts (user_id, name, balance) VALUES (209, 'cid', 1.00)"); // a warm pool
            long[] before = commitStatements(leader);
            c.setAutoCommit(false);
            s.executeUpdate("UPDATE accounts SET balance = 2.00 WHERE user_id = 209");
            c.commit();
            long[] after = commitStatements(leader);
            assertThat(longValue(other, "SELECT COUNT(*) FROM accounts WHERE user_id = 209 AND balance = 2.00"))
                    .as("committed").isEqualTo(1);
            assertThat(after[0] - before[0]).as("COMMIT statements on the leader").isZero();
            assertThat(after[1] - before[1]).as("SET statements on the leader: autocommit off, then on (which commits)")
                    .isEqualTo(2);
            c.setAutoCommit(true);
        }
        assertThat(activeConnections()).isZero();
    }

    /** The server's Com_commit and Com_set_option, read on {@code server}. */
    private static long[] commitStatements(Connection server) throws SQLException {
        List<List<Object>> status = rows(server, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
                + "WHERE VARIABLE_NAME IN ('COM_COMMIT', 'COM_SET_OPTION') ORDER BY VARIABLE_NAME");
        return new long[] {Long.parseLong(status.get(0).get(0).toString()), Long.parseLong(status.get(1).get(0).toString())};
    }

    @Test
    void aTransactionAcrossTwoGroupsIsFlaggedAndCommitsOrRollsBackOnBoth() throws SQLException {
        try (Connection c = dataSource.getConnection(); Connection other = dataSource.getConnection();
             Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO accounts (user_id, name, balance) VALUES (301, 'g0 row', 1.00)");
            assertThat((Object) s.getWarnings()).isNull();
            s.executeUpdate("INSERT INTO accounts (user_id, name, balance) VALUES (302, 'g1 row', 2.00)");
            SQLWarning warning = s.getWarnings();
            assertThat((Object) warning).as("reaching a second group is flagged").isNotNull();
            assertThat(warning.getErrorCode()).isEqualTo(8004);
            assertThat(warning.getMessage()).contains("g0").contains("g1").contains("cross-shard-transaction=best-effort");
            c.commit();
            assertThat(longValue(other, "SELECT COUNT(*) FROM accounts WHERE user_id IN (301, 302)")).isEqualTo(2);

            assertThat(s.executeUpdate("UPDATE accounts SET balance = 99 WHERE user_id IN (301, 302)")).isEqualTo(2);
            c.rollback();
            assertThat(rows(other, "SELECT user_id, balance FROM accounts WHERE user_id IN (301, 302) ORDER BY user_id"))
                    .containsExactly(List.of(301, new BigDecimal("1.00")), List.of(302, new BigDecimal("2.00")));
            c.setAutoCommit(true);
        }
        assertThat(activeConnections()).isZero();
    }

    @Test
    void theRejectPolicyRollsBackATransactionThatReachesASecondGroup() throws SQLException {
        try (Engine strict = new Engine(List.of(ClusterRules.load(cluster, DATABASE, "reject")));
             Connection c = new ShardgateDataSource(strict, "shop").getConnection();
             Connection other = dataSource.getConnection();
             Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO accounts (user_id, name) VALUES (401, 'g0 row')");
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO accounts (user_id, name) VALUES (402, 'g1 row')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage())
                            .contains("cross-shard-transaction=reject").contains("g0").contains("g1")
                            .contains("rolled back"));
            assertThat(longValue(other, "SELECT COUNT(*) FROM accounts WHERE user_id IN (401, 402)"))
                    .as("the first insert was rolled back with the transaction").isZero();
            s.executeUpdate("INSERT INTO accounts (user_id, name) VALUES (405, 'g0 again')");
            c.commit();
            assertThat(longValue(other, "SELECT COUNT(*) FROM accounts WHERE user_id = 405"))
                    .as("a new transaction on one group works").isEqualTo(1);
        }
    }

    @Test
    void aStoppedLeaderFailsItsGroupFastAndByNameWhileTheOtherGroupServesAndItRecovers() throws Exception {
        MariaDbServer g1 = cluster.group(1).leader();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO accounts (user_id, name) VALUES (501, 'in g0'), (502, 'in g1')");
            CompletableFuture<SQLException> inFlight = OwnThread.supply(() -> {
                try (Connection busy = dataSource.getConnection()) {
                    rows(busy, "SELECT id, SLEEP(30) FROM per_shard WHERE id = 2");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            MariaDbCluster.await(Duration.ofSeconds(10), () -> runningOnLeaders("SLEEP(30)") == 1, "a query in flight on g1");
            g1.stop();
            try {
                SQLException lost = inFlight.get(10, TimeUnit.SECONDS);
                assertThat((Object) lost).as("a single-shard query whose server went away fails").isNotNull();
                assertThat(lost.getMessage()).as("and names the server, which the client cannot guess")
                        .contains("group g1").contains("127.0.0.1:" + g1.port());
                long start = System.nanoTime();
                assertThatThrownBy(() -> rows(c, "SELECT name FROM accounts WHERE user_id = 502"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage())
                                .contains("group g1").contains("127.0.0.1:" + g1.port()));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fails within the pool's 1 s timeout")
                        .isLessThan(Duration.ofSeconds(4));
                assertThat(rows(c, "SELECT name FROM accounts WHERE user_id = 501"))
                        .as("the other group keeps working").containsExactly(List.of("in g0"));
                assertThatThrownBy(() -> rows(c, "SELECT COUNT(*) FROM accounts"))
                        .as("a scatter read cannot be complete without g1, and says so")
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage()).contains("group g1"));
            } finally {
                g1.restart();
            }
            MariaDbCluster.await(Duration.ofSeconds(60), () -> answers(c, "SELECT name FROM accounts WHERE user_id = 502"),
                    "group g1 answering again after its leader restarted");
            assertThat(rows(c, "SELECT name FROM accounts WHERE user_id = 502")).containsExactly(List.of("in g1"));
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static int activeConnections() {
        int active = 0;
        for (BackendServer server : backends.servers()) {
            active += backends.activeConnections(server);
        }
        return active;
    }

    /** Statements running on both leaders whose text contains {@code fragment} (not counting this query). */
    private static int runningOnLeaders(String fragment) {
        int running = 0;
        for (int g = 0; g < 2; g++) {
            String count = MariaDbCluster.query(cluster.group(g).leader(),
                    "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query' AND INFO LIKE '%"
                            + fragment + "%' AND INFO NOT LIKE '%PROCESSLIST%'");
            running += Integer.parseInt(count);
        }
        return running;
    }

    private static boolean answers(Connection c, String sql) {
        try {
            rows(c, sql);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static long longValue(Connection c, String sql) throws SQLException {
        return ((Number) rows(c, sql).get(0).get(0)).longValue();
    }

    private static List<List<Object>> rows(Connection c, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
