package io.shardgate.rules.algorithm;

import io.shardgate.rules.config.TableRule;

/**
 * The registry of algorithm providers: the built-ins, those found by ServiceLoader, and class
 * names. (Skeleton: routing-rules fills this in.)
 */
public final class ShardingAlgorithms {

    public ShardingAlgorithm create(TableRule.AlgorithmSpec spec, int shardCount) {
        throw new UnsupportedOperationException("not yet");
    }
}
