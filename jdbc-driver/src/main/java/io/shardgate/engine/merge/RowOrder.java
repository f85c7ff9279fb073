package io.shardgate.engine.merge;

import java.util.Comparator;
import java.util.List;

/** Orders rows by sort keys (absolute column indexes), each ascending or descending, with {@link ValueOrder}. */
public final class RowOrder implements Comparator<Object[]> {

    private final int[] columns;
    private final boolean[] descending;

    public RowOrder(List<Key> keys) {
        columns = new int[keys.size()];
        descending = new boolean[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            columns[i] = keys.get(i).column();
            descending[i] = keys.get(i).descending();
        }
    }

    /** A resolved sort key. */
    public record Key(int column, boolean descending) {
    }

    @Override
    public int compare(Object[] a, Object[] b) {
        for (int i = 0; i < columns.length; i++) {
            int c = ValueOrder.MYSQL.compare(a[columns[i]], b[columns[i]]);
            if (c != 0) {
                return descending[i] ? -c : c;
            }
        }
        return 0;
    }
}
