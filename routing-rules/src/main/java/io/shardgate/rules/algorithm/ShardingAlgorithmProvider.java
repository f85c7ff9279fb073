package io.shardgate.rules.algorithm;

import java.util.Map;

/**
 * The SPI: a factory of algorithms for one type key ({@code mod}, {@code hash-mod}, …). User
 * providers are found through {@code META-INF/services/io.shardgate.rules.algorithm.ShardingAlgorithmProvider},
 * or named by fully-qualified class name in the rule file.
 */
public interface ShardingAlgorithmProvider {

    String type();

    /**
     * @param params the algorithm map from the rule file (without "type")
     * @throws IllegalArgumentException with a message naming the bad parameter and what is expected
     */
    ShardingAlgorithm create(Map<String, Object> params, int shardCount);
}
