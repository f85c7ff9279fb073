package io.shardgate.rules.route;

import io.shardgate.sql.HavingCondition;

import java.util.List;

/**
 * How the engine combines several units' result sets into the one the client sees. Column indexes
 * are 0-based positions in each unit's result; a NEGATIVE index counts from the end (-1 = the
 * last column), which the router uses for derived columns and for columns after a {@code *} whose
 * width it cannot know — resolve with {@link #resolve(int, int)}. Results stream unless
 * {@link #needsBuffering()}.
 *
 * @param hiddenColumns  how many trailing columns (derived by the rewriter) the client must not see
 * @param groupBy        group keys; non-empty (or aggregates present) means a group merge
 * @param aggregates     how each aggregated output column merges
 * @param orderBy        sort keys of the merged output (each unit's rows already come in this order)
 * @param distinct       remove duplicate rows (over the visible columns)
 * @param offset         rows to skip after merging (0 when none)
 * @param limit          rows to return after the offset, or -1 for no limit
 * @param having         a HAVING clause that cannot be evaluated after merging (see
 *                       {@code postFilter}): true makes multi-unit execution fail clearly
 * @param postFilter     the HAVING condition to apply to merged groups, before ORDER BY and LIMIT
 *                       (column indexes resolved like every other index here, values bound), or
 *                       null; each shard's SQL runs without its HAVING
 */
public record MergeSpec(int hiddenColumns, List<SortKey> groupBy, List<AggregateColumn> aggregates,
                        List<SortKey> orderBy, boolean distinct, long offset, long limit, boolean having,
                        HavingCondition postFilter) {

    public static final MergeSpec NONE = new MergeSpec(0, List.of(), List.of(), List.of(), false, 0, -1, false);

    /** A merge without a post-merge HAVING filter. */
    public MergeSpec(int hiddenColumns, List<SortKey> groupBy, List<AggregateColumn> aggregates,
                     List<SortKey> orderBy, boolean distinct, long offset, long limit, boolean having) {
        this(hiddenColumns, groupBy, aggregates, orderBy, distinct, offset, limit, having, null);
    }

    public record SortKey(int column, boolean descending) {
    }

    /**
     * An aggregated output column: COUNT and SUM add, MIN/MAX compare, AVG divides the sums of
     * columns {@code sumColumn} and {@code countColumn}; COUNT_DISTINCT / GROUP_CONCAT cannot be
     * merged from partial results and make the router refuse the plan unless it is single-unit.
     */
    public record AggregateColumn(int column, Function function, int sumColumn, int countColumn) {
        public enum Function { COUNT, SUM, MIN, MAX, AVG }
    }

    /** The absolute position of {@code column} in a result of {@code columnCount} columns. */
    public static int resolve(int column, int columnCount) {
        return column < 0 ? columnCount + column : column;
    }

    public boolean isGroupMerge() {
        return !groupBy.isEmpty() || !aggregates.isEmpty();
    }

    /** True when groups must be complete before rows are returned (a group merge or a post-merge HAVING). */
    public boolean needsBuffering() {
        return distinct || (isGroupMerge() && !groupBy.isEmpty());
    }
}
