package io.shardgate.rules.route;

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
 * @param having         a HAVING clause must be applied after merging, which the engine cannot
 *                       do yet: true makes multi-unit execution fail clearly
 */
public record MergeSpec(int hiddenColumns, List<SortKey> groupBy, List<AggregateColumn> aggregates,
                        List<SortKey> orderBy, boolean distinct, long offset, long limit, boolean having) {

    public static final MergeSpec NONE = new MergeSpec(0, List.of(), List.of(), List.of(), false, 0, -1, false);

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

    public boolean needsBuffering() {
        return distinct || (isGroupMerge() && !groupBy.isEmpty());
    }
}
