package io.shardgate.rules.algorithm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of hashing algorithms on top of {@link ShardingAlgorithmContract}: whatever the
 * key pattern (sequential ids, random ids), 100,000 keys spread evenly, each shard within
 * {@link #spreadTolerance()} of an even share.
 */
abstract class HashingAlgorithmContract extends ShardingAlgorithmContract {

    /** How far from an even share each shard may be, as a fraction of the even share. */
    double spreadTolerance() {
        return 0.05;
    }

    @ParameterizedTest(name = "{0} shards, sequential keys")
    @ValueSource(ints = {4, 8, 10})
    void sequentialKeysSpreadEvenly(int shardCount) {
        long[] keys = new long[100_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i + 1;
        }
        assertEvenSpread(algorithm(shardCount), keys);
    }

    @ParameterizedTest(name = "{0} shards, random keys")
    @ValueSource(ints = {4, 8, 10})
    void randomKeysSpreadEvenly(int shardCount) {
        Random random = new Random(20240501L + shardCount);
        long[] keys = new long[100_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextLong();
        }
        assertEvenSpread(algorithm(shardCount), keys);
    }

    void assertEvenSpread(ShardingAlgorithm algorithm, long[] keys) {
        int[] counts = new int[algorithm.shardCount()];
        for (long key : keys) {
            counts[algorithm.shard(ShardKey.of(key))]++;
        }
        double even = (double) keys.length / counts.length;
        for (int shard = 0; shard < counts.length; shard++) {
            assertThat(Math.abs(counts[shard] - even) / even)
                    .as("%s: shard %d has %d of %d keys (even: %.0f)", algorithm, shard, counts[shard], keys.length, even)
                    .isLessThanOrEqualTo(spreadTolerance());
        }
    }
}
