package io.shardgate.benchmarks;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
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
 * ({@code defaults} or {@code no-streaming-timeout}, see {@link JdbcBenchmark#connectorJ}),
 * {@code jvm}: {@code separate} (default: each contender in a child JVM of its own, driven slice by
 * slice, so none runs on JIT profiles of Connector/J and HikariCP that another's calls shaped, as in
 * an application) or {@code shared} (all three in this JVM).
 */
public final class InterleavedComparison {

    enum Workload { POINT_SELECT, SCATTER_AGGREGATE }

    private static volatile long sink;

    private InterleavedComparison() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchmarkOptions.parse(args, Map.of(
                "rounds", "10", "slice", "2", "warmup", "15", "connectorJ", "defaults", "jvm", "separate"));
        int rounds = Integer.parseInt(options.get("rounds"));
        double slice = Double.parseDouble(options.get("slice"));
        double warmup = Double.parseDouble(options.get("warmup"));
        String connectorJ = options.get("connectorJ");
        boolean separate = switch (options.get("jvm")) {
            case "separate" -> true;
            case "shared" -> false;
            default -> throw new IllegalArgumentException("jvm must be separate or shared, not " + options.get("jvm"));
        };

        OrdersDataset dataset = new OrdersDataset(USERS, ORDERS_PER_USER);
        Path workDir = Files.createTempDirectory("shardgate-bench-config-");
        Map<Contender, Runner> opened = new EnumMap<>(Contender.class);
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start()) {
            dataset.load(server);
            for (Contender contender : Contender.values()) {
                try {
                    opened.put(contender, separate ? ChildRunner.start(contender, server.port(), connectorJ)
                            : LocalRunner.open(contender, server.port(), workDir, connectorJ, dataset));
                } catch (RuntimeException | SQLException | IOException e) {
                    System.out.println("[setup] " + contender.key() + " left out: " + e.getMessage());
                }
            }
            LoadAverage before = LoadAverage.now();
            System.out.printf("[setup] %,d orders; contenders %s, each in %s; warming up %.0f s each%n",
                    dataset.orderCount(), opened.keySet().stream().map(Contender::key).toList(),
                    separate ? "a JVM of its own" : "this JVM", warmup);
            for (Workload workload : Workload.values()) {
                for (Runner runner : opened.values()) {
                    runner.measure(workload, warmup);
                }
            }
            List<Contender> order = new ArrayList<>(opened.keySet());
            Map<Workload, Map<Contender, List<Double>>> samples = new EnumMap<>(Workload.class);
            Map<Contender, List<Double>> pointCpu = new EnumMap<>(Contender.class);
            for (int round = 0; round < rounds; round++) {
                for (Workload workload : Workload.values()) {
                    for (int i = 0; i < order.size(); i++) {
                        Contender contender = order.get((round + i) % order.size());
                        Slice measured = opened.get(contender).measure(workload, slice);
                        samples.computeIfAbsent(workload, w -> new EnumMap<>(Contender.class))
                                .computeIfAbsent(contender, c -> new ArrayList<>()).add(measured.opsPerSecond());
                        if (workload == Workload.POINT_SELECT) {
                            pointCpu.computeIfAbsent(contender, c -> new ArrayList<>()).add(measured.cpuMicrosPerOp());
                        }
                    }
                }
                System.out.printf("[round %d/%d] %s%n", round + 1, rounds, LoadAverage.now());
            }
            report(samples, pointCpu, connectorJ, separate, rounds, slice, before, LoadAverage.now());
        } finally {
            for (Runner runner : opened.values()) {
                try {
                    runner.close();
                } catch (Exception e) {
                    System.err.println("closing a contender failed: " + e);
                }
            }
            try (var files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static final int USERS = 10_000;
    private static final int ORDERS_PER_USER = 10;

    /** Runs slices of one contender's workloads, here or in its own JVM. */
    private interface Runner extends AutoCloseable {
        Slice measure(Workload workload, double seconds) throws Exception;
    }

    /** A contender in this JVM (they then share JIT profiles of Connector/J and HikariCP). */
    private record LocalRunner(Contender.Opened opened, OrdersDataset dataset) implements Runner {
        static LocalRunner open(Contender contender, int port, Path workDir, String connectorJ, OrdersDataset dataset)
                throws SQLException {
            Contender.Opened o = contender.open(port, workDir, JdbcBenchmark.urlOptions(connectorJ));
            Workloads.verify(o.dataSource(), dataset, contender.key());
            return new LocalRunner(o, dataset);
        }

        @Override
        public Slice measure(Workload workload, double seconds) throws SQLException {
            return InterleavedComparison.measure(workload, opened.dataSource(), dataset, seconds);
        }

        @Override
        public void close() throws Exception {
            opened.closer().close();
        }
    }

    /**
     * A contender in a child JVM of its own (as in an application, no other driver's profile in its
     * JIT), driven over its stdin/stdout: "measure WORKLOAD SECONDS" answers "slice OPS CPU".
     */
    private static final class ChildRunner implements Runner {
        private final Process process;
        private final java.io.BufferedReader out;
        private final java.io.PrintStream in;

        private ChildRunner(Process process) {
            this.process = process;
            this.out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            this.in = new java.io.PrintStream(process.getOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8);
        }

        static ChildRunner start(Contender contender, int port, String connectorJ) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    InterleavedComparison.class.getName() + "$Child", contender.key(), Integer.toString(port), connectorJ)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            ChildRunner runner = new ChildRunner(process);
            String ready = runner.out.readLine();
            if (!"ready".equals(ready)) {
                process.destroyForcibly();
                throw new IOException("its JVM did not start (said: " + ready + ")");
            }
            return runner;
        }

        @Override
        public Slice measure(Workload workload, double seconds) throws IOException {
            in.println("measure " + workload.name() + " " + seconds);
            String line = out.readLine();
            if (line == null || !line.startsWith("slice ")) {
                throw new IOException("the contender's JVM failed (said: " + line + ")");
            }
            String[] parts = line.split(" ");
            return new Slice(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
        }

        @Override
        public void close() throws Exception {
            in.println("quit");
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The child side of {@link ChildRunner}: arguments contender key, server port, connectorJ variant. */
    public static final class Child {
        private Child() {
        }

        public static void main(String[] args) throws Exception {
            Contender contender = Contender.of(args[0]);
            OrdersDataset dataset = new OrdersDataset(USERS, ORDERS_PER_USER);
            Path workDir = Files.createTempDirectory("shardgate-bench-child-");
            java.io.PrintStream answers = System.out;
            System.setOut(System.err); // libraries' chatter must not mix with the answers
            try (LocalRunner runner = LocalRunner.open(contender, Integer.parseInt(args[1]), workDir, args[2], dataset)) {
                answers.println("ready");
                answers.flush();
                java.io.BufferedReader commands = new java.io.BufferedReader(
                        new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
                for (String line = commands.readLine(); line != null && !line.equals("quit"); line = commands.readLine()) {
                    String[] parts = line.split(" ");
                    Slice slice = runner.measure(Workload.valueOf(parts[1]), Double.parseDouble(parts[2]));
                    answers.println("slice " + slice.opsPerSecond() + " " + slice.cpuMicrosPerOp());
                    answers.flush();
                }
            } finally {
                try (var files = Files.walk(workDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
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
                               String connectorJ, boolean separate, int rounds, double slice, LoadAverage before,
                               LoadAverage after) {
        System.out.println();
        System.out.printf("== Interleaved JDBC comparison: %d rounds of %.1f s slices, Connector/J %s, %s ==%n",
                rounds, slice, connectorJ, separate ? "one JVM per contender" : "one JVM for all");
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
