package io.shardgate.sql;

import java.util.List;
import java.util.Map;

/**
 * A SELECT (or a UNION of them: {@code union} true, then only the first block's shape is given and
 * multi-shard merging of it is not supported).
 *
 * @param where        the top-level WHERE, ANDed with the ON conditions of inner joins; for LEFT
 *                     joins only their column equalities are included; {@link Predicate#OPAQUE}
 *                     when there is no condition; for a UNION the OR of the blocks' conditions
 * @param items        the select list as written
 * @param derived      expressions the rewriter appends to the select list for a multi-shard merge
 *                     (ORDER BY / GROUP BY keys not in the list, SUM and COUNT behind each AVG);
 *                     their output indexes follow {@code items}
 * @param groupBy      GROUP BY keys as output column indexes (into items ++ derived)
 * @param orderBy      ORDER BY keys as output column indexes (into items ++ derived)
 * @param limit        LIMIT, or null
 * @param having       true when a HAVING clause exists
 * @param lock         FOR UPDATE / LOCK IN SHARE MODE
 * @param subquery     true when any subquery or derived table appears
 */
public record SelectStatement(String sql, List<TableRef> tables, int parameterCount, Map<String, String> hints,
                              Predicate where, List<SelectItem> items, List<String> derived, boolean distinct,
                              List<SortKey> groupBy, List<SortKey> orderBy, Limit limit, boolean having,
                              LockMode lock, boolean subquery, boolean union, RewriteTokens tokens)
        implements SqlStatement {

    @Override
    public StatementKind kind() {
        return StatementKind.SELECT;
    }

    /**
     * For each of {@link #derived()}, how that column combines across shards: SUM and COUNT for
     * the columns behind an AVG, the aggregate of an ORDER BY key that is not selected (such as
     * {@code ORDER BY SUM(x)}: shards' partial sums must be added before sorting), NONE for plain
     * GROUP BY / ORDER BY keys.
     */
    public List<Aggregate> derivedAggregates() {
        return tokens == null ? List.of() : tokens.derived.stream().map(RewriteTokens.DerivedColumn::aggregate).toList();
    }

    /**
     * True for {@code GROUP BY … WITH ROLLUP}. Its super-aggregate rows, like a HAVING clause, can
     * only be computed from complete groups, so such a statement also reports {@link #having()}
     * true: merging it across shards is refused while a single shard runs it as written.
     */
    /**
     * The HAVING clause as a condition over output columns (indexes into items ++ derived; the
     * aggregates it needs are derived columns), or null when there is none or it uses something
     * that cannot be evaluated after a merge.
     */
    public HavingCondition havingCondition() {
        return tokens == null ? null : tokens.having;
    }

    public boolean rollup() {
        return tokens != null && tokens.rollup;
    }

    /** One select-list entry. avgSum/avgCount are indexes of derived columns behind an AVG, else -1. */
    public record SelectItem(String text, String alias, Aggregate aggregate, boolean distinctArgument,
                             boolean star, int avgSum, int avgCount) {
    }

    public enum Aggregate { NONE, COUNT, SUM, MIN, MAX, AVG, GROUP_CONCAT, OTHER }

    public record SortKey(int column, boolean descending) {
    }

    /** LIMIT [offset,] count; offset null when absent. */
    public record Limit(SqlValue offset, SqlValue count) {
    }

    public enum LockMode { NONE, FOR_UPDATE, SHARE }
}
