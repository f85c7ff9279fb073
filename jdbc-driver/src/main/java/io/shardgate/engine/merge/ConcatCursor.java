package io.shardgate.engine.merge;

import java.util.List;

/** The rows of each input in turn (no order across inputs); closes each input as soon as it ends. */
public final class ConcatCursor implements RowStream {

    private final List<? extends RowStream> inputs;
    private int current;

    public ConcatCursor(List<? extends RowStream> inputs) {
        this.inputs = inputs;
    }

    @Override
    public boolean next() {
        while (current < inputs.size()) {
            if (inputs.get(current).next()) {
                return true;
            }
            inputs.get(current).close();
            current++;
        }
        return false;
    }

    @Override
    public Object[] row() {
        return inputs.get(current).row();
    }

    @Override
    public void close() {
        for (RowStream input : inputs) {
            input.close();
        }
        current = inputs.size();
    }
}
