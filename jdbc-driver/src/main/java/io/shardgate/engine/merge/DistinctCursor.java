package io.shardgate.engine.merge;

import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Drops rows whose visible columns equal an earlier row's (as MySQL compares them: 'a' = 'A').
 * When the input is sorted by every visible column and the merge's order is exactly the servers'
 * for those columns (no text: see {@link ValueOrder#exactFor}, decided on the first row),
 * duplicates are adjacent and only the previous row is kept; otherwise the distinct rows seen so
 * far are remembered, up to {@code maxRows} (then MEMORY_LIMIT). Either way rows pass on as they
 * arrive, in input order.
 */
final class DistinctCursor implements RowStream {

    private final RowStream input;
    private final int visibleColumns;
    private final boolean sortedInput;
    private final long maxRows;
    private Set<List<Object>> seen;
    private boolean sorted;
    private boolean started;
    private Object[] previous;

    DistinctCursor(RowStream input, int visibleColumns, boolean sortedInput, long maxRows) {
        this.input = input;
        this.visibleColumns = visibleColumns;
        this.sortedInput = sortedInput;
        this.maxRows = maxRows;
    }

    @Override
    public boolean next() {
        while (input.next()) {
            Object[] row = input.row();
            if (!started) {
                started = true;
                sorted = sortedInput
                        && ValueOrder.MYSQL.exactFor(row, IntStream.range(0, visibleColumns).toArray());
                seen = sorted ? null : new HashSet<>();
            }
            if (sorted) {
                if (previous == null || !sameVisible(previous, row)) {
                    previous = row.clone();
                    return true;
                }
            } else {
                List<Object> key = new ArrayList<>(visibleColumns);
                for (int i = 0; i < visibleColumns; i++) {
                    key.add(ValueOrder.MYSQL.key(row[i]));
                }
                if (seen.add(key)) {
                    if (seen.size() > maxRows) {
                        close();
                        throw new ShardgateException(ErrorCode.MEMORY_LIMIT, "DISTINCT across shards produced more "
                                + "than " + maxRows + " distinct rows, which is the merge buffer limit (rows of "
                                + "numbers or dates meet as the shards stream when the query orders by all selected "
                                + "columns; text is remembered, since each server sorts text by its own collation); "
                                + "narrow the query with a shard-key condition, or raise the engine's "
                                + "max-buffered-rows");
                    }
                    return true;
                }
            }
        }
        return false;
    }

    private boolean sameVisible(Object[] a, Object[] b) {
        for (int i = 0; i < visibleColumns; i++) {
            if (ValueOrder.MYSQL.compare(a[i], b[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Object[] row() {
        return input.row();
    }

    @Override
    public void close() {
        input.close();
    }
}
