package io.shardgate.engine;

import io.shardgate.engine.keygen.WorkerId;
import io.shardgate.engine.testing.H2Groups;
import io.shardgate.engine.testing.Scripted;
import io.shardgate.rules.route.MergeSpec;
import io.shardgate.rules.route.RouteUnit;
import io.shardgate.sql.SelectStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.shardgate.engine.testing.Scripted.select;
import static io.shardgate.engine.testing.Scripted.table;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scatter SELECT of 5 million rows (about 1.2 GB as Java objects) through the engine, in a JVM
 * with a 256 MB heap (surefire execution "memory-bound"): it only completes if rows stream from
 * the backends through the merge without being collected. Run alone:
 * {@code mvn -o -pl jdbc-driver surefire:test@memory-bound}.
 */
@Tag("memory")
class ScatterMemoryTest {

    private static final int SHARDS = 4;
    private static final long ROWS_PER_SHARD = 1_250_000;
    private static final long TOTAL = SHARDS * ROWS_PER_SHARD;

    private final H2Groups h2 = new H2Groups(SHARDS);
    private final Scripted script = new Scripted();
    private Engine engine;

    @AfterEach
    void tearDown() {
        if (engine != null) {
            engine.close();
        }
        h2.close();
    }

    /** Shard s returns x = SHARDS * i + s for i in 0..n-1, ascending: together 0 .. TOTAL-1. */
    private RouteUnit[] units() {
        RouteUnit[] units = new RouteUnit[SHARDS];
        for (int s = 0; s < SHARDS; s++) {
            units[s] = Scripted.unit("g" + s, "SELECT r.x * " + SHARDS + " + " + s + " AS x, REPEAT('y', 100) AS pad "
                    + "FROM SYSTEM_RANGE(0, " + (ROWS_PER_SHARD - 1) + ") r(x)");
        }
        return units;
    }

    private EngineSession open(SelectStatement statement, MergeSpec merge) {
        script.on(statement, Scripted.plan(statement, merge, units()));
        engine = new Engine(List.of(h2.rules("big", Map.of())), new EngineOptions(SHARDS, 1000, 16),
                script.analyzer(), rules -> script.router(), new WorkerId(p -> "1", e -> null, "t/1"));
        return engine.openSession("big");
    }

    @Test
    void fiveMillionRowScatterStreamsThroughA256MegabyteHeap() {
        assertThat(Runtime.getRuntime().maxMemory()).as("run with -Xmx256m").isLessThan(300L * 1024 * 1024);
        SelectStatement statement = select("SELECT x, pad FROM big", table("big"));
        EngineSession session = open(statement, MergeSpec.NONE);
        long rows = 0;
        long sum = 0;
        try (QueryResult result = (QueryResult) session.execute(statement.sql(), List.of())) {
            while (result.rows().next()) {
                rows++;
                sum += ((Number) result.rows().value(0)).longValue();
                assertThat(((String) result.rows().value(1)).length()).isEqualTo(100);
            }
        }
        assertThat(rows).isEqualTo(TOTAL);
        assertThat(sum).isEqualTo(TOTAL * (TOTAL - 1) / 2);
    }

    @Test
    void fiveMillionRowOrderedScatterSortMergesInConstantMemory() {
        SelectStatement statement = select("SELECT x, pad FROM big ORDER BY x", table("big"));
        EngineSession session = open(statement, new MergeSpec(0, List.of(), List.of(),
                List.of(new MergeSpec.SortKey(0, false)), false, 0, -1, false));
        long expected = 0;
        try (QueryResult result = (QueryResult) session.execute(statement.sql(), List.of())) {
            while (result.rows().next()) {
                long x = ((Number) result.rows().value(0)).longValue();
                if (x != expected) {
                    throw new AssertionError("row " + expected + " came as " + x);
                }
                expected++;
            }
        }
        assertThat(expected).isEqualTo(TOTAL);
    }
}
