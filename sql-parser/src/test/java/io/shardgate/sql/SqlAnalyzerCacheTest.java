package io.shardgate.sql;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlAnalyzerCacheTest {

    @Test
    void sameTextGivesTheSameCachedAnalysis() {
        SqlAnalyzer analyzer = new SqlAnalyzer(10);
        SqlStatement first = analyzer.analyze("SELECT * FROM orders WHERE user_id = ?");
        assertThat(analyzer.analyze("SELECT * FROM orders WHERE user_id = ?")).isSameAs(first);
        assertThat(analyzer.analyze("select * from orders where user_id = ?")).isNotSameAs(first);
        assertThat(analyzer.cachedStatements()).isEqualTo(2);
    }

    @Test
    void cacheStaysWithinItsBoundAndKeepsRecentEntries() {
        SqlAnalyzer analyzer = new SqlAnalyzer(50);
        for (int i = 0; i < 500; i++) {
            analyzer.analyze("SELECT * FROM t WHERE id = " + i);
            assertThat(analyzer.cachedStatements()).isLessThanOrEqualTo(50);
        }
        SqlStatement recent = analyzer.analyze("SELECT * FROM t WHERE id = 499");
        assertThat(analyzer.analyze("SELECT * FROM t WHERE id = 499")).isSameAs(recent);
    }

    @Test
    void sizeZeroDisablesTheCache() {
        SqlAnalyzer analyzer = new SqlAnalyzer(0);
        SqlStatement a = analyzer.analyze("SELECT 1");
        assertThat(analyzer.analyze("SELECT 1")).isNotSameAs(a).isEqualTo(a);
        assertThat(analyzer.cachedStatements()).isZero();
        assertThatThrownBy(() -> new SqlAnalyzer(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hugeStatementsAreNotCached() {
        SqlAnalyzer analyzer = new SqlAnalyzer(10);
        StringBuilder sql = new StringBuilder("INSERT INTO t (a) VALUES (0)");
        for (int i = 1; sql.length() <= SqlAnalyzer.MAX_CACHED_LENGTH; i++) {
            sql.append(", (").append(i).append(')');
        }
        InsertStatement s = (InsertStatement) analyzer.analyze(sql.toString());
        assertThat(s.rows().size()).isGreaterThan(1000);
        assertThat(analyzer.cachedStatements()).isZero();
    }

    @Test
    void concurrentAnalysisIsConsistentAndBounded() throws Exception {
        SqlAnalyzer analyzer = new SqlAnalyzer(64);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int seed = thread;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 400; i++) {
                        int id = (i * 7 + seed) % 100;
                        SqlStatement s = analyzer.analyze("SELECT * FROM orders WHERE user_id = " + id);
                        Predicate.Compare where = (Predicate.Compare) ((SelectStatement) s).where();
                        assertThat(where.value()).isEqualTo(new SqlValue.Literal((long) id));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(analyzer.cachedStatements()).isLessThanOrEqualTo(64);
    }
}
