package io.shardgate.rules.algorithm.testing;

import io.shardgate.rules.algorithm.ShardKey;
import io.shardgate.rules.algorithm.ShardingAlgorithm;
import io.shardgate.rules.algorithm.ShardingAlgorithmProvider;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;

/** A user algorithm found by ServiceLoader: numbers by their tens (0-9 → 0, 10-19 → 1 …), text by length. */
public class TensProvider implements ShardingAlgorithmProvider {

    @Override
    public String type() {
        return "test-tens";
    }

    @Override
    public ShardingAlgorithm create(Map<String, Object> params, int shardCount) {
        return new ShardingAlgorithm() {
            @Override
            public int shard(ShardKey key) {
                if (key.isNull()) {
                    return 0;
                }
                if (key.isText()) {
                    return Math.floorMod(key.text().length(), shardCount);
                }
                BigInteger tens = key.decimalValue().divide(BigDecimal.TEN, 0, RoundingMode.FLOOR).toBigInteger();
                return tens.mod(BigInteger.valueOf(shardCount)).intValue();
            }

            @Override
            public int shardCount() {
                return shardCount;
            }
        };
    }
}
