package io.shardgate.sql;

import java.util.List;

/**
 * A HAVING clause reduced to what can be evaluated over merged groups: AND/OR/NOT of comparisons
 * between output columns (select items or derived columns, by index into items ++ derived) and
 * values. A multi-shard SELECT drops its HAVING from each shard's SQL (partial groups must not
 * be filtered) and the merge applies this instead.
 */
public sealed interface HavingCondition {

    record And(List<HavingCondition> terms) implements HavingCondition {
    }

    record Or(List<HavingCondition> terms) implements HavingCondition {
    }

    record Not(HavingCondition term) implements HavingCondition {
    }

    record Compare(Operand left, Predicate.CompareOp op, Operand right) implements HavingCondition {
    }

    /** One side of a comparison. */
    sealed interface Operand {
    }

    /** An output column: index into items ++ derived (or, once routed, a merge column). */
    record Column(int index) implements Operand {
    }

    record Value(SqlValue value) implements Operand {
    }
}
