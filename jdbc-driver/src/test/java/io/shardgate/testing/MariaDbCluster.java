package io.shardgate.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Leader–follower groups of real MariaDB servers wired with GTID replication
 * ({@code MASTER_USE_GTID = slave_pos}), started once per JVM per shape and shared by every test
 * class that asks for the same shape. Tests must leave replication running when they finish
 * (use {@link #resumeApplying} and {@link MariaDbServer#restart} in finally blocks).
 */
public final class MariaDbCluster {

    private static final Map<String, MariaDbCluster> SHARED = new ConcurrentHashMap<>();

    private final List<Group> groups;

    public record Group(String name, MariaDbServer leader, List<MariaDbServer> followers) {
        public List<MariaDbServer> servers() {
            List<MariaDbServer> all = new ArrayList<>();
            all.add(leader);
            all.addAll(followers);
            return all;
        }
    }

    private MariaDbCluster(List<Group> groups) {
        this.groups = List.copyOf(groups);
    }

    /** The shared cluster of {@code groupCount} groups, each a leader and {@code followers} followers. */
    public static MariaDbCluster shared(int groupCount, int followers) {
        return SHARED.computeIfAbsent(groupCount + "x" + followers, key -> start(groupCount, followers));
    }

    private static MariaDbCluster start(int groupCount, int followerCount) {
        List<Group> groups = new ArrayList<>();
        int serverId = 1 + 100 * SHARED.size();
        for (int g = 0; g < groupCount; g++) {
            MariaDbServer leader = MariaDbServer.start("g" + g + "-leader", serverId++);
            List<MariaDbServer> followers = new ArrayList<>();
            for (int f = 0; f < followerCount; f++) {
                MariaDbServer follower = MariaDbServer.start("g" + g + "-follower" + (f + 1), serverId++);
                follow(follower, leader);
                followers.add(follower);
            }
            groups.add(new Group("g" + g, leader, followers));
        }
        return new MariaDbCluster(groups);
    }

    private static void follow(MariaDbServer follower, MariaDbServer leader) {
        follower.execute("CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = " + leader.port()
                        + ", MASTER_USER = '" + MariaDbServer.USER + "', MASTER_PASSWORD = '" + MariaDbServer.PASSWORD
                        + "', MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1",
                "START SLAVE", "SET GLOBAL read_only = 1");
    }

    public List<Group> groups() {
        return groups;
    }

    public Group group(int index) {
        return groups.get(index);
    }

    /** Creates (if missing) a database on every leader; replication brings it to the followers. */
    public void createDatabase(String database) {
        for (Group group : groups) {
            group.leader().execute("CREATE DATABASE IF NOT EXISTS `" + database + "`");
        }
        awaitReplication(Duration.ofSeconds(30));
    }

    /** Runs statements on the leader of group {@code group} in {@code database}. */
    public void executeOnLeader(int group, String database, String... statements) {
        try (Connection connection = groups.get(group).leader().connect(database);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Waits until every running follower has applied everything its leader has written. */
    public void awaitReplication(Duration timeout) {
        for (Group group : groups) {
            if (!group.leader().running()) {
                continue;
            }
            String position = query(group.leader(), "SELECT @@gtid_binlog_pos");
            for (MariaDbServer follower : group.followers()) {
                if (follower.running()) {
                    await(timeout, () -> applied(follower, position),
                            follower + " did not reach leader position " + position);
                }
            }
        }
    }

    private static boolean applied(MariaDbServer follower, String position) {
        if (position == null || position.isEmpty()) {
            return true;
        }
        String result = query(follower, "SELECT MASTER_GTID_WAIT('" + position + "', 0)");
        return "0".equals(result);
    }

    /** Stops the SQL thread of a follower: it keeps receiving but applies nothing (induced lag). */
    public static void pauseApplying(MariaDbServer follower) {
        follower.execute("STOP SLAVE SQL_THREAD");
    }

    public static void resumeApplying(MariaDbServer follower) {
        follower.execute("START SLAVE SQL_THREAD");
    }

    public static String query(MariaDbServer server, String sql) {
        try (Connection connection = server.connect("");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("on " + server + ": " + e.getMessage(), e);
        }
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes. */
    public static void await(Duration timeout, BooleanSupplier condition, String failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure + " within " + timeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + failure);
            }
        }
    }
}
