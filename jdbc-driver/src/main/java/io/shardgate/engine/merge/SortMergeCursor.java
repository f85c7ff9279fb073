package io.shardgate.engine.merge;

import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges inputs that are each already sorted by the same keys into one sorted stream: a priority
 * queue holds each input at its current row, so memory is one row per input whatever the result
 * size. Rows that compare equal come from the earlier input first (stable, deterministic).
 */
public final class SortMergeCursor implements RowStream {

    private final List<? extends RowStream> inputs;
    private final PriorityQueue<Head> heap;
    private Head current;
    private boolean started;

    public SortMergeCursor(List<? extends RowStream> inputs, RowOrder order) {
        this.inputs = inputs;
        this.heap = new PriorityQueue<>(Math.max(1, inputs.size()), (a, b) -> {
            int c = order.compare(a.input.row(), b.input.row());
            return c != 0 ? c : Integer.compare(a.index, b.index);
        });
    }

    private record Head(RowStream input, int index) {
    }

    @Override
    public boolean next() {
        if (!started) {
            started = true;
            for (int i = 0; i < inputs.size(); i++) {
                if (inputs.get(i).next()) {
                    heap.add(new Head(inputs.get(i), i));
                }
            }
        } else if (current != null && current.input.next()) {
            heap.add(current);
        }
        current = heap.poll();
        return current != null;
    }

    @Override
    public Object[] row() {
        return current.input.row();
    }

    @Override
    public void close() {
        heap.clear();
        current = null;
        started = true;
        for (RowStream input : inputs) {
            input.close();
        }
    }
}
