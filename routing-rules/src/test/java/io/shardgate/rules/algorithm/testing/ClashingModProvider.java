package io.shardgate.rules.algorithm.testing;

import io.shardgate.rules.algorithm.ModAlgorithm;
import io.shardgate.rules.algorithm.ShardingAlgorithm;
import io.shardgate.rules.algorithm.ShardingAlgorithmProvider;

import java.util.Map;

/** A service that claims a built-in type key, which the registry must refuse. */
public class ClashingModProvider implements ShardingAlgorithmProvider {

    @Override
    public String type() {
        return "mod";
    }

    @Override
    public ShardingAlgorithm create(Map<String, Object> params, int shardCount) {
        return new ModAlgorithm(shardCount);
    }
}
