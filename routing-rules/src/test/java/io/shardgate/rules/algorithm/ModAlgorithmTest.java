package io.shardgate.rules.algorithm;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.BitSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModAlgorithmTest extends ShardingAlgorithmContract {

    @Override
    ShardingAlgorithm algorithm(int shardCount) {
        return new ModAlgorithm.Provider().create(Map.of(), shardCount);
    }

    @Override
    boolean acceptsText() {
        return false;
    }

    @Override
    boolean acceptsDecimals() {
        return false;
    }

    @Test
    void shardIsTheFloorModulus() {
        ShardingAlgorithm mod = algorithm(4);
        assertThat(mod.shard(ShardKey.of(0))).isZero();
        assertThat(mod.shard(ShardKey.of(5))).isEqualTo(1);
        assertThat(mod.shard(ShardKey.of(-7))).isEqualTo(1);
        assertThat(mod.shard(ShardKey.of(-1))).isEqualTo(3);
        assertThat(mod.shard(ShardKey.of("12345678901234567890")))
                .isEqualTo(new BigInteger("12345678901234567890").mod(BigInteger.valueOf(4)).intValue());
        assertThat(mod.shard(ShardKey.of(Long.MIN_VALUE))).isEqualTo((int) Math.floorMod(Long.MIN_VALUE, 4L));
    }

    @Test
    void nonIntegerKeysAreRefusedWithAHint() {
        assertThatThrownBy(() -> algorithm(4).shard(ShardKey.of("alice")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shard key 'alice' is not an integer, and mod needs an integer shard key; "
                        + "use algorithm hash-mod for text or decimal keys");
        assertThatThrownBy(() -> algorithm(4).shard(ShardKey.of(4.5)))
                .hasMessageContaining("mod needs an integer shard key").hasMessageContaining("hash-mod");
    }

    @Test
    void aShortRangeHitsOnlyItsShards() {
        ShardingAlgorithm mod = algorithm(8);
        assertThat(mod.shardsInRange(ShardKey.of(10), true, ShardKey.of(12), true)).isEqualTo(bits(2, 3, 4));
        assertThat(mod.shardsInRange(ShardKey.of(10), false, ShardKey.of(12), false)).isEqualTo(bits(3));
        assertThat(mod.shardsInRange(ShardKey.of(6), true, ShardKey.of(9), true)).isEqualTo(bits(6, 7, 0, 1));
        assertThat(mod.shardsInRange(ShardKey.of(4.5), true, ShardKey.of(6.5), true)).isEqualTo(bits(5, 6));
        assertThat(mod.shardsInRange(ShardKey.of(-2), true, ShardKey.of(0), true)).isEqualTo(bits(6, 7, 0));
    }

    @Test
    void aRangeOfAtLeastShardCountValuesHitsEveryShard() {
        ShardingAlgorithm mod = algorithm(4);
        assertThat(mod.shardsInRange(ShardKey.of(0), true, ShardKey.of(3), true)).isEqualTo(bits(0, 1, 2, 3));
        assertThat(mod.shardsInRange(ShardKey.of(0), true, ShardKey.of("12345678901234567890"), true).cardinality())
                .isEqualTo(4);
        assertThat(mod.shardsInRange(null, false, ShardKey.of(3), true).cardinality()).isEqualTo(4);
    }

    @Test
    void anEmptyRangeHitsNoShard() {
        assertThat(algorithm(4).shardsInRange(ShardKey.of(5), true, ShardKey.of(3), true)).isEqualTo(bits());
        assertThat(algorithm(4).shardsInRange(ShardKey.of(5), false, ShardKey.of(5), true)).isEqualTo(bits());
        assertThat(algorithm(4).shardsInRange(ShardKey.of(4.2), true, ShardKey.of(4.8), true)).isEqualTo(bits());
    }

    @Test
    void takesNoParameters() {
        assertThatThrownBy(() -> new ModAlgorithm.Provider().create(Map.of("bounds", 1), 4))
                .isInstanceOf(AlgorithmParameterException.class)
                .hasMessage("unknown parameter 'bounds' for mod; mod takes no parameters; write algorithm: mod");
    }

    static BitSet bits(int... shards) {
        BitSet bits = new BitSet();
        for (int shard : shards) {
            bits.set(shard);
        }
        return bits;
    }
}
