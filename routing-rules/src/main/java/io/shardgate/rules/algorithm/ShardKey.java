package io.shardgate.rules.algorithm;

/**
 * A canonical shard-key value. (Skeleton: routing-rules fills this in.)
 */
public final class ShardKey {

    public static ShardKey of(Object value) {
        throw new UnsupportedOperationException("not yet");
    }
}
