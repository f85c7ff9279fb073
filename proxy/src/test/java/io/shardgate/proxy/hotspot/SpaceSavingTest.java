package io.shardgate.proxy.hotspot;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SpaceSavingTest {

    @Test
    void findsEveryItemAboveTotalOverCapacityWithBoundedCountsInFixedMemory() {
        SpaceSaving<String> sketch = new SpaceSaving<>(16);
        Map<String, Long> truth = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            // three hot keys (20%, 12%, 8%: all above 1/16) in a long tail of 50,000 distinct keys
            int draw = random.nextInt(100);
            String key = draw < 20 ? "hot-a" : draw < 32 ? "hot-b" : draw < 40 ? "hot-c" : "cold-" + random.nextInt(50_000);
            sketch.add(key);
            truth.merge(key, 1L, Long::sum);
        }
        List<SpaceSaving.Estimate<String>> top = sketch.top(3);
        assertThat(top).extracting(SpaceSaving.Estimate::item).containsExactly("hot-a", "hot-b", "hot-c");
        for (SpaceSaving.Estimate<String> estimate : top) {
            long actual = truth.get(estimate.item());
            assertThat(estimate.count()).isGreaterThanOrEqualTo(actual);
            assertThat(estimate.count() - estimate.error()).isLessThanOrEqualTo(actual);
            assertThat(estimate.error()).isLessThanOrEqualTo(100_000 / 16);
        }
        assertThat(sketch.total()).isEqualTo(100_000);
        assertThat(sketch.top(100)).hasSize(16); // never more counters than its capacity
    }

    @Test
    void countsExactlyWhileThereAreFewerItemsThanCounters() {
        SpaceSaving<Integer> sketch = new SpaceSaving<>(4);
        for (int i = 0; i < 10; i++) {
            sketch.add(i % 3);
        }
        assertThat(sketch.top(3)).containsExactly(new SpaceSaving.Estimate<>(0, 4, 0),
                new SpaceSaving.Estimate<>(1, 3, 0), new SpaceSaving.Estimate<>(2, 3, 0));
    }
}
