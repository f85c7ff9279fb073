package io.shardgate.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A two-shard transfer (debit an account in group g0, credit one in g1, COMMIT) through the JDBC
 * driver under {@code cross-shard-transaction: best-effort} and {@code xa}, on two MariaDB servers
 * started in this JVM. The policies run in alternating slices (best-effort, xa, best-effort, …) so
 * that a machine whose load changes during the run moves both alike; each transaction's latency is
 * recorded, and throughput, p50 and p99 are printed per policy.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.shardgate.benchmarks.TransferBenchmark [threads=4 rounds=6 slice=5 warmup=10 accounts=1000 groups=2]</pre>
 * With {@code groups=1} both accounts are in g0: the one-phase path of xa against a local commit.
 */
public final class TransferBenchmark {

    private static final String DATABASE = "bench_bank";
    private static final List<String> POLICIES = List.of("best-effort", "xa");

    private TransferBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> settings = new LinkedHashMap<>(Map.of("threads", 4, "rounds", 6, "slice", 5,
                "warmup", 10, "accounts", 1000, "groups", 2));
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2 || !settings.containsKey(pair[0])) {
                throw new IllegalArgumentException("unknown argument " + arg + "; expected key=value with a key of "
                        + settings.keySet());
            }
            settings.put(pair[0], Integer.parseInt(pair[1]));
        }
        int threads = settings.get("threads");
        int accounts = settings.get("accounts");
        if (settings.get("groups") != 1 && settings.get("groups") != 2) {
            throw new IllegalArgumentException("groups must be 1 (both accounts in g0) or 2 (g0 and g1)");
        }
        int creditParity = settings.get("groups") == 2 ? 1 : 0;
        Path dir = Files.createTempDirectory("shardgate-transfer-bench-");
        System.err.println("[setup] starting two MariaDB servers");
        try (EmbeddedMariaDb a = EmbeddedMariaDb.start(); EmbeddedMariaDb b = EmbeddedMariaDb.start()) {
            load(a, 0, accounts);
            load(b, 1, accounts);
            Map<String, String> urls = new LinkedHashMap<>();
            for (String policy : POLICIES) {
                urls.put(policy, "jdbc:shardgate:file:" + rules(dir, policy, a, b));
            }
            // one idle connection per policy keeps its engine (pools, XA log) open between slices
            List<Connection> keepers = new ArrayList<>();
            for (String policy : POLICIES) {
                keepers.add(DriverManager.getConnection(urls.get(policy)));
            }
            System.err.println("[setup] warming up " + settings.get("warmup") + " s per policy");
            for (String policy : POLICIES) {
                run(urls.get(policy), threads, accounts, creditParity, settings.get("warmup"), new ArrayList<>());
            }
            Map<String, List<long[]>> latencies = new LinkedHashMap<>();
            Map<String, Double> seconds = new LinkedHashMap<>();
            for (int round = 0; round < settings.get("rounds"); round++) {
                for (String policy : POLICIES) {
                    List<long[]> slices = latencies.computeIfAbsent(policy, p -> new ArrayList<>());
                    run(urls.get(policy), threads, accounts, creditParity, settings.get("slice"), slices);
                    seconds.merge(policy, (double) settings.get("slice"), Double::sum);
                }
            }
            System.out.printf("== %s transfer through jdbc:shardgate:, %d threads, %d rounds x %d s per policy, %s%n",
                    creditParity == 1 ? "two-group" : "one-group", threads, settings.get("rounds"), settings.get("slice"), LoadAverage.now());
            System.out.printf("%-12s %10s %12s %10s %10s%n", "policy", "tx", "tx/s", "p50 ms", "p99 ms");
            for (String policy : POLICIES) {
                long[] all = latencies.get(policy).stream().flatMapToLong(Arrays::stream).sorted().toArray();
                System.out.printf("%-12s %10d %12.1f %10.2f %10.2f%n", policy, all.length, all.length / seconds.get(policy),
                        percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6);
            }
            for (Connection keeper : keepers) {
                keeper.close();
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Runs transfers on {@code threads} connections for {@code seconds}; adds each thread's latencies (ns). */
    private static void run(String url, int threads, int accounts, int creditParity, int seconds, List<long[]> into)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        List<long[]> results = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                long[] latencies = new long[1 << 16];
                int count = 0;
                try (Connection c = DriverManager.getConnection(url);
                     PreparedStatement debit = c.prepareStatement("UPDATE accounts SET balance = balance - 1 WHERE id = ?");
                     PreparedStatement credit = c.prepareStatement("UPDATE accounts SET balance = balance + 1 WHERE id = ?")) {
                    c.setAutoCommit(false);
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (!stop.get()) {
                        long start = System.nanoTime();
                        debit.setInt(1, 2 * random.nextInt(accounts));      // even: group g0
                        debit.executeUpdate();
                        credit.setInt(1, 2 * random.nextInt(accounts) + creditParity); // odd: g1, even: g0
                        credit.executeUpdate();
                        c.commit();
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = System.nanoTime() - start;
                    }
                } catch (SQLException | RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
                synchronized (results) {
                    results.add(Arrays.copyOf(latencies, count));
                }
            }, "transfer-" + t);
            workers.add(worker);
            worker.start();
        }
        Thread.sleep(seconds * 1000L); // the measurement window, not synchronization
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("transfers failed: " + failures.get(0), failures.get(0));
        }
        into.addAll(results);
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static void load(EmbeddedMariaDb server, int parity, int accounts) throws SQLException {
        server.execute("CREATE DATABASE " + DATABASE,
                "CREATE TABLE " + DATABASE + ".accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
        try (Connection c = server.connect(DATABASE);
             PreparedStatement insert = c.prepareStatement("INSERT INTO accounts VALUES (?, 1000000)")) {
            for (int i = 0; i < accounts; i++) {
                insert.setInt(1, 2 * i + parity);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static Path rules(Path dir, String policy, EmbeddedMariaDb a, EmbeddedMariaDb b) throws IOException {
        Path file = dir.resolve(policy + ".yaml");
        Files.writeString(file, """
                database: bank
                groups:
                  g0: { leader: { url: "%s", user: %s, password: %s }, pool: { max-size: 16 } }
                  g1: { leader: { url: "%s", user: %s, password: %s }, pool: { max-size: 16 } }
                tables:
                  accounts: { shard-key: id, algorithm: mod, shards: "g${0..1}.accounts" }
                policies:
                  cross-shard-transaction: %s
                transactions:
                  xa-log-dir: "%s"
                """.formatted(a.jdbcUrl(DATABASE), EmbeddedMariaDb.USER, EmbeddedMariaDb.PASSWORD,
                b.jdbcUrl(DATABASE), EmbeddedMariaDb.USER, EmbeddedMariaDb.PASSWORD, policy,
                dir.resolve("xa-log-" + policy)));
        return file;
    }
}
