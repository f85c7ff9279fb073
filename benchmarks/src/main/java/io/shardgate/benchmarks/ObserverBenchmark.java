package io.shardgate.benchmarks;

import io.shardgate.engine.Engine;
import io.shardgate.engine.observe.StatementEvent;
import io.shardgate.proxy.admin.ProxyMetrics;
import io.shardgate.proxy.hotspot.Hotspots;
import io.shardgate.rules.algorithm.ShardingAlgorithms;
import io.shardgate.rules.config.RuleLoader;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.route.RouteContext;
import io.shardgate.rules.route.Router;
import io.shardgate.sql.SqlAnalyzer;
import io.shardgate.sql.SqlStatement;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What the proxy's observers add to every statement: the Micrometer metrics (counter, latency
 * histogram) and the hotspot tracking (shard counters, Space-Saving sketch) for one routed point
 * select, with no backend. Run: {@code java -cp benchmarks/target/benchmarks.jar
 * org.openjdk.jmh.Main ObserverBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ObserverBenchmark {

    private ProxyMetrics metrics;
    private Hotspots hotspots;
    private StatementEvent[] events;
    private int next;

    @Setup
    public void setUp() throws IOException {
        RuleSet rules;
        try (InputStream in = ObserverBenchmark.class.getClassLoader().getResourceAsStream("bench-rules.yaml")) {
            rules = new RuleLoader(System::getenv).load("bench-rules.yaml",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Router router = new Router(rules, new ShardingAlgorithms());
        SqlStatement statement = new SqlAnalyzer(16).analyze("SELECT * FROM orders WHERE user_id = ?");
        events = new StatementEvent[1024];
        for (int i = 0; i < events.length; i++) {
            List<Object> parameters = List.of((long) (i % 200)); // 200 distinct keys: the sketch keeps 64
            events[i] = new StatementEvent(rules, statement, parameters,
                    router.route(statement, parameters, new RouteContext(false, Set.of(), null)), 150_000, null);
        }
        hotspots = new Hotspots();
        Engine engine = new Engine(List.of(rules)); // only for the pool gauges; no pool starts
        metrics = new ProxyMetrics(() -> engine, hotspots);
    }

    private StatementEvent event() {
        next = (next + 1) & (events.length - 1);
        return events[next];
    }

    @Benchmark
    public void metrics() {
        metrics.statementExecuted(event());
    }

    @Benchmark
    public void hotspots() {
        hotspots.statementExecuted(event());
    }
}
