package io.shardgate.engine.merge;

import io.shardgate.rules.route.MergeSpec;
import io.shardgate.sql.HavingCondition;
import io.shardgate.sql.SqlValue;

/**
 * Applies a HAVING condition to merged groups, with SQL's three-valued logic: a comparison with
 * NULL is unknown, and only rows whose condition is true pass. Values compare as MySQL compares
 * them ({@link ValueOrder}).
 */
public final class HavingCursor implements RowStream {

    private final RowStream input;
    private final HavingCondition condition;
    private final int columnCount;

    public HavingCursor(RowStream input, HavingCondition condition, int columnCount) {
        this.input = input;
        this.condition = condition;
        this.columnCount = columnCount;
    }

    @Override
    public boolean next() {
        while (input.next()) {
            if (Boolean.TRUE.equals(evaluate(condition, input.row()))) {
                return true;
            }
        }
        return false;
    }

    /** TRUE, FALSE, or null for unknown. */
    Boolean evaluate(HavingCondition condition, Object[] row) {
        if (condition instanceof HavingCondition.And and) {
            Boolean result = Boolean.TRUE;
            for (HavingCondition term : and.terms()) {
                Boolean value = evaluate(term, row);
                if (Boolean.FALSE.equals(value)) {
                    return false;
                }
                if (value == null) {
                    result = null;
                }
            }
            return result;
        }
        if (condition instanceof HavingCondition.Or or) {
            Boolean result = Boolean.FALSE;
            for (HavingCondition term : or.terms()) {
                Boolean value = evaluate(term, row);
                if (Boolean.TRUE.equals(value)) {
                    return true;
                }
                if (value == null) {
                    result = null;
                }
            }
            return result;
        }
        if (condition instanceof HavingCondition.Not not) {
            Boolean value = evaluate(not.term(), row);
            return value == null ? null : !value;
        }
        HavingCondition.Compare compare = (HavingCondition.Compare) condition;
        Object left = operand(compare.left(), row);
        Object right = operand(compare.right(), row);
        if (left == null || right == null) {
            return null;
        }
        int order = ValueOrder.MYSQL.compare(left, right);
        return switch (compare.op()) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
        };
    }

    private Object operand(HavingCondition.Operand operand, Object[] row) {
        if (operand instanceof HavingCondition.Column column) {
            return row[MergeSpec.resolve(column.index(), columnCount)];
        }
        return ((SqlValue.Literal) ((HavingCondition.Value) operand).value()).value();
    }

    @Override
    public Object[] row() {
        return input.row();
    }

    @Override
    public void close() {
        input.close();
    }
}
