package io.shardgate.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The same two statements through raw Connector/J (one unsharded table), Shardgate's JDBC driver
 * and ShardingSphere-JDBC (four shards: two databases × two tables), all against one MariaDB
 * server that the trial starts and fills with {@code users × ordersPerUser} orders.
 *
 * <p>Every operation is what an application does per request ({@link Workloads}): borrow a
 * connection, prepare, execute, read every row, close. Before measuring, the trial checks that the
 * contender sees every row and the right answers, so a misconfigured contender fails instead of
 * measuring nothing.
 *
 * <p>Run through {@code benchmarks/run-jdbc.sh}, which prints the ratios ({@link JdbcComparison}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@Threads(1)
public class JdbcBenchmark {

    @Param({"connectorj", "shardgate", "shardingsphere"})
    public String target;

    /**
     * Connector/J options on top of the usual ones, the same for every contender: {@code defaults},
     * or {@code no-streaming-timeout} ({@code netTimeoutForStreamingResults=0}: Connector/J then
     * does not send {@code SET net_write_timeout} before and after each streaming result set). Both
     * sharding drivers stream; Shardgate's engine sets this option on its own backend pools, so
     * with {@code defaults} only ShardingSphere pays those two extra round trips per statement, and
     * {@code no-streaming-timeout} compares the two engines on equal terms.
     */
    @Param("defaults")
    public String connectorJ;

    @Param("10000")
    public int users;

    @Param("10")
    public int ordersPerUser;

    private EmbeddedMariaDb server;
    private Path workDir;
    private Contender.Opened opened;
    private DataSource dataSource;

    @Setup(Level.Trial)
    public void setUp() throws SQLException, IOException {
        Contender contender = Contender.of(target);
        OrdersDataset dataset = new OrdersDataset(users, ordersPerUser);
        long started = System.nanoTime();
        try {
            server = EmbeddedMariaDb.start();
            dataset.load(server);
            workDir = Files.createTempDirectory("shardgate-bench-config-");
            opened = contender.open(server.port(), workDir, urlOptions(connectorJ));
            dataSource = opened.dataSource();
            Workloads.verify(dataSource, dataset, target);
        } catch (Exception | Error e) {
            // JMH skips @TearDown when @Setup fails: stop the server here, or it outlives the fork.
            try {
                tearDown();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        System.out.printf("%n[setup] %s (Connector/J %s): MariaDB on port %d, %,d orders loaded and verified in %.1f s%n",
                contender.key() + (contender == Contender.SHARDINGSPHERE ? " " + Contender.shardingSphereVersion() : ""),
                connectorJ, server.port(), dataset.orderCount(), (System.nanoTime() - started) / 1e9);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            if (opened != null) {
                opened.closer().close();
                opened = null;
            }
        } finally {
            if (server != null) {
                server.close();
                server = null;
            }
            if (workDir != null) {
                try (var files = Files.walk(workDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
                workDir = null;
            }
        }
    }

    /** (a) The rows of one random user, by shard key: one shard. */
    @Benchmark
    public long pointSelect() throws SQLException {
        return Workloads.pointSelect(dataSource, ThreadLocalRandom.current().nextLong(1, users + 1L));
    }

    /** (b) An aggregate over every row: all four shards, merged by status (raw: one table). */
    @Benchmark
    public long scatterAggregate() throws SQLException {
        return Workloads.scatterAggregate(dataSource);
    }

    static String urlOptions(String connectorJ) {
        return switch (connectorJ) {
            case "defaults" -> "";
            case "no-streaming-timeout" -> "netTimeoutForStreamingResults=0";
            default -> throw new IllegalArgumentException("unknown connectorJ variant '" + connectorJ
                    + "'; expected defaults or no-streaming-timeout");
        };
    }

}
