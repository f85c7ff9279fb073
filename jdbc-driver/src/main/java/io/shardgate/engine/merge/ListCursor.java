package io.shardgate.engine.merge;

import java.util.Iterator;
import java.util.List;

/** Rows that are already in memory: answers computed by the engine itself, and buffered merges. */
public final class ListCursor implements RowStream {

    private final Iterator<Object[]> rows;
    private Object[] current;

    public ListCursor(List<Object[]> rows) {
        this.rows = rows.iterator();
    }

    @Override
    public boolean next() {
        if (rows.hasNext()) {
            current = rows.next();
            return true;
        }
        current = null;
        return false;
    }

    @Override
    public Object[] row() {
        return current;
    }

    @Override
    public void close() {
        current = null;
        while (rows.hasNext()) {
            rows.next();
        }
    }
}
