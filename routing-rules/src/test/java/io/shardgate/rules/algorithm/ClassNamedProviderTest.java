package io.shardgate.rules.algorithm;

import io.shardgate.rules.algorithm.testing.TextHashProvider;
import io.shardgate.rules.config.TableRule.AlgorithmSpec;

import java.util.Map;

/** A user provider named by its class in the rule file passes the same contract as the built-ins. */
class ClassNamedProviderTest extends ShardingAlgorithmContract {

    private final ShardingAlgorithms algorithms = new ShardingAlgorithms();

    @Override
    ShardingAlgorithm algorithm(int shardCount) {
        return algorithms.create(new AlgorithmSpec(TextHashProvider.class.getName(), Map.of()), shardCount);
    }
}
