package io.shardgate.sql.federate;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * AVG (and {@code /}) of exact numbers as MySQL computes it: the exact sum divided by the count, rounded half up
 * to four more decimals than the argument (Calcite's own AVG truncates). Public because the
 * planner's generated code calls {@link #of}.
 */
public final class MySqlAverage {

    private MySqlAverage() {
    }

    /**
     * {@code a / b} of exact numbers as MySQL computes it: a decimal with four more decimals than
     * the dividend, rounded half up; NULL when dividing by zero (MySQL's default, with a warning).
     */
    public static BigDecimal divide(BigDecimal a, BigDecimal b, int scale) {
        if (a == null || b == null || b.signum() == 0) {
            return null;
        }
        return a.divide(b, scale, RoundingMode.HALF_UP);
    }

    public static BigDecimal of(BigDecimal sum, long count, int scale) {
        if (sum == null || count == 0) {
            return null;
        }
        return sum.divide(BigDecimal.valueOf(count), scale, RoundingMode.HALF_UP);
    }
}
