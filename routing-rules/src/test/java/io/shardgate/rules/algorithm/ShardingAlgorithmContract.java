package io.shardgate.rules.algorithm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every sharding algorithm promises (STYLE: one shared contract test): a shard in range,
 * the same answer every time and from every instance, one shard for every spelling of a value,
 * NULL on shard 0, text placed consistently or refused, range answers that never miss a shard.
 * Hashing algorithms also pass {@link HashingAlgorithmContract}. Each algorithm's test class
 * extends one of them and adds its own cases.
 */
abstract class ShardingAlgorithmContract {

    /** The algorithm under test over {@code shardCount} shards. */
    abstract ShardingAlgorithm algorithm(int shardCount);

    /** Whether text keys are accepted (mod and range take numbers only). */
    boolean acceptsText() {
        return true;
    }

    /** Whether non-integral numbers are accepted (mod takes integers only). */
    boolean acceptsDecimals() {
        return true;
    }

    List<Object> sampleKeys() {
        List<Object> keys = new ArrayList<>();
        for (long i = -300; i <= 300; i++) {
            keys.add(i);
        }
        keys.add(Long.MAX_VALUE);
        keys.add(Long.MIN_VALUE);
        keys.add(new BigInteger("12345678901234567890"));
        keys.add(new BigInteger("-98765432109876543210"));
        if (acceptsDecimals()) {
            keys.add(new BigDecimal("4.5"));
            keys.add(-0.25);
        }
        keys.add(true);
        keys.add(null);
        if (acceptsText()) {
            keys.add("alice");
            keys.add("Bob ");
            keys.add("");
            keys.add("ünïcode ✓");
        }
        return keys;
    }

    @ParameterizedTest(name = "{0} shards")
    @ValueSource(ints = {1, 2, 3, 4, 8, 10, 16})
    void everyKeyLandsOnAShardInRange(int shardCount) {
        ShardingAlgorithm algorithm = algorithm(shardCount);
        assertThat(algorithm.shardCount()).isEqualTo(shardCount);
        for (Object value : sampleKeys()) {
            assertThat(algorithm.shard(ShardKey.of(value))).as("shard of %s", value).isBetween(0, shardCount - 1);
        }
    }

    @ParameterizedTest(name = "{0} shards")
    @ValueSource(ints = {2, 4, 10})
    void theSameKeyAlwaysLandsOnTheSameShardInEveryInstance(int shardCount) {
        ShardingAlgorithm first = algorithm(shardCount);
        ShardingAlgorithm second = algorithm(shardCount);
        for (Object value : sampleKeys()) {
            int shard = first.shard(ShardKey.of(value));
            assertThat(first.shard(ShardKey.of(value))).as("again %s", value).isEqualTo(shard);
            assertThat(second.shard(ShardKey.of(value))).as("other instance, %s", value).isEqualTo(shard);
        }
    }

    @Test
    void everySpellingOfANumberLandsOnTheSameShard() {
        ShardingAlgorithm algorithm = algorithm(8);
        for (long i = -100; i <= 1000; i += 7) {
            int shard = algorithm.shard(ShardKey.of(i));
            for (Object spelling : List.of(String.valueOf(i), (double) i, BigInteger.valueOf(i), new BigDecimal(i + ".00"),
                    (int) i, " " + i + " ")) {
                assertThat(algorithm.shard(ShardKey.of(spelling))).as("%s vs %s", spelling, i).isEqualTo(shard);
            }
        }
        assertThat(algorithm.shard(ShardKey.of("42"))).isEqualTo(algorithm.shard(ShardKey.of(42.0)))
                .isEqualTo(algorithm.shard(ShardKey.of(BigInteger.valueOf(42)))).isEqualTo(algorithm.shard(ShardKey.of(42)));
    }

    @Test
    void textDiffersOnlyInCaseOrTrailingSpacesLandsOnTheSameShardOrIsRefused() {
        ShardingAlgorithm algorithm = algorithm(8);
        if (!acceptsText()) {
            assertThatThrownBy(() -> algorithm.shard(ShardKey.of("Alice")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hash-mod");
            return;
        }
        assertThat(algorithm.shard(ShardKey.of("Alice"))).isEqualTo(algorithm.shard(ShardKey.of("alice ")));
        for (String name : List.of("bob", "carol", "dave", "erin", "frank", "grace")) {
            assertThat(algorithm.shard(ShardKey.of(name.toUpperCase() + "   "))).as(name)
                    .isEqualTo(algorithm.shard(ShardKey.of(name)));
        }
    }

    @Test
    void nullLandsOnShardZero() {
        assertThat(algorithm(4).shard(ShardKey.ofNull())).isZero();
    }

    @ParameterizedTest(name = "[{0}, {2}] inclusive {1}/{3}")
    @CsvSource({"-20, true, 20, true", "-20, false, 20, false", "5, true, 5, true", "5, false, 6, true",
            "0, true, 2, false", "-3, true, 3, false", "10, false, 10, true", "7, true, 3, true", "4.5, true, 9.5, false",
            "-25, true, 95, true"})
    void shardsInRangeIncludeTheShardOfEveryKeyInTheRange(BigDecimal lower, boolean lowerInclusive, BigDecimal upper,
                                                          boolean upperInclusive) {
        for (int shardCount : new int[]{1, 3, 4, 8}) {
            ShardingAlgorithm algorithm = algorithm(shardCount);
            BitSet shards = algorithm.shardsInRange(ShardKey.of(lower), lowerInclusive, ShardKey.of(upper), upperInclusive);
            // Probe integers and halves in and around the range.
            BigDecimal start = lower.subtract(BigDecimal.TEN).setScale(0, java.math.RoundingMode.FLOOR);
            for (BigDecimal v = start; v.compareTo(upper.add(BigDecimal.TEN)) <= 0;
                 v = v.add(acceptsDecimals() ? new BigDecimal("0.5") : BigDecimal.ONE)) {
                int low = v.compareTo(lower);
                int high = v.compareTo(upper);
                boolean inRange = (lowerInclusive ? low >= 0 : low > 0) && (upperInclusive ? high <= 0 : high < 0);
                if (inRange) {
                    assertThat(shards.get(algorithm.shard(ShardKey.of(v))))
                            .as("%s over %d shards: %s in range but its shard is not in %s", algorithm, shardCount, v, shards)
                            .isTrue();
                }
            }
            assertThat(shards.length()).isLessThanOrEqualTo(shardCount);
        }
    }

    @Test
    void openRangesAreSound() {
        ShardingAlgorithm algorithm = algorithm(4);
        BitSet below = algorithm.shardsInRange(null, false, ShardKey.of(100), false);
        BitSet above = algorithm.shardsInRange(ShardKey.of(100), true, null, false);
        for (long i = -500; i < 600; i++) {
            int shard = algorithm.shard(ShardKey.of(i));
            assertThat(i < 100 ? below.get(shard) : above.get(shard)).as("%d on %d", i, shard).isTrue();
        }
    }
}
