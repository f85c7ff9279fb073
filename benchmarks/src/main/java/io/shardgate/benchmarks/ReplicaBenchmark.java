package io.shardgate.benchmarks;

import io.shardgate.engine.Engine;
import io.shardgate.engine.replica.GroupHealth;
import io.shardgate.engine.replica.ServerHealth;
import io.shardgate.jdbc.ShardgateDataSource;
import io.shardgate.rules.config.RuleLoader;
import io.shardgate.testing.MariaDbCluster;
import io.shardgate.testing.MariaDbServer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What followers buy and what consistency costs, on one group of real MariaDB servers (a leader
 * and two GTID followers, all on this machine):
 * <ul>
 * <li>read throughput of point selects ({@code consistency: eventual}, {@code threads} clients)
 * with the group's reads on the leader only, on 1 follower and on 2 followers;</li>
 * <li>latency of an INSERT with {@code ack=leader} and {@code ack=quorum};</li>
 * <li>latency of a read of the session's own fresh write with the leader hint, {@code eventual}
 * and {@code session}.</li>
 * </ul>
 * Contenders run in rotating slices, round after round, so a change of the machine's load hits all
 * of a round alike; medians over rounds are printed. Arguments ({@code name=value}): rounds (3),
 * slice seconds (5), threads (4), rows (10000).
 */
public final class ReplicaBenchmark {

    private static final String DATABASE = "bench_repl";
    private static final AtomicLong NEXT_ID = new AtomicLong(1_000_000);

    private ReplicaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchmarkOptions.parse(args, Map.of("rounds", "3", "slice", "5", "threads", "4",
                "rows", "10000"));
        int rounds = Integer.parseInt(options.get("rounds"));
        double slice = Double.parseDouble(options.get("slice"));
        int threads = Integer.parseInt(options.get("threads"));
        int rows = Integer.parseInt(options.get("rows"));

        System.err.println("[setup] starting MariaDB: a leader and 2 followers");
        MariaDbCluster cluster = MariaDbCluster.shared(1, 2);
        cluster.createDatabase(DATABASE);
        cluster.executeOnLeader(0, DATABASE, "DROP TABLE IF EXISTS kv",
                "CREATE TABLE kv (id BIGINT PRIMARY KEY, v VARCHAR(40))");
        try (Connection c = cluster.group(0).leader().connect(DATABASE);
             PreparedStatement insert = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
            for (int i = 0; i < rows; i++) {
                insert.setLong(1, i);
                insert.setString(2, "value-" + i);
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        cluster.awaitReplication(Duration.ofSeconds(60));

        Map<String, List<Double>> results = new LinkedHashMap<>();
        try (Engine none = engine(cluster, 0); Engine one = engine(cluster, 1); Engine two = engine(cluster, 2)) {
            awaitHealthy(none, one, two);
            Map<String, ShardgateDataSource> readers = new LinkedHashMap<>();
            readers.put("reads: leader only (0 followers)", new ShardgateDataSource(none, DATABASE));
            readers.put("reads: 1 follower", new ShardgateDataSource(one, DATABASE));
            readers.put("reads: 2 followers", new ShardgateDataSource(two, DATABASE));
            ShardgateDataSource group = new ShardgateDataSource(two, DATABASE);
            for (Map.Entry<String, ShardgateDataSource> entry : readers.entrySet()) {
                readThroughput(entry.getValue(), threads, 2, rows); // warm-up
            }
            latency(group, "ack=leader", 2);
            latency(group, "ack=quorum", 2);
            for (int round = 1; round <= rounds; round++) {
                for (Map.Entry<String, ShardgateDataSource> entry : readers.entrySet()) {
                    double perSecond = readThroughput(entry.getValue(), threads, slice, rows);
                    results.computeIfAbsent(entry.getKey() + " [reads/s]", k -> new ArrayList<>()).add(perSecond);
                }
                for (String ack : List.of("ack=leader", "ack=quorum")) {
                    double[] micros = latency(group, ack, slice);
                    results.computeIfAbsent("INSERT " + ack + " [µs]", k -> new ArrayList<>()).add(micros[0]);
                }
                for (String level : List.of("leader", "consistency=eventual", "consistency=session")) {
                    double[] micros = readOwnWrite(group, level, slice);
                    results.computeIfAbsent("read own write, " + level + " [µs]", k -> new ArrayList<>()).add(micros[0]);
                    results.computeIfAbsent("read own write, " + level + " saw it [%]", k -> new ArrayList<>()).add(micros[1]);
                }
                System.err.println("[round " + round + "] " + summary(results));
            }
        }
        System.out.println();
        System.out.println("| measure | median | rounds |");
        System.out.println("|---|---|---|");
        results.forEach((name, values) -> System.out.println("| " + name + " | " + format(median(values)) + " | "
                + values.stream().map(ReplicaBenchmark::format).toList() + " |"));
        for (MariaDbCluster.Group g : cluster.groups()) {
            for (MariaDbServer server : g.servers()) {
                server.stop();
            }
        }
    }

    private static Engine engine(MariaDbCluster cluster, int followers) {
        MariaDbCluster.Group g = cluster.group(0);
        StringBuilder yaml = new StringBuilder("database: " + DATABASE + "\ngroups:\n  g0:\n    leader: { url: \""
                + g.leader().jdbcUrl(DATABASE) + "\", user: " + MariaDbServer.USER + ", password: \""
                + MariaDbServer.PASSWORD + "\" }\n");
        if (followers > 0) {
            yaml.append("    followers:\n");
            for (int i = 0; i < followers; i++) {
                yaml.append("      - { url: \"").append(g.followers().get(i).jdbcUrl(DATABASE)).append("\" }\n");
            }
        }
        yaml.append("    pool: { max-size: 16 }\ndefault-group: g0\n"
                + "reads: { balance: round-robin, consistency: eventual, session-wait: 1s }\n"
                + "writes: { ack: leader, ack-timeout: 5s }\n");
        return new Engine(List.of(new RuleLoader().load("replica-bench-" + followers + ".yaml", yaml.toString())));
    }

    private static void awaitHealthy(Engine... engines) {
        for (Engine engine : engines) {
            MariaDbCluster.await(Duration.ofSeconds(30), () -> {
                for (GroupHealth health : engine.database(DATABASE).replicas().health()) {
                    for (ServerHealth server : health.servers()) {
                        if (!server.state(server.server().equals(health.leader())).equals("healthy")) {
                            return false;
                        }
                    }
                }
                return true;
            }, "every server healthy");
        }
    }

    /** Point selects per second by {@code threads} clients, each on its own connection. */
    private static double readThroughput(ShardgateDataSource source, int threads, double seconds, int rows)
            throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try (Connection c = source.getConnection();
                     PreparedStatement select = c.prepareStatement("SELECT v FROM kv WHERE id = ?")) {
                    long count = 0;
                    while (System.nanoTime() < deadline) {
                        select.setLong(1, ThreadLocalRandom.current().nextInt(rows));
                        try (ResultSet rs = select.executeQuery()) {
                            rs.next();
                        }
                        count++;
                    }
                    done.addAndGet(count);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return done.get() / seconds;
    }

    /** Median µs of an INSERT under the hinted acknowledgement. */
    private static double[] latency(ShardgateDataSource source, String ack, double seconds) throws SQLException {
        List<Long> nanos = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        try (Connection c = source.getConnection();
             PreparedStatement insert = c.prepareStatement("/*+ shardgate: " + ack + " */ INSERT INTO kv VALUES (?, 'w')")) {
            while (System.nanoTime() < deadline) {
                insert.setLong(1, NEXT_ID.incrementAndGet());
                long start = System.nanoTime();
                insert.executeUpdate();
                nanos.add(System.nanoTime() - start);
            }
        }
        return new double[] {medianNanos(nanos) / 1000.0};
    }

    /** Median µs of a read of the row the same session has just inserted, and how often it was seen. */
    private static double[] readOwnWrite(ShardgateDataSource source, String hint, double seconds) throws SQLException {
        List<Long> nanos = new ArrayList<>();
        long seen = 0;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        try (Connection c = source.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO kv VALUES (?, 'own')");
             PreparedStatement select = c.prepareStatement("/*+ shardgate: " + hint + " */ SELECT v FROM kv WHERE id = ?")) {
            while (System.nanoTime() < deadline) {
                long id = NEXT_ID.incrementAndGet();
                insert.setLong(1, id);
                insert.executeUpdate();
                select.setLong(1, id);
                long start = System.nanoTime();
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        seen++;
                    }
                }
                nanos.add(System.nanoTime() - start);
            }
        }
        return new double[] {medianNanos(nanos) / 1000.0, 100.0 * seen / Math.max(1, nanos.size())};
    }

    private static double medianNanos(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    private static String summary(Map<String, List<Double>> results) {
        StringBuilder text = new StringBuilder();
        results.forEach((name, values) -> {
            if (!values.isEmpty()) {
                text.append(name).append('=').append(format(values.get(values.size() - 1))).append("; ");
            }
        });
        return text.toString();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    }
}
