package io.shardgate.engine.merge;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Folds the partial rows of one group (one row per shard, or several) into the merged row:
 * COUNT and SUM add ({@link ExactSum}), MIN and MAX compare ({@link ValueOrder}), AVG divides the
 * summed SUM and COUNT columns behind it. Other columns keep the value of the group's first row.
 */
final class Aggregation {

    /** A resolved aggregate: output column, function, and for AVG the SUM and COUNT columns. */
    record Column(int column, Function function, int sumColumn, int countColumn) {
    }

    enum Function { COUNT, SUM, MIN, MAX, AVG }

    /**
     * MySQL's div_precision_increment default: AVG over an exact sum of scale s has scale s + 4
     * (AVG of an integer column shows 4 decimals), rounded half up.
     */
    static final int AVG_EXTRA_SCALE = 4;

    private final List<Column> columns;

    Aggregation(List<Column> columns) {
        this.columns = columns;
    }

    /** A new group started by {@code first}, which is copied. */
    Group start(Object[] first) {
        Group group = new Group(first.clone(), columns.size());
        group.add(first);
        return group;
    }

    /** The row an aggregate without GROUP BY returns for no input rows at all: COUNT 0, others NULL. */
    Object[] emptyRow(int columnCount) {
        Object[] row = new Object[columnCount];
        for (Column c : columns) {
            row[c.column()] = c.function() == Function.COUNT ? 0L : null;
        }
        return row;
    }

    final class Group {
        private final Object[] row;
        private final ExactSum[] sums;
        private final ExactSum[] counts;
        private final Object[] extremes;

        private Group(Object[] row, int n) {
            this.row = row;
            this.sums = new ExactSum[n];
            this.counts = new ExactSum[n];
            this.extremes = new Object[n];
            for (int i = 0; i < n; i++) {
                sums[i] = new ExactSum();
                counts[i] = new ExactSum();
            }
        }

        /** The group's first row (copied): its key columns identify the group. */
        Object[] keyRow() {
            return row;
        }

        void add(Object[] partial) {
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                switch (c.function()) {
                    case COUNT, SUM -> sums[i].add(partial[c.column()]);
                    case MIN, MAX -> {
                        Object v = partial[c.column()];
                        if (v != null) {
                            int cmp = extremes[i] == null ? 1 : ValueOrder.MYSQL.compare(v, extremes[i]);
                            if (c.function() == Function.MIN ? cmp < 0 || extremes[i] == null : cmp > 0) {
                                extremes[i] = v;
                            }
                        }
                    }
                    case AVG -> {
                        sums[i].add(partial[c.sumColumn()]);
                        counts[i].add(partial[c.countColumn()]);
                    }
                }
            }
        }

        /** The merged row (the first row with every aggregate column replaced). */
        Object[] finish() {
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                row[c.column()] = switch (c.function()) {
                    case COUNT -> count(sums[i]);
                    case SUM -> sums[i].value();
                    case MIN, MAX -> extremes[i];
                    case AVG -> average(sums[i].value(), counts[i].value());
                };
            }
            return row;
        }
    }

    private static Object count(ExactSum sum) {
        Object v = sum.value();
        if (v == null) {
            return 0L;
        }
        if (v instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                return d;
            }
        }
        return v instanceof Double d ? (long) (double) d : v;
    }

    static Object average(Object sum, Object count) {
        if (sum == null || count == null) {
            return null;
        }
        BigDecimal n = ValueOrder.asDecimal(count);
        if (n == null || n.signum() == 0) {
            return null;
        }
        if (sum instanceof Double d) {
            return d / n.doubleValue();
        }
        BigDecimal s = ValueOrder.asDecimal(sum);
        int scale = Math.max(0, s.scale()) + AVG_EXTRA_SCALE;
        return s.divide(n, scale, RoundingMode.HALF_UP);
    }
}
