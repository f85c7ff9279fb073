package io.shardgate.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A federated (cross-shard) join of 2 × 100,000 rows through {@code jdbc:shardgate:}: customers
 * sharded by id and payments sharded by payment_id (so no join key lines up with a shard), 4
 * shards = 2 databases × 2 tables on one embedded MariaDB. The query reads both tables whole (one
 * hash join, one aggregate on top); each run prints its time and the peak heap it reached (heap
 * pools' peak usage, reset before the run, with a GC before). Run it with a small -Xmx to show
 * the join fits. Not JMH: one statement of seconds, measured a few times after a warm-up.
 *
 * <pre>java -Xmx512m -cp benchmarks/target/benchmarks.jar io.shardgate.benchmarks.FederatedJoinBenchmark [rows=100000] [runs=5]</pre>
 */
public final class FederatedJoinBenchmark {

    private static final String JOIN = "SELECT c.tier, COUNT(*), SUM(p.amount) FROM customers c "
            + "JOIN payments p ON p.customer_id = c.id GROUP BY c.tier ORDER BY c.tier";

    private FederatedJoinBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start()) {
            load(server, rows);
            Path rules = Files.createTempFile("shardgate-federated-bench-", ".yaml");
            Files.writeString(rules, rules(server));
            try (Connection c = DriverManager.getConnection("jdbc:shardgate:file:" + rules)) {
                System.out.printf("federated join of %,d customers x %,d payments, -Xmx %d MB, %d cores%n", rows, rows,
                        Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
                run(c, "warm-up");
                List<Long> times = new ArrayList<>();
                long peak = 0;
                for (int i = 1; i <= runs; i++) {
                    long[] result = run(c, "run " + i);
                    times.add(result[0]);
                    peak = Math.max(peak, result[1]);
                }
                times.sort(Long::compare);
                // what reading the same two inputs costs without joining them (the scans' share)
                long start = System.nanoTime();
                long read = count(c, "SELECT id, tier FROM customers") + count(c, "SELECT customer_id, amount FROM payments");
                System.out.printf("baseline: reading the %,d input rows through Shardgate without a join: %d ms%n", read,
                        (System.nanoTime() - start) / 1_000_000);
                System.out.printf("median %d ms, min %d ms, max %d ms; peak heap %d MB (load average %.1f)%n",
                        times.get(times.size() / 2), times.get(0), times.get(times.size() - 1), peak >> 20,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            } finally {
                Files.deleteIfExists(rules);
            }
        }
    }

    private static long count(Connection connection, String sql) throws Exception {
        long rows = 0;
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rs.getObject(1);
                rs.getObject(2);
                rows++;
            }
        }
        return rows;
    }

    /** {time ms, peak heap bytes} of one execution, rows read to the end. */
    private static long[] run(Connection connection, String label) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        long groups = 0;
        long joined = 0;
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(JOIN)) {
            while (rs.next()) {
                groups++;
                joined += rs.getLong(2);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("%-8s %6d ms  peak heap %4d MB  (%d groups, %,d joined rows)%n", label, millis, peak >> 20,
                groups, joined);
        return new long[] {millis, peak};
    }

    private static void load(EmbeddedMariaDb server, int rows) throws Exception {
        server.execute("DROP DATABASE IF EXISTS fed_0", "DROP DATABASE IF EXISTS fed_1", "CREATE DATABASE fed_0",
                "CREATE DATABASE fed_1");
        Random random = new Random(7);
        for (int shard = 0; shard < 4; shard++) {
            String database = "fed_" + (shard % 2);
            try (Connection c = server.connect(database); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE customers_" + shard + " (id INT PRIMARY KEY, name VARCHAR(30), tier INT)");
                s.execute("CREATE TABLE payments_" + shard
                        + " (payment_id INT PRIMARY KEY, customer_id INT, amount DECIMAL(10,2))");
            }
        }
        for (int id = 0; id < rows; id += 1000) {
            for (int shard = 0; shard < 4; shard++) {
                try (Connection c = server.connect("fed_" + (shard % 2))) {
                    c.setAutoCommit(false);
                    try (PreparedStatement customers = c.prepareStatement("INSERT INTO customers_" + shard
                            + " VALUES (?, ?, ?)");
                         PreparedStatement payments = c.prepareStatement("INSERT INTO payments_" + shard
                                 + " VALUES (?, ?, ?)")) {
                        for (int k = id; k < Math.min(rows, id + 1000); k++) {
                            if (k % 4 != shard) {
                                continue;
                            }
                            customers.setInt(1, k);
                            customers.setString(2, "customer " + k);
                            customers.setInt(3, k % 5);
                            customers.addBatch();
                            payments.setInt(1, k);
                            payments.setInt(2, random.nextInt(rows));
                            payments.setBigDecimal(3, java.math.BigDecimal.valueOf(random.nextInt(100_000), 2));
                            payments.addBatch();
                        }
                        customers.executeBatch();
                        payments.executeBatch();
                    }
                    c.commit();
                }
            }
        }
    }

    private static String rules(EmbeddedMariaDb server) {
        return """
                database: fed
                groups:
                  g0: { leader: { url: "%s", user: "%s", password: "%s" } }
                  g1: { leader: { url: "%s", user: "%s", password: "%s" } }
                tables:
                  customers: { shard-key: id, algorithm: mod, shards: "${[g0.customers_0, g1.customers_1, g0.customers_2, g1.customers_3]}" }
                  payments: { shard-key: payment_id, algorithm: mod, shards: "${[g0.payments_0, g1.payments_1, g0.payments_2, g1.payments_3]}" }
                """.formatted(server.jdbcUrl("fed_0"), EmbeddedMariaDb.USER,
                EmbeddedMariaDb.PASSWORD, server.jdbcUrl("fed_1"), EmbeddedMariaDb.USER, EmbeddedMariaDb.PASSWORD);
    }
}
