package io.shardgate.rules.algorithm.testing;

import io.shardgate.rules.algorithm.ShardKey;
import io.shardgate.rules.algorithm.ShardingAlgorithm;
import io.shardgate.rules.algorithm.ShardingAlgorithmProvider;

import java.util.Map;

/** A user algorithm named by class in the rule file (not a service): Java's hash of the canonical text. */
public class TextHashProvider implements ShardingAlgorithmProvider {

    @Override
    public String type() {
        return "test-text-hash";
    }

    @Override
    public ShardingAlgorithm create(Map<String, Object> params, int shardCount) {
        if (!params.isEmpty()) {
            throw new IllegalArgumentException("test-text-hash takes no parameters; expected none");
        }
        return new ShardingAlgorithm() {
            @Override
            public int shard(ShardKey key) {
                return key.isNull() ? 0 : Math.floorMod(key.text().hashCode(), shardCount);
            }

            @Override
            public int shardCount() {
                return shardCount;
            }
        };
    }
}
