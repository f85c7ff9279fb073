package io.shardgate.rules.algorithm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract runs with the default ring (4096 vnodes): a ring's per-shard share varies by about
 * 1/sqrt(vnodes), so only at a few thousand vnodes does every shard stay within 5% of even. A
 * small ring (256) is checked separately against the looser bound it gives.
 */
class ConsistentHashAlgorithmTest extends HashingAlgorithmContract {

    @Override
    ShardingAlgorithm algorithm(int shardCount) {
        return new ConsistentHashAlgorithm.Provider().create(Map.of(), shardCount);
    }

    @Test
    void aSmallRingOf256VnodesKeepsShardsWithin12PercentOfEven() {
        ConsistentHashAlgorithm algorithm = (ConsistentHashAlgorithm) new ConsistentHashAlgorithm.Provider()
                .create(Map.of("vnodes", 256L), 10);
        assertThat(algorithm.vnodes()).isEqualTo(256);
        assertThat(((ConsistentHashAlgorithm) new ConsistentHashAlgorithm.Provider().create(Map.of(), 10)).vnodes())
                .isEqualTo(ConsistentHashAlgorithm.DEFAULT_VNODES).isEqualTo(4096);
        long[] keys = new long[100_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i;
        }
        int[] counts = new int[10];
        for (long key : keys) {
            counts[algorithm.shard(ShardKey.of(key))]++;
        }
        for (int count : counts) {
            assertThat(Math.abs(count - 10_000) / 10_000.0).isLessThanOrEqualTo(0.12);
        }
    }

    @ParameterizedTest(name = "{0} → {0}+1 shards, vnodes {1}")
    @CsvSource({"4, 256", "8, 256", "4, 4096", "8, 4096"})
    void addingAShardMovesOnlyItsShareOfKeysAndOnlyToIt(int shardCount, int vnodes) {
        ShardingAlgorithm before = new ConsistentHashAlgorithm(shardCount, vnodes);
        ShardingAlgorithm after = new ConsistentHashAlgorithm(shardCount + 1, vnodes);
        int moved = 0;
        for (long i = 0; i < 100_000; i++) {
            int from = before.shard(ShardKey.of(i));
            int to = after.shard(ShardKey.of(i));
            if (from != to) {
                moved++;
                assertThat(to).as("key %d moved between old shards", i).isEqualTo(shardCount);
            }
        }
        double expected = 100_000.0 / (shardCount + 1);
        assertThat(Math.abs(moved - expected) / expected).as("%d moved, expected about %.0f", moved, expected)
                .isLessThanOrEqualTo(0.20);
    }

    @Test
    void vnodesMustBePositive() {
        assertThatThrownBy(() -> new ConsistentHashAlgorithm.Provider().create(Map.of("vnodes", 0L), 4))
                .isInstanceOf(AlgorithmParameterException.class)
                .hasMessage("consistent-hash vnodes 0 is out of range; expected an integer from 1 to 65536");
        assertThatThrownBy(() -> new ConsistentHashAlgorithm.Provider().create(Map.of("vnode", 10L), 4))
                .hasMessage("unknown parameter 'vnode' for consistent-hash; parameters of consistent-hash: vnodes");
    }
}
