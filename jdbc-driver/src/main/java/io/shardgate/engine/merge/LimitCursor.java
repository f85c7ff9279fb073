package io.shardgate.engine.merge;

/**
 * Skips {@code offset} rows, then passes at most {@code limit} rows (-1 = no limit). Reaching the
 * limit closes the input at once, so the backends stop sending and their connections go back.
 */
public final class LimitCursor implements RowStream {

    private final RowStream input;
    private final long offset;
    private final long limit;
    private long skipped;
    private long returned;
    private boolean done;

    public LimitCursor(RowStream input, long offset, long limit) {
        this.input = input;
        this.offset = Math.max(0, offset);
        this.limit = limit;
    }

    @Override
    public boolean next() {
        if (done) {
            return false;
        }
        if (limit >= 0 && returned >= limit) {
            close();
            return false;
        }
        while (skipped < offset) {
            if (!input.next()) {
                close();
                return false;
            }
            skipped++;
        }
        if (!input.next()) {
            close();
            return false;
        }
        returned++;
        return true;
    }

    @Override
    public Object[] row() {
        return input.row();
    }

    @Override
    public void close() {
        done = true;
        input.close();
    }
}
