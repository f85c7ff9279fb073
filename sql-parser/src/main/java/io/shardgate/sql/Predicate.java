package io.shardgate.sql;

import java.util.List;

/**
 * A WHERE or ON condition reduced to what routing needs. Anything routing cannot use (functions,
 * NOT, comparisons between expressions, subqueries) becomes {@link Opaque}, which means "no
 * restriction known". Comparisons are normalized so the column is on the left ({@code 5 < id}
 * becomes {@code id > 5}).
 */
public sealed interface Predicate {

    record And(List<Predicate> terms) implements Predicate {
    }

    record Or(List<Predicate> terms) implements Predicate {
    }

    record Compare(ColumnRef column, CompareOp op, SqlValue value) implements Predicate {
    }

    /** {@code col IN (v1, v2, …)}; NOT IN is {@link Opaque}. */
    record In(ColumnRef column, List<SqlValue> values) implements Predicate {
    }

    /** {@code col BETWEEN low AND high} (inclusive); NOT BETWEEN is {@link Opaque}. */
    record Between(ColumnRef column, SqlValue low, SqlValue high) implements Predicate {
    }

    /** {@code a.x = b.y}: an equality between two columns, the raw material of join analysis. */
    record ColumnEquality(ColumnRef left, ColumnRef right) implements Predicate {
    }

    record Opaque() implements Predicate {
    }

    Opaque OPAQUE = new Opaque();

    enum CompareOp { EQ, NE, LT, LE, GT, GE }
}
