package io.shardgate.engine.merge;

import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.route.MergeSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the cursor that combines several units' rows as a {@link MergeSpec} says, streaming
 * wherever the order of the inputs allows:
 * <ol>
 *   <li>inputs are sort-merged by {@code orderBy} (each unit returns its rows in that order), or
 *       concatenated when there is no order;</li>
 *   <li>a group merge folds partial groups: streaming when the leading sort keys are exactly the
 *       group keys and the merge's order is the servers' for them (numbers, dates: rows of a group
 *       meet), else buffered up to {@code maxBufferedRows} groups and then sorted by
 *       {@code orderBy}; without GROUP BY all rows fold into one;</li>
 *   <li>DISTINCT over the visible columns (adjacent when sorted by them all in the servers' order,
 *       else remembered);</li>
 *   <li>OFFSET and LIMIT last.</li>
 * </ol>
 * Hidden (derived) columns stay in the rows; the caller shows only the leading visible ones.
 */
public final class ResultMerger {

    private final long maxBufferedRows;

    public ResultMerger(long maxBufferedRows) {
        this.maxBufferedRows = maxBufferedRows;
    }

    /** Fails before any unit runs when {@code spec} asks for what the engine cannot merge. */
    public static void checkSupported(MergeSpec spec, int unitCount) {
        if (spec.having() && unitCount > 1) {
            throw new ShardgateException(ErrorCode.UNSUPPORTED_MERGE, "HAVING across shards: this query reads "
                    + unitCount + " shards, so HAVING must filter the merged groups, and Shardgate evaluates only "
                    + "AND/OR/NOT of comparisons (=, <>, <, <=, >, >=) between aggregates or group columns and "
                    + "values there; rewrite the HAVING in that form, or add a condition on the shard key so that the "
                    + "query runs on one shard");
        }
    }

    public RowStream merge(List<? extends RowStream> inputs, int columnCount, MergeSpec spec) {
        checkSupported(spec, inputs.size());
        List<RowOrder.Key> orderKeys = resolve(spec.orderBy(), columnCount);
        RowStream rows = orderKeys.isEmpty() ? new ConcatCursor(inputs)
                : new SortMergeCursor(inputs, new RowOrder(orderKeys));
        if (spec.isGroupMerge()) {
            rows = groupMerge(rows, columnCount, spec, orderKeys);
        }
        if (spec.postFilter() != null) {
            rows = new HavingCursor(rows, spec.postFilter(), columnCount);
        }
        int visible = columnCount - spec.hiddenColumns();
        if (spec.distinct()) {
            rows = new DistinctCursor(rows, visible, leadingKeysAre(orderKeys, range(visible)), maxBufferedRows);
        }
        if (spec.offset() > 0 || spec.limit() >= 0) {
            rows = new LimitCursor(rows, spec.offset(), spec.limit());
        }
        return rows;
    }

    private RowStream groupMerge(RowStream rows, int columnCount, MergeSpec spec, List<RowOrder.Key> orderKeys) {
        List<Aggregation.Column> columns = new ArrayList<>();
        for (MergeSpec.AggregateColumn a : spec.aggregates()) {
            columns.add(new Aggregation.Column(MergeSpec.resolve(a.column(), columnCount),
                    Aggregation.Function.valueOf(a.function().name()),
                    a.function() == MergeSpec.AggregateColumn.Function.AVG ? MergeSpec.resolve(a.sumColumn(), columnCount) : -1,
                    a.function() == MergeSpec.AggregateColumn.Function.AVG ? MergeSpec.resolve(a.countColumn(), columnCount) : -1));
        }
        Aggregation aggregation = new Aggregation(columns);
        int[] groupKeys = spec.groupBy().stream().mapToInt(k -> MergeSpec.resolve(k.column(), columnCount)).toArray();
        Set<Integer> groupSet = new HashSet<>();
        for (int k : groupKeys) {
            groupSet.add(k);
        }
        if (groupKeys.length == 0) {
            return new GroupMergeCursor(rows, groupKeys, aggregation, columnCount);
        }
        if (leadingKeysAre(orderKeys, groupSet)) {
            return new SortedGroupCursor(rows, groupKeys, aggregation, columnCount, new RowOrder(orderKeys),
                    maxBufferedRows);
        }
        return new BufferedGroupCursor(rows, groupKeys, aggregation,
                orderKeys.isEmpty() ? null : new RowOrder(orderKeys), maxBufferedRows);
    }

    /** Whether the first |columns| sort keys are exactly {@code columns} (in any order and direction). */
    static boolean leadingKeysAre(List<RowOrder.Key> orderKeys, Set<Integer> columns) {
        if (orderKeys.size() < columns.size()) {
            return false;
        }
        Set<Integer> leading = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            leading.add(orderKeys.get(i).column());
        }
        return leading.equals(columns);
    }

    private static Set<Integer> range(int n) {
        Set<Integer> set = new HashSet<>();
        for (int i = 0; i < n; i++) {
            set.add(i);
        }
        return set;
    }

    private static List<RowOrder.Key> resolve(List<MergeSpec.SortKey> keys, int columnCount) {
        List<RowOrder.Key> resolved = new ArrayList<>(keys.size());
        for (MergeSpec.SortKey key : keys) {
            int column = MergeSpec.resolve(key.column(), columnCount);
            if (column < 0 || column >= columnCount) {
                throw new ShardgateException(ErrorCode.INTERNAL, "merge sort key " + key.column()
                        + " is outside the " + columnCount + " columns the shards returned");
            }
            resolved.add(new RowOrder.Key(column, key.descending()));
        }
        return resolved;
    }
}
