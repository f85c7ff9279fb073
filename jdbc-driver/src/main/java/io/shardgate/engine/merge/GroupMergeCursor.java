package io.shardgate.engine.merge;

/**
 * Merges partial groups from an input sorted by (at least) the group keys: rows of one group are
 * adjacent, so each group is folded as it passes and memory is one group. With no group keys the
 * whole input is one group, and an empty input still gives the one row SQL requires
 * (COUNT 0, other aggregates NULL).
 */
final class GroupMergeCursor implements RowStream {

    private final RowStream input;
    private final int[] keys;
    private final Aggregation aggregation;
    private final int columnCount;
    private Object[] lookahead;
    private boolean started;
    private boolean inputDone;
    private Object[] current;

    GroupMergeCursor(RowStream input, int[] keys, Aggregation aggregation, int columnCount) {
        this.input = input;
        this.keys = keys;
        this.aggregation = aggregation;
        this.columnCount = columnCount;
    }

    @Override
    public boolean next() {
        if (!started) {
            started = true;
            if (input.next()) {
                lookahead = input.row();
            } else {
                inputDone = true;
                input.close();
                current = keys.length == 0 ? aggregation.emptyRow(columnCount) : null;
                return current != null;
            }
        }
        if (lookahead == null) {
            current = null;
            return false;
        }
        Aggregation.Group group = aggregation.start(lookahead);
        lookahead = null;
        while (!inputDone) {
            if (!input.next()) {
                inputDone = true;
                input.close();
                break;
            }
            Object[] row = input.row();
            if (sameGroup(group.keyRow(), row)) {
                group.add(row);
            } else {
                lookahead = row;
                break;
            }
        }
        current = group.finish();
        return true;
    }

    private boolean sameGroup(Object[] a, Object[] b) {
        for (int k : keys) {
            if (ValueOrder.MYSQL.compare(a[k], b[k]) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Object[] row() {
        return current;
    }

    @Override
    public void close() {
        inputDone = true;
        lookahead = null;
        started = true;
        input.close();
    }
}
