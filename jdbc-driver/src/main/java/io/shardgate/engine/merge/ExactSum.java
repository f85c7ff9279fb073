package io.shardgate.engine.merge;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Adds partial sums from several shards without losing precision: integers stay exact (a long,
 * then a BigDecimal on overflow), decimals stay BigDecimal with their scale, and only
 * floating-point inputs give a floating-point total. NULLs are skipped; no value at all sums to
 * NULL, as SQL's SUM does.
 */
final class ExactSum {

    private enum Kind { NONE, INTEGER, DECIMAL, DOUBLE }

    private Kind kind = Kind.NONE;
    private long longSum;
    private BigDecimal decimalSum;
    private double doubleSum;

    void add(Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Double || value instanceof Float) {
            toDouble();
            doubleSum += ((Number) value).doubleValue();
            return;
        }
        if (kind == Kind.DOUBLE) {
            BigDecimal d = ValueOrder.asDecimal(value);
            doubleSum += d == null ? 0 : d.doubleValue();
            return;
        }
        if ((value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)
                && (kind == Kind.NONE || kind == Kind.INTEGER)) {
            long v = ((Number) value).longValue();
            try {
                longSum = Math.addExact(longSum, v);
                kind = Kind.INTEGER;
                return;
            } catch (ArithmeticException overflow) {
                toDecimal();
            }
        }
        BigDecimal d = value instanceof BigInteger i ? new BigDecimal(i) : ValueOrder.asDecimal(value);
        if (d == null) {
            return; // not a number: MySQL would have summed it as 0
        }
        toDecimal();
        decimalSum = decimalSum.add(d);
    }

    private void toDecimal() {
        if (kind == Kind.NONE) {
            decimalSum = BigDecimal.ZERO;
        } else if (kind == Kind.INTEGER) {
            decimalSum = BigDecimal.valueOf(longSum);
        }
        if (kind != Kind.DOUBLE) {
            kind = Kind.DECIMAL;
        }
    }

    private void toDouble() {
        if (kind == Kind.INTEGER) {
            doubleSum = longSum;
        } else if (kind == Kind.DECIMAL) {
            doubleSum = decimalSum.doubleValue();
        }
        kind = Kind.DOUBLE;
    }

    boolean isEmpty() {
        return kind == Kind.NONE;
    }

    /** Long, BigDecimal, Double, or null when nothing was added. */
    Object value() {
        return switch (kind) {
            case NONE -> null;
            case INTEGER -> longSum;
            case DECIMAL -> decimalSum;
            case DOUBLE -> doubleSum;
        };
    }
}
