package io.shardgate.rules.algorithm;

import java.util.Map;
import java.util.Set;

/**
 * {@code hash-mod}: shard = unsigned MurmurHash3-x86-32 (seed 0) of the key's canonical bytes,
 * mod n. Any key kind; even spread whatever the key pattern; no range pruning.
 */
public final class HashModAlgorithm implements ShardingAlgorithm {

    public static final String TYPE = "hash-mod";

    private final int shardCount;

    public HashModAlgorithm(int shardCount) {
        this.shardCount = ShardCount.require(TYPE, shardCount);
    }

    @Override
    public int shard(ShardKey key) {
        if (key.isNull()) {
            return 0;
        }
        return (int) (Integer.toUnsignedLong(Murmur3.hash32(key.canonicalBytes(), 0)) % shardCount);
    }

    @Override
    public int shardCount() {
        return shardCount;
    }

    @Override
    public String toString() {
        return TYPE + "(" + shardCount + ")";
    }

    /** The {@code hash-mod} provider; no parameters. */
    public static final class Provider implements ShardingAlgorithmProvider {
        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public ShardingAlgorithm create(Map<String, Object> params, int shardCount) {
            new AlgorithmParameters(TYPE, params).allowOnly(Set.of());
            return new HashModAlgorithm(shardCount);
        }
    }
}
