package io.shardgate.sql;

/**
 * A value written in a statement: a literal, or the i-th {@code ?} marker (0-based) whose value
 * comes with the execution. Literal values are Long, BigInteger, BigDecimal, Double, String,
 * Boolean or null (SQL NULL), exactly as written (no coercion to the column's type).
 */
public sealed interface SqlValue {

    record Literal(Object value) implements SqlValue {
    }

    record Param(int index) implements SqlValue {
    }

    /** The value, taking markers from {@code parameters}. */
    default Object resolve(java.util.List<?> parameters) {
        return this instanceof Param param ? parameters.get(param.index()) : ((Literal) this).value();
    }
}
