package io.shardgate.rules.algorithm;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.shardgate.rules.algorithm.ModAlgorithmTest.bits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RangeAlgorithmTest extends ShardingAlgorithmContract {

    /** Bounds 0, 10, 20 … so that the contract's small keys spread over all shards. */
    @Override
    ShardingAlgorithm algorithm(int shardCount) {
        List<Object> bounds = new ArrayList<>();
        for (int i = 0; i < shardCount - 1; i++) {
            bounds.add((long) i * 10);
        }
        return new RangeAlgorithm.Provider().create(Map.of("bounds", bounds), shardCount);
    }

    @Override
    boolean acceptsText() {
        return false;
    }

    private final ShardingAlgorithm range =
            new RangeAlgorithm.Provider().create(Map.of("bounds", List.of(1000L, 5000L)), 3);

    @Test
    void boundsSplitTheNumberLine() {
        assertThat(range.shard(ShardKey.of(-1))).isZero();
        assertThat(range.shard(ShardKey.of(999))).isZero();
        assertThat(range.shard(ShardKey.of(999.5))).isZero();
        assertThat(range.shard(ShardKey.of(1000))).isEqualTo(1);
        assertThat(range.shard(ShardKey.of("4999"))).isEqualTo(1);
        assertThat(range.shard(ShardKey.of(5000))).isEqualTo(2);
        assertThat(range.shard(ShardKey.of("12345678901234567890"))).isEqualTo(2);
    }

    @Test
    void rangesPruneExactly() {
        assertThat(range.shardsInRange(ShardKey.of(0), true, ShardKey.of(999), true)).isEqualTo(bits(0));
        assertThat(range.shardsInRange(ShardKey.of(0), true, ShardKey.of(1000), false)).isEqualTo(bits(0));
        assertThat(range.shardsInRange(ShardKey.of(0), true, ShardKey.of(1000), true)).isEqualTo(bits(0, 1));
        assertThat(range.shardsInRange(ShardKey.of(1500), true, null, false)).isEqualTo(bits(1, 2));
        assertThat(range.shardsInRange(null, false, ShardKey.of(5000), false)).isEqualTo(bits(0, 1));
        assertThat(range.shardsInRange(ShardKey.of(6000), true, ShardKey.of(2000), true)).isEqualTo(bits());
    }

    @Test
    void textKeysAreRefusedWithAHint() {
        assertThatThrownBy(() -> range.shard(ShardKey.of("alice")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shard key 'alice' is not a number, and range needs a numeric shard key; "
                        + "use algorithm hash-mod for text keys");
    }

    @Test
    void theShardCountMustBeOneMoreThanTheBounds() {
        assertThatThrownBy(() -> new RangeAlgorithm.Provider().create(Map.of("bounds", List.of(1000L, 5000L)), 4))
                .isInstanceOf(AlgorithmParameterException.class)
                .hasMessage("range bounds [1000, 5000] make 3 shards but the table has 4 shard nodes; "
                        + "expected 3 bounds (shard count = bounds + 1)")
                .extracting(e -> ((AlgorithmParameterException) e).parameter()).isEqualTo("bounds");
    }

    @Test
    void boundsMustBeAscendingIntegers() {
        assertThatThrownBy(() -> new RangeAlgorithm.Provider().create(Map.of("bounds", List.of(5000L, 1000L)), 3))
                .hasMessage("range bounds [5000, 1000] are not ascending at 1000; expected each bound greater than "
                        + "the one before, e.g. [1000, 5000]");
        assertThatThrownBy(() -> new RangeAlgorithm.Provider().create(Map.of("bounds", List.of(1000L, "x")), 3))
                .hasMessage("range bounds contains 'x', which is not an integer; expected e.g. bounds: [1000, 5000] for 3 shards");
        assertThatThrownBy(() -> new RangeAlgorithm.Provider().create(Map.of(), 3))
                .hasMessage("range needs bounds; expected e.g. bounds: [1000, 5000] for 3 shards");
    }
}
