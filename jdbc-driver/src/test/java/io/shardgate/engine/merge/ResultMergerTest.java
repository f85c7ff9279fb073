package io.shardgate.engine.merge;

import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.route.MergeSpec;
import io.shardgate.rules.route.MergeSpec.AggregateColumn;
import io.shardgate.rules.route.MergeSpec.AggregateColumn.Function;
import io.shardgate.rules.route.MergeSpec.SortKey;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.shardgate.engine.merge.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultMergerTest {

    private final ResultMerger merger = new ResultMerger(1000);

    private static MergeSpec spec(int hidden, List<SortKey> groupBy, List<AggregateColumn> aggregates,
                                  List<SortKey> orderBy, boolean distinct, long offset, long limit) {
        return new MergeSpec(hidden, groupBy, aggregates, orderBy, distinct, offset, limit, false);
    }

    private static SortKey asc(int column) {
        return new SortKey(column, false);
    }

    private static SortKey desc(int column) {
        return new SortKey(column, true);
    }

    @Test
    void concatenatesUnitsInUnitOrderWhenThereIsNoOrder() {
        Rows a = Rows.of(row(1L), row(2L));
        Rows b = Rows.of(row(10L));
        List<List<Object>> out = Rows.drain(merger.merge(List.of(a, b), 1, MergeSpec.NONE), 1);
        assertThat(out).containsExactly(List.of(1L), List.of(2L), List.of(10L));
        assertThat(a.closed).as("a drained unit gives its connection back at once").isTrue();
    }

    @Test
    void sortMergesOrderedUnitsWithNullsFirstAndMixedNumberTypes() {
        Rows a = Rows.of(row(null, "x"), row(1L, "a"), row(new BigDecimal("5.5"), "c"));
        Rows b = Rows.of(row(2, "b"), row(7.25d, "d"));
        Rows c = Rows.of(row(null, "y"), row(100L, "e"));
        MergeSpec spec = spec(0, List.of(), List.of(), List.of(asc(0)), false, 0, -1);
        List<List<Object>> out = Rows.drain(merger.merge(List.of(a, b, c), 2, spec), 2);
        assertThat(out).extracting(r -> r.get(1)).containsExactly("x", "y", "a", "b", "c", "d", "e");
    }

    @Test
    void sortMergesDescendingOnSeveralKeysCaseInsensitively() {
        Rows a = Rows.of(row("B", 1L), row("b", 2L), row("a", 9L));
        Rows b = Rows.of(row("C", 0L), row("b", 3L), row("A", 1L));
        MergeSpec spec = spec(0, List.of(), List.of(), List.of(desc(0), asc(1)), false, 0, -1);
        List<List<Object>> out = Rows.drain(merger.merge(List.of(a, b), 2, spec), 2);
        assertThat(out).containsExactly(List.of("C", 0L), List.of("B", 1L), List.of("b", 2L), List.of("b", 3L),
                List.of("A", 1L), List.of("a", 9L));
    }

    @Test
    void offsetAndLimitApplyAfterTheMergeAndReleaseUnitsEarly() {
        Rows a = Rows.of(row(1L), row(3L), row(5L), row(7L), row(9L));
        Rows b = Rows.of(row(2L), row(4L), row(6L), row(8L), row(10L));
        MergeSpec spec = spec(0, List.of(), List.of(), List.of(asc(0)), false, 2, 3);
        RowStream merged = merger.merge(List.of(a, b), 1, spec);
        List<Object> values = new java.util.ArrayList<>();
        while (merged.next()) {
            values.add(merged.row()[0]);
        }
        assertThat(values).containsExactly(3L, 4L, 5L);
        assertThat(a.closed && b.closed).as("the limit closes every unit without reading the rest").isTrue();
        assertThat(a.read + b.read).isLessThan(10);
    }

    @Test
    void groupMergeStreamsWhenUnitsAreSortedByTheGroupKeys() {
        // SELECT status, COUNT(*), SUM(amount), MIN(amount), MAX(amount), AVG(qty) [, SUM(qty), COUNT(qty)]
        // GROUP BY status ORDER BY status
        Rows a = Rows.of(row("new", 2L, 30L, 10L, 20L, null, 7L, 2L), row("paid", 1L, 5L, 5L, 5L, null, 3L, 1L));
        Rows b = Rows.of(row("NEW", 1L, 100L, 100L, 100L, null, 4L, 1L), row("shipped", 3L, 9L, 1L, 5L, null, 9L, 3L));
        MergeSpec spec = spec(2, List.of(asc(0)), List.of(
                new AggregateColumn(1, Function.COUNT, -1, -1),
                new AggregateColumn(2, Function.SUM, -1, -1),
                new AggregateColumn(3, Function.MIN, -1, -1),
                new AggregateColumn(4, Function.MAX, -1, -1),
                new AggregateColumn(5, Function.AVG, -2, -1)), List.of(asc(0)), false, 0, -1);
        List<List<Object>> out = Rows.drain(merger.merge(List.of(a, b), 8, spec), 6);
        assertThat(out).containsExactly(
                List.of("new", 3L, 130L, 10L, 100L, new BigDecimal("3.6667")),
                List.of("paid", 1L, 5L, 5L, 5L, new BigDecimal("3.0000")),
                List.of("shipped", 3L, 9L, 1L, 5L, new BigDecimal("3.0000")));
    }

    @Test
    void avgOfDecimalsKeepsTheSumScalePlusFour() {
        Rows a = Rows.of(row(null, new BigDecimal("10.25"), 2L));
        Rows b = Rows.of(row(null, new BigDecimal("0.50"), 1L));
        MergeSpec spec = spec(2, List.of(), List.of(new AggregateColumn(0, Function.AVG, 1, 2)), List.of(), false, 0, -1);
        assertThat(Rows.drain(merger.merge(List.of(a, b), 3, spec), 1))
                .containsExactly(List.of(new BigDecimal("3.583333")));
    }

    @Test
    void sumOfIntegersStaysExactBeyondLongRange() {
        Rows a = Rows.of(row(Long.MAX_VALUE));
        Rows b = Rows.of(row(Long.MAX_VALUE));
        Rows c = Rows.of(row((Object) null));
        MergeSpec spec = spec(0, List.of(), List.of(new AggregateColumn(0, Function.SUM, -1, -1)), List.of(), false, 0, -1);
        assertThat(Rows.drain(merger.merge(List.of(a, b, c), 1, spec), 1))
                .containsExactly(List.of(new BigDecimal(Long.MAX_VALUE).multiply(BigDecimal.valueOf(2))));
    }

    @Test
    void aggregatesWithoutGroupByGiveOneRowEvenForEmptyShards() {
        // SELECT COUNT(*), SUM(x), MIN(x), MAX(x), AVG(x) over shards that each found nothing
        Rows a = Rows.of(row(0L, null, null, null, null, null, 0L));
        Rows b = Rows.of(row(0L, null, null, null, null, null, 0L));
        MergeSpec spec = spec(2, List.of(), List.of(
                new AggregateColumn(0, Function.COUNT, -1, -1),
                new AggregateColumn(1, Function.SUM, -1, -1),
                new AggregateColumn(2, Function.MIN, -1, -1),
                new AggregateColumn(3, Function.MAX, -1, -1),
                new AggregateColumn(4, Function.AVG, 5, 6)), List.of(), false, 0, -1);
        List<List<Object>> out = Rows.drain(merger.merge(List.of(a, b), 7, spec), 5);
        assertThat(out).hasSize(1);
        assertThat(out.get(0)).containsExactly(0L, null, null, null, null);
    }

    @Test
    void aggregateWithoutGroupByOverNoRowsAtAllStillAnswersOneRow() {
        MergeSpec spec = spec(0, List.of(), List.of(new AggregateColumn(0, Function.COUNT, -1, -1),
                new AggregateColumn(1, Function.MAX, -1, -1)), List.of(), false, 0, -1);
        assertThat(Rows.drain(merger.merge(List.of(Rows.of(), Rows.of()), 2, spec), 2))
                .containsExactly(java.util.Arrays.asList(0L, null));
    }

    @Test
    void groupMergeBuffersWhenUnitsAreOrderedByTheAggregateThenSortsTheGroups() {
        // SELECT city, COUNT(*) c GROUP BY city ORDER BY c DESC: shards sort by their partial counts
        Rows a = Rows.of(row("Oslo", 5L), row("Rome", 1L));
        Rows b = Rows.of(row("Rome", 7L), row("Lima", 2L), row("oslo", 1L));
        MergeSpec spec = spec(0, List.of(asc(0)), List.of(new AggregateColumn(1, Function.COUNT, -1, -1)),
                List.of(desc(1)), false, 0, -1);
        assertThat(Rows.drain(merger.merge(List.of(a, b), 2, spec), 2))
                .containsExactly(List.of("Rome", 8L), List.of("Oslo", 6L), List.of("Lima", 2L));
    }

    @Test
    void bufferedGroupMergeFailsClearlyBeyondItsBound() {
        ResultMerger small = new ResultMerger(2);
        Rows a = Rows.of(row("a", 1L), row("b", 1L), row("c", 1L));
        MergeSpec spec = spec(0, List.of(asc(0)), List.of(new AggregateColumn(1, Function.COUNT, -1, -1)),
                List.of(), false, 0, -1);
        RowStream merged = small.merge(List.of(a, Rows.of()), 2, spec);
        assertThatThrownBy(merged::next).isInstanceOfSatisfying(ShardgateException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MEMORY_LIMIT);
            assertThat(e.getMessage()).contains("more than 2 groups").contains("max-buffered-rows");
        });
        assertThat(a.closed).isTrue();
    }

    /**
     * Ordered by the group keys, numeric groups fold as they stream (no bound), while text groups
     * are held by hash (bounded): the shards sort text by their own collation, which the merge
     * cannot know, and a group whose rows do not meet would come back split.
     */
    @Test
    void groupsOrderedByTheirKeysStreamForNumbersAndHoldTextByHash() {
        ResultMerger small = new ResultMerger(2);
        MergeSpec spec = spec(0, List.of(asc(0)), List.of(new AggregateColumn(1, Function.COUNT, -1, -1)),
                List.of(asc(0)), false, 0, -1);
        Rows a = Rows.of(row(1L, 1L), row(2L, 1L), row(3L, 1L), row(5L, 1L));
        Rows b = Rows.of(row(2L, 2L), row(3L, 1L), row(4L, 1L));
        assertThat(Rows.drain(small.merge(List.of(a, b), 2, spec), 2)).containsExactly(List.of(1L, 1L),
                List.of(2L, 3L), List.of(3L, 2L), List.of(4L, 1L), List.of(5L, 1L));
        // each shard sorted 'zeta' before 'éclair' (code points); the merge orders 'éclair' first
        Rows c = Rows.of(row("ab", 1L), row("zeta", 1L), row("éclair", 2L));
        Rows d = Rows.of(row("a-b", 1L), row("zeta", 4L), row("éclair", 1L));
        assertThat(Rows.drain(merger.merge(List.of(c, d), 2, spec), 2)).containsExactly(List.of("a-b", 1L),
                List.of("ab", 1L), List.of("éclair", 3L), List.of("zeta", 5L));
        Rows e = Rows.of(row("a", 1L), row("b", 1L), row("c", 1L));
        assertThatThrownBy(() -> Rows.drain(small.merge(List.of(e, Rows.of()), 2, spec), 2))
                .isInstanceOfSatisfying(ShardgateException.class,
                        x -> assertThat(x.code()).isEqualTo(ErrorCode.MEMORY_LIMIT));
    }

    @Test
    void distinctDropsDuplicatesAcrossShardsAsTheCollationSeesThem() {
        Rows a = Rows.of(row("Bob"), row("carol"));
        Rows b = Rows.of(row("alice"), row("bob"), row("Carol"), row("dave"));
        MergeSpec spec = spec(0, List.of(), List.of(), List.of(), true, 0, -1);
        assertThat(Rows.drain(merger.merge(List.of(a, b), 1, spec), 1)).extracting(r -> r.get(0))
                .containsExactly("Bob", "carol", "alice", "dave");
    }

    @Test
    void sortedDistinctKeepsOnlyThePreviousRowAndIgnoresHiddenColumns() {
        Rows a = Rows.of(row(1L, "x"), row(2L, "y"));
        Rows b = Rows.of(row(1L, "z"), row(3L, "w"));
        MergeSpec spec = spec(1, List.of(), List.of(), List.of(asc(0)), true, 0, -1);
        assertThat(Rows.drain(merger.merge(List.of(a, b), 2, spec), 1))
                .containsExactly(List.of(1L), List.of(2L), List.of(3L));
    }

    @Test
    void distinctThenLimit() {
        Rows a = Rows.of(row(1L), row(1L), row(2L));
        Rows b = Rows.of(row(1L), row(2L), row(3L));
        MergeSpec spec = spec(0, List.of(), List.of(), List.of(asc(0)), true, 1, 1);
        assertThat(Rows.drain(merger.merge(List.of(a, b), 1, spec), 1)).containsExactly(List.of(2L));
    }

    @Test
    void negativeIndexesCountFromTheEnd() {
        // SELECT * ... ORDER BY derived key appended last and hidden
        Rows a = Rows.of(row("a", 3L), row("b", 1L));
        Rows b = Rows.of(row("c", 2L));
        MergeSpec spec = spec(1, List.of(), List.of(), List.of(desc(-1)), false, 0, -1);
        assertThat(Rows.drain(merger.merge(List.of(a, b), 2, spec), 1)).extracting(r -> r.get(0))
                .containsExactly("a", "c", "b");
    }

    @Test
    void havingAcrossShardsIsRefusedWithAWayOut() {
        MergeSpec spec = new MergeSpec(0, List.of(asc(0)), List.of(), List.of(), false, 0, -1, true);
        assertThatThrownBy(() -> ResultMerger.checkSupported(spec, 2))
                .isInstanceOfSatisfying(ShardgateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MERGE);
                    assertThat(e.getMessage()).contains("HAVING across shards").contains("shard key")
                            .contains("shard key");
                });
        ResultMerger.checkSupported(spec, 1);
    }
}
