package io.shardgate.engine.merge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test inputs: in-memory row streams that remember whether they were closed. */
final class Rows implements RowStream {

    private final ListCursor rows;
    boolean closed;
    int read;

    private Rows(List<Object[]> rows) {
        this.rows = new ListCursor(rows);
    }

    static Rows of(Object[]... rows) {
        return new Rows(Arrays.asList(rows));
    }

    static Object[] row(Object... values) {
        return values;
    }

    @Override
    public boolean next() {
        if (closed) {
            return false;
        }
        boolean more = rows.next();
        if (more) {
            read++;
        }
        return more;
    }

    @Override
    public Object[] row() {
        return rows.row().clone(); // a fresh array per call, like a backend cursor
    }

    @Override
    public void close() {
        closed = true;
    }

    static List<List<Object>> drain(RowStream stream, int columns) {
        List<List<Object>> out = new ArrayList<>();
        while (stream.next()) {
            Object[] row = stream.row();
            out.add(Arrays.asList(Arrays.copyOf(row, columns)));
        }
        stream.close();
        return out;
    }
}
