package io.shardgate.benchmarks;

import io.shardgate.rules.algorithm.ShardingAlgorithms;
import io.shardgate.rules.config.RuleLoader;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.route.RouteContext;
import io.shardgate.rules.route.RoutePlan;
import io.shardgate.rules.route.Router;
import io.shardgate.sql.SqlAnalyzer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Parse + route of three statement shapes, cold (a fresh analysis every time: the cache is
 * bypassed) and cached (the text was seen before). No backend is involved.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar RouteBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RouteBenchmark {

    @Param({"point-select", "multi-row-insert", "scatter-aggregate"})
    public String shape;

    private static final List<Object> POINT_PARAMS = List.of(42L);
    private static final List<Object> INSERT_PARAMS = List.of(1L, 10, 2L, 20, 3L, 30, 4L, 40);

    private Router router;
    private SqlAnalyzer cachedAnalyzer;
    private SqlAnalyzer uncachedAnalyzer;
    private String sql;
    private List<Object> parameters;

    @Setup
    public void setUp() throws IOException {
        RuleSet rules;
        try (InputStream in = RouteBenchmark.class.getClassLoader().getResourceAsStream("bench-rules.yaml")) {
            rules = new RuleLoader(System::getenv).load("bench-rules.yaml",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        router = new Router(rules, new ShardingAlgorithms());
        cachedAnalyzer = new SqlAnalyzer(1024);
        uncachedAnalyzer = new SqlAnalyzer(0);
        switch (shape) {
            case "point-select" -> {
                sql = "SELECT order_id, amount, status FROM orders WHERE user_id = ?";
                parameters = POINT_PARAMS;
            }
            case "multi-row-insert" -> {
                sql = "INSERT INTO orders (user_id, amount) VALUES (?, ?), (?, ?), (?, ?), (?, ?)";
                parameters = INSERT_PARAMS;
            }
            default -> {
                sql = "SELECT status, COUNT(*), SUM(amount), AVG(amount) FROM orders GROUP BY status ORDER BY status";
                parameters = List.of();
            }
        }
    }

    @Benchmark
    public RoutePlan cached() {
        return router.route(cachedAnalyzer.analyze(sql), parameters, RouteContext.AUTOCOMMIT);
    }

    @Benchmark
    public RoutePlan uncached() {
        return router.route(uncachedAnalyzer.analyze(sql), parameters, RouteContext.AUTOCOMMIT);
    }
}
