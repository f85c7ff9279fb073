package io.shardgate.rules.algorithm;

import java.math.BigInteger;
import java.math.RoundingMode;

/** The integers a numeric range bound admits: {@code > 4.5} and {@code >= 5} both start at 5. */
final class IntegerRange {

    private IntegerRange() {
    }

    static BigInteger firstAtOrAbove(ShardKey bound, boolean inclusive) {
        if (bound.isIntegral()) {
            return inclusive ? bound.integerValue() : bound.integerValue().add(BigInteger.ONE);
        }
        return bound.decimalValue().setScale(0, RoundingMode.CEILING).toBigIntegerExact();
    }

    static BigInteger lastAtOrBelow(ShardKey bound, boolean inclusive) {
        if (bound.isIntegral()) {
            return inclusive ? bound.integerValue() : bound.integerValue().subtract(BigInteger.ONE);
        }
        return bound.decimalValue().setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
    }
}
