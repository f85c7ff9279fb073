package io.shardgate.sql.federate;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * AVG of exact numbers as MySQL computes it: the exact sum divided by the count, rounded half up
 * to four more decimals than the argument (Calcite's own AVG truncates). Public because the
 * planner's generated code calls {@link #of}.
 */
public final class MySqlAverage {

    private MySqlAverage() {
    }

    public static BigDecimal of(BigDecimal sum, long count, int scale) {
        if (sum == null || count == 0) {
            return null;
        }
        return sum.divide(BigDecimal.valueOf(count), scale, RoundingMode.HALF_UP);
    }
}
