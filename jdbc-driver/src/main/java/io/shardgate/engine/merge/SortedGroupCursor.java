package io.shardgate.engine.merge;

/**
 * Merges partial groups from inputs sorted by the group keys. The shards sorted them by their own
 * collation, which for text may differ from the merge's order (see {@link ValueOrder#exactFor}):
 * then rows of one group need not meet in the merged stream, and folding adjacent rows would split
 * the group. So the first row decides: group keys whose order is exact (numbers, dates, bytes)
 * fold as they stream, in constant memory ({@link GroupMergeCursor}); any text or NULL key groups
 * by hash and sorts the groups at the end ({@link BufferedGroupCursor}, bounded by
 * {@code maxGroups}).
 */
final class SortedGroupCursor implements RowStream {

    private final RowStream input;
    private final int[] keys;
    private final Aggregation aggregation;
    private final int columnCount;
    private final RowOrder order;
    private final long maxGroups;
    private RowStream merged;

    SortedGroupCursor(RowStream input, int[] keys, Aggregation aggregation, int columnCount, RowOrder order,
                      long maxGroups) {
        this.input = input;
        this.keys = keys;
        this.aggregation = aggregation;
        this.columnCount = columnCount;
        this.order = order;
        this.maxGroups = maxGroups;
    }

    @Override
    public boolean next() {
        if (merged == null) {
            if (!input.next()) {
                input.close();
                merged = EMPTY;
                return false;
            }
            Object[] first = input.row().clone();
            RowStream replay = new Replay(first, input);
            merged = ValueOrder.MYSQL.exactFor(first, keys) ? new GroupMergeCursor(replay, keys, aggregation, columnCount)
                    : new BufferedGroupCursor(replay, keys, aggregation, order, maxGroups);
        }
        return merged.next();
    }

    @Override
    public Object[] row() {
        return merged.row();
    }

    @Override
    public void close() {
        if (merged != null) {
            merged.close();
        } else {
            merged = EMPTY;
            input.close();
        }
    }

    private static final RowStream EMPTY = new RowStream() {
        @Override
        public boolean next() {
            return false;
        }

        @Override
        public Object[] row() {
            throw new IllegalStateException("no row");
        }

        @Override
        public void close() {
        }
    };

    /** The input again from its first row, which was read to decide. */
    private static final class Replay implements RowStream {
        private final RowStream input;
        private Object[] first;
        private Object[] replayed;

        Replay(Object[] first, RowStream input) {
            this.first = first;
            this.input = input;
        }

        @Override
        public boolean next() {
            replayed = first;
            first = null;
            return replayed != null || input.next();
        }

        @Override
        public Object[] row() {
            return replayed != null ? replayed : input.row();
        }

        @Override
        public void close() {
            first = null;
            replayed = null;
            input.close();
        }
    }
}
