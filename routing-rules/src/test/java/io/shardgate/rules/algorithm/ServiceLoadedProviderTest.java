package io.shardgate.rules.algorithm;

import io.shardgate.rules.config.TableRule.AlgorithmSpec;

import java.util.Map;

/** A user provider found through META-INF/services passes the same contract as the built-ins. */
class ServiceLoadedProviderTest extends ShardingAlgorithmContract {

    private final ShardingAlgorithms algorithms = new ShardingAlgorithms(TestClassLoaders.withTestServices());

    @Override
    ShardingAlgorithm algorithm(int shardCount) {
        return algorithms.create(new AlgorithmSpec("test-tens", Map.of()), shardCount);
    }
}
