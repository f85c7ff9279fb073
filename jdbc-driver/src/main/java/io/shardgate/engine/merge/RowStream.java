package io.shardgate.engine.merge;

import io.shardgate.engine.RowCursor;

/**
 * A {@link RowCursor} whose current row is also available as an array, which is what the merge
 * cursors compare, group and copy. The array belongs to the stream: it is valid until the next
 * call to {@link #next()} and must be copied to be kept.
 */
public interface RowStream extends RowCursor {

    /** The current row; its length is the result's column count. */
    Object[] row();

    @Override
    default Object value(int index) {
        return row()[index];
    }
}
