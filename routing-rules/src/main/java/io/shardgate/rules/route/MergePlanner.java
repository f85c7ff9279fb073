package io.shardgate.rules.route;

import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.sql.HavingCondition;
import io.shardgate.sql.SelectStatement;
import io.shardgate.sql.SqlValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Works out how a SELECT that reaches several shards is merged: which columns sort and group the
 * merged stream, how each aggregate combines, which trailing columns stay hidden, and what LIMIT
 * each shard must run with so that the merged LIMIT/OFFSET stays exact.
 */
final class MergePlanner {

    /** The merge spec, and the LIMIT each shard runs with (null: leave the statement's LIMIT alone). */
    record Merge(MergeSpec spec, Long perShardLimit) {
    }

    Merge plan(SelectStatement select, List<?> parameters, String tables) {
        Columns columns = new Columns(select);
        List<MergeSpec.AggregateColumn> aggregates = new ArrayList<>();
        for (int i = 0; i < select.items().size(); i++) {
            SelectStatement.SelectItem item = select.items().get(i);
            if (item.aggregate() == SelectStatement.Aggregate.NONE) {
                continue;
            }
            MergeSpec.AggregateColumn.Function function = switch (item.aggregate()) {
                case COUNT -> MergeSpec.AggregateColumn.Function.COUNT;
                case SUM -> MergeSpec.AggregateColumn.Function.SUM;
                case MIN -> MergeSpec.AggregateColumn.Function.MIN;
                case MAX -> MergeSpec.AggregateColumn.Function.MAX;
                case AVG -> MergeSpec.AggregateColumn.Function.AVG;
                default -> null;
            };
            boolean distinctMatters = item.distinctArgument() && function != MergeSpec.AggregateColumn.Function.MIN
                    && function != MergeSpec.AggregateColumn.Function.MAX;
            if (function == null || distinctMatters) {
                throw new ShardgateException(ErrorCode.UNSUPPORTED_MERGE, item.text() + " over " + tables
                        + " cannot be combined from per-shard results; add a shard-key condition so the query "
                        + "reaches one shard, or group by the shard key");
            }
            int sum = function == MergeSpec.AggregateColumn.Function.AVG ? columns.of(item.avgSum()) : -1;
            int count = function == MergeSpec.AggregateColumn.Function.AVG ? columns.of(item.avgCount()) : -1;
            aggregates.add(new MergeSpec.AggregateColumn(columns.of(i), function, sum, count));
        }
        addDerivedAggregates(select, columns, aggregates, tables);
        List<MergeSpec.SortKey> groupBy = columns.keys(select.groupBy());
        List<MergeSpec.SortKey> orderBy = columns.keys(select.orderBy());
        long offset = 0;
        long limit = -1;
        Long perShard = null;
        boolean groupMerge = !groupBy.isEmpty() || !aggregates.isEmpty();
        if (select.limit() != null) {
            limit = number(select.limit().count(), parameters, "LIMIT");
            offset = select.limit().offset() == null ? 0 : number(select.limit().offset(), parameters, "OFFSET");
            // Groups are only complete after merging, so shards must return all of theirs.
            perShard = groupMerge ? Long.MAX_VALUE : offset + limit;
        }
        HavingCondition postFilter = select.having() && !select.rollup() && select.havingCondition() != null
                ? bind(select.havingCondition(), columns, parameters) : null;
        MergeSpec spec = new MergeSpec(select.derived().size(), groupBy, aggregates, orderBy, select.distinct(),
                offset, limit, select.having() && postFilter == null, postFilter);
        return new Merge(spec, perShard);
    }

    /**
     * ORDER BY an aggregate that is not selected ({@code ORDER BY SUM(x)}) appends it as a derived
     * column, which each shard computes over its own rows only: it merges like a selected one.
     */
    private static void addDerivedAggregates(SelectStatement select, Columns columns,
                                             List<MergeSpec.AggregateColumn> aggregates, String tables) {
        List<SelectStatement.Aggregate> kinds = select.derivedAggregates();
        java.util.Set<Integer> behindAverages = new java.util.HashSet<>();
        for (SelectStatement.SelectItem item : select.items()) {
            behindAverages.add(item.avgSum());
            behindAverages.add(item.avgCount());
        }
        for (int k = 0; k < kinds.size(); k++) {
            int column = select.items().size() + k;
            SelectStatement.Aggregate kind = kinds.get(k);
            if (kind == SelectStatement.Aggregate.NONE || behindAverages.contains(column)) {
                continue;
            }
            MergeSpec.AggregateColumn.Function function = switch (kind) {
                case COUNT -> MergeSpec.AggregateColumn.Function.COUNT;
                case SUM -> MergeSpec.AggregateColumn.Function.SUM;
                case MIN -> MergeSpec.AggregateColumn.Function.MIN;
                case MAX -> MergeSpec.AggregateColumn.Function.MAX;
                default -> throw new ShardgateException(ErrorCode.UNSUPPORTED_MERGE, "ordering or filtering (HAVING) by "
                        + select.derived().get(k) + " over " + tables + " across shards needs complete groups; "
                        + "select the aggregate as a column, or add a shard-key condition");
            };
            aggregates.add(new MergeSpec.AggregateColumn(columns.of(column), function, -1, -1));
        }
    }

    /** The HAVING condition with merge column positions and bound values. */
    private static HavingCondition bind(HavingCondition condition, Columns columns, List<?> parameters) {
        if (condition instanceof HavingCondition.And and) {
            return new HavingCondition.And(and.terms().stream().map(t -> bind(t, columns, parameters)).toList());
        }
        if (condition instanceof HavingCondition.Or or) {
            return new HavingCondition.Or(or.terms().stream().map(t -> bind(t, columns, parameters)).toList());
        }
        if (condition instanceof HavingCondition.Not not) {
            return new HavingCondition.Not(bind(not.term(), columns, parameters));
        }
        HavingCondition.Compare compare = (HavingCondition.Compare) condition;
        return new HavingCondition.Compare(bind(compare.left(), columns, parameters), compare.op(),
                bind(compare.right(), columns, parameters));
    }

    private static HavingCondition.Operand bind(HavingCondition.Operand operand, Columns columns, List<?> parameters) {
        if (operand instanceof HavingCondition.Column column) {
            return new HavingCondition.Column(columns.of(column.index()));
        }
        SqlValue value = ((HavingCondition.Value) operand).value();
        return new HavingCondition.Value(new SqlValue.Literal(value.resolve(parameters)));
    }

    private static long number(SqlValue value, List<?> parameters, String clause) {
        Object resolved = value.resolve(parameters);
        if (resolved instanceof Number n && n.longValue() >= 0) {
            return n.longValue();
        }
        if (resolved instanceof String s && s.trim().matches("\\d+")) {
            return Long.parseLong(s.trim());
        }
        throw new ShardgateException(ErrorCode.WRONG_ARGUMENTS, clause + ": expected a non-negative integer, got "
                + resolved);
    }

    /**
     * Maps the analyzer's column numbering (items, then derived) to positions in each shard's
     * result. Items after a {@code *} and derived columns count from the end, since the star's
     * width is unknown here.
     */
    private static final class Columns {
        private final SelectStatement select;
        private final int lastStar;

        Columns(SelectStatement select) {
            this.select = select;
            int star = -1;
            for (int i = 0; i < select.items().size(); i++) {
                if (select.items().get(i).star()) {
                    star = i;
                }
            }
            this.lastStar = star;
        }

        int of(int column) {
            int items = select.items().size();
            int fromEnd = -(items + select.derived().size() - column);
            if (column >= items || column > lastStar && lastStar >= 0) {
                return fromEnd;
            }
            if (lastStar >= 0 && hasStarBefore(column)) {
                throw new ShardgateException(ErrorCode.UNSUPPORTED_MERGE, "ordering or grouping by "
                        + select.items().get(column).text() + ", which sits between two '*' items, across shards; "
                        + "list the columns explicitly");
            }
            return column;
        }

        private boolean hasStarBefore(int column) {
            for (int i = 0; i < column; i++) {
                if (select.items().get(i).star()) {
                    return true;
                }
            }
            return false;
        }

        List<MergeSpec.SortKey> keys(List<SelectStatement.SortKey> keys) {
            List<MergeSpec.SortKey> result = new ArrayList<>();
            for (SelectStatement.SortKey key : keys) {
                result.add(new MergeSpec.SortKey(of(key.column()), key.descending()));
            }
            return List.copyOf(result);
        }
    }
}
