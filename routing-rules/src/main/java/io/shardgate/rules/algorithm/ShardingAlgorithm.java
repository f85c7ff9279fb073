package io.shardgate.rules.algorithm;

import java.util.BitSet;

/**
 * Maps a shard-key value to one of {@link #shardCount()} shards. Implementations are immutable and
 * thread-safe. Values arrive canonicalized ({@link ShardKey}), so {@code 42}, {@code '42'} and
 * {@code 42.0} are one key.
 */
public interface ShardingAlgorithm {

    /** The shard in [0, shardCount) that owns {@code key}. */
    int shard(ShardKey key);

    int shardCount();

    /**
     * The shards that may hold keys between {@code lower} and {@code upper} (null = unbounded).
     * The default, for algorithms that do not preserve order, is every shard.
     */
    default BitSet shardsInRange(ShardKey lower, boolean lowerInclusive, ShardKey upper, boolean upperInclusive) {
        BitSet all = new BitSet();
        all.set(0, shardCount());
        return all;
    }
}
