package io.shardgate.benchmarks;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The JDBC comparison for a machine that other work shares: the three contenders in one JVM, over
 * one server, measured in short slices in rotating order, round after round. A change of the
 * machine's load then hits every contender of a round alike, so the per-round ratios stay
 * meaningful where JMH's back-to-back trials (minutes apart) do not. Reports per contender the
 * median throughput of the rounds and, per ratio, the median and range of the per-round ratios.
 *
 * <p>Arguments ({@code name=value}): {@code rounds} (10), {@code slice} seconds (2),
 * {@code warmup} seconds per contender and workload (15), {@code connectorJ}
 * ({@code defaults} or {@code no-streaming-timeout}, see {@link JdbcBenchmark#connectorJ}).
 * Caveat: one JVM runs all three, so they share JIT profiles of Connector/J and HikariCP.
 */
public final class InterleavedComparison {

    private enum Workload { POINT_SELECT, SCATTER_AGGREGATE }

    private static volatile long sink;

    private InterleavedComparison() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of(
                "rounds", "10", "slice", "2", "warmup", "15", "connectorJ", "defaults"));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !options.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; expected name=value with name one of "
                        + options.keySet());
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int rounds = Integer.parseInt(options.get("rounds"));
        double slice = Double.parseDouble(options.get("slice"));
        double warmup = Double.parseDouble(options.get("warmup"));
        String connectorJ = options.get("connectorJ");

        OrdersDataset dataset = new OrdersDataset(10_000, 10);
        Path workDir = Files.createTempDirectory("shardgate-bench-config-");
        Map<Contender, Contender.Opened> opened = new EnumMap<>(Contender.class);
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start()) {
            dataset.load(server);
            for (Contender contender : Contender.values()) {
                try {
                    Contender.Opened o = contender.open(server, workDir, JdbcBenchmark.urlOptions(connectorJ));
                    opened.put(contender, o);
                    Workloads.verify(o.dataSource(), dataset, contender.key());
                } catch (RuntimeException | SQLException e) {
                    System.out.println("[setup] " + contender.key() + " left out: " + e.getMessage());
                }
            }
            LoadAverage before = LoadAverage.now();
            System.out.printf("[setup] %,d orders; contenders %s; warming up %.0f s each%n", dataset.orderCount(),
                    opened.keySet().stream().map(Contender::key).toList(), warmup);
            for (Workload workload : Workload.values()) {
                for (var entry : opened.entrySet()) {
                    measure(workload, entry.getValue().dataSource(), dataset, warmup);
                }
            }
            List<Contender> order = new ArrayList<>(opened.keySet());
            Map<Workload, Map<Contender, List<Double>>> samples = new EnumMap<>(Workload.class);
            Map<Contender, List<Double>> pointCpu = new EnumMap<>(Contender.class);
            for (int round = 0; round < rounds; round++) {
                for (Workload workload : Workload.values()) {
                    for (int i = 0; i < order.size(); i++) {
                        Contender contender = order.get((round + i) % order.size());
                        Slice measured = measure(workload, opened.get(contender).dataSource(), dataset, slice);
                        samples.computeIfAbsent(workload, w -> new EnumMap<>(Contender.class))
                                .computeIfAbsent(contender, c -> new ArrayList<>()).add(measured.opsPerSecond());
                        if (workload == Workload.POINT_SELECT) {
                            pointCpu.computeIfAbsent(contender, c -> new ArrayList<>()).add(measured.cpuMicrosPerOp());
                        }
                    }
                }
                System.out.printf("[round %d/%d] %s%n", round + 1, rounds, LoadAverage.now());
            }
            report(samples, pointCpu, connectorJ, rounds, slice, before, LoadAverage.now());
        } finally {
            for (Contender.Opened o : opened.values()) {
                try {
                    o.closer().close();
                } catch (Exception e) {
                    System.err.println("closing a contender failed: " + e);
                }
            }
            try (var files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** One slice: operations per second, and CPU microseconds of the calling thread per operation. */
    private record Slice(double opsPerSecond, double cpuMicrosPerOp) {
    }

    /** Runs {@code workload} for {@code seconds} on this thread. */
    private static Slice measure(Workload workload, DataSource dataSource, OrdersDataset dataset, double seconds)
            throws SQLException {
        long digest = 0;
        long operations = 0;
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            digest += workload == Workload.POINT_SELECT
                    ? Workloads.pointSelect(dataSource, ThreadLocalRandom.current().nextLong(1, dataset.users() + 1L))
                    : Workloads.scatterAggregate(dataSource);
            operations++;
            now = System.nanoTime();
        } while (now < end);
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        sink += digest; // the values read must be used, or the JIT may skip reading them
        return new Slice(operations / ((now - start) / 1e9), cpu / 1e3 / operations);
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static void report(Map<Workload, Map<Contender, List<Double>>> samples, Map<Contender, List<Double>> pointCpu,
                               String connectorJ, int rounds, double slice, LoadAverage before, LoadAverage after) {
        System.out.println();
        System.out.printf("== Interleaved JDBC comparison: %d rounds of %.1f s slices, Connector/J %s ==%n",
                rounds, slice, connectorJ);
        System.out.println("ShardingSphere-JDBC " + Contender.shardingSphereVersion() + "; Java " + Runtime.version()
                + "; before: " + before + "; after: " + after);
        for (Workload workload : Workload.values()) {
            Map<Contender, List<Double>> byContender = samples.getOrDefault(workload, Map.of());
            System.out.println();
            System.out.println("-- " + workload.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " (ops/s: median of rounds [min..max])");
            for (var entry : byContender.entrySet()) {
                List<Double> values = entry.getValue();
                System.out.printf(Locale.ROOT, "%-16s %,10.0f  [%,.0f..%,.0f]%n", entry.getKey().key(), median(values),
                        min(values), max(values));
            }
            if (workload == Workload.POINT_SELECT) {
                // Thread CPU time hardly depends on what else the machine runs: the client's own cost.
                System.out.print("client CPU per point select, median µs (one thread; single-shard units run on it):");
                pointCpu.forEach((contender, cpu) -> System.out.printf(Locale.ROOT, " %s %.1f;", contender.key(), median(cpu)));
                System.out.println();
                ratio(byContender, Contender.SHARDGATE, Contender.CONNECTOR_J, 0.90, true,
                        "point select: Shardgate / raw Connector/J");
                ratio(byContender, Contender.SHARDGATE, Contender.SHARDINGSPHERE, 1.0, false,
                        "point select: Shardgate / ShardingSphere");
            } else {
                ratio(byContender, Contender.SHARDGATE, Contender.SHARDINGSPHERE, 1.0, false,
                        "scatter aggregate: Shardgate / ShardingSphere");
                ratio(byContender, Contender.SHARDGATE, Contender.CONNECTOR_J, Double.NaN, false,
                        "scatter aggregate: Shardgate / raw Connector/J (one unsharded table; no target)");
            }
        }
    }

    private static void ratio(Map<Contender, List<Double>> byContender, Contender top, Contender bottom,
                              double target, boolean atLeast, String label) {
        List<Double> a = byContender.get(top);
        List<Double> b = byContender.get(bottom);
        if (a == null || b == null) {
            System.out.printf("%-80s n/a (no result for %s)%n", label, a == null ? top.key() : bottom.key());
            return;
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            ratios.add(a.get(i) / b.get(i));
        }
        double median = median(ratios);
        String verdict = "";
        if (!Double.isNaN(target)) {
            boolean met = atLeast ? median >= target : median > target;
            verdict = String.format(Locale.ROOT, "  target %s %.2f: %s", atLeast ? "≥" : ">", target, met ? "MET" : "MISSED");
        }
        System.out.printf(Locale.ROOT, "%-80s %.3f [%.3f..%.3f]%s%n", label, median, min(ratios), max(ratios), verdict);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
