package io.shardgate.rules.algorithm;

import java.math.BigInteger;
import java.util.BitSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code mod}: shard = key mod n (floor modulus, so -7 mod 4 = 1). Integer keys only. Sequential
 * ids spread perfectly, and a short id range maps to few shards, so small BETWEEN ranges prune.
 */
public final class ModAlgorithm implements ShardingAlgorithm {

    public static final String TYPE = "mod";

    private final int shardCount;

    public ModAlgorithm(int shardCount) {
        this.shardCount = ShardCount.require(TYPE, shardCount);
    }

    @Override
    public int shard(ShardKey key) {
        if (key.isNull()) {
            return 0;
        }
        if (!key.isIntegral()) {
            throw new IllegalArgumentException("shard key " + key + " is not an integer, and mod needs an integer "
                    + "shard key; use algorithm hash-mod for text or decimal keys");
        }
        return key.fitsInLong()
                ? (int) Math.floorMod(key.longValue(), (long) shardCount)
                : key.integerValue().mod(BigInteger.valueOf(shardCount)).intValue();
    }

    @Override
    public int shardCount() {
        return shardCount;
    }

    /**
     * Exact when both ends are numbers and the range holds fewer integers than there are shards
     * (then they hit distinct shards); every shard otherwise. Empty when no integer is in range.
     */
    @Override
    public BitSet shardsInRange(ShardKey lower, boolean lowerInclusive, ShardKey upper, boolean upperInclusive) {
        if (lower == null || upper == null || !lower.isNumeric() || !upper.isNumeric()) {
            return ShardingAlgorithm.super.shardsInRange(lower, lowerInclusive, upper, upperInclusive);
        }
        BigInteger first = IntegerRange.firstAtOrAbove(lower, lowerInclusive);
        BigInteger last = IntegerRange.lastAtOrBelow(upper, upperInclusive);
        BitSet shards = new BitSet(shardCount);
        if (first.compareTo(last) > 0) {
            return shards;
        }
        if (last.subtract(first).compareTo(BigInteger.valueOf(shardCount - 1L)) >= 0) {
            shards.set(0, shardCount);
            return shards;
        }
        for (BigInteger i = first; i.compareTo(last) <= 0; i = i.add(BigInteger.ONE)) {
            shards.set(shard(ShardKey.of(i)));
        }
        return shards;
    }

    @Override
    public String toString() {
        return TYPE + "(" + shardCount + ")";
    }

    /** The {@code mod} provider; no parameters. */
    public static final class Provider implements ShardingAlgorithmProvider {
        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public ShardingAlgorithm create(Map<String, Object> params, int shardCount) {
            new AlgorithmParameters(TYPE, params).allowOnly(Set.of());
            return new ModAlgorithm(shardCount);
        }
    }
}
