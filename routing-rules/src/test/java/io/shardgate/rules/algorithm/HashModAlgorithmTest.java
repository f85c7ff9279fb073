package io.shardgate.rules.algorithm;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HashModAlgorithmTest extends HashingAlgorithmContract {

    @Override
    ShardingAlgorithm algorithm(int shardCount) {
        return new HashModAlgorithm.Provider().create(Map.of(), shardCount);
    }

    @Test
    void shardIsTheUnsignedMurmurHashOfTheCanonicalBytesModN() {
        ShardingAlgorithm hashMod = algorithm(7);
        for (Object value : sampleKeys()) {
            ShardKey key = ShardKey.of(value);
            if (key.isNull()) {
                continue;
            }
            long hash = Integer.toUnsignedLong(Murmur3.hash32(key.canonicalBytes(), 0));
            assertThat(hashMod.shard(key)).as("%s", value).isEqualTo((int) (hash % 7));
        }
    }

    @Test
    void textHashesItsFoldedUtf8() {
        long hash = Integer.toUnsignedLong(Murmur3.hash32("alice".getBytes(StandardCharsets.UTF_8), 0));
        assertThat(algorithm(10).shard(ShardKey.of("Alice "))).isEqualTo((int) (hash % 10));
    }

    @Test
    void rangesCannotBePruned() {
        assertThat(algorithm(4).shardsInRange(ShardKey.of(1), true, ShardKey.of(2), true).cardinality()).isEqualTo(4);
    }
}
