package io.shardgate.engine.execute;

import io.shardgate.engine.EngineWarning;

import java.util.List;

/**
 * The units of one statement after they ran: open cursors (in unit order) when the statement
 * returns rows, else counts; plus the backends' warnings. The caller owns the cursors.
 */
public record Executed(List<ResultSetCursor> cursors, List<UnitCount> counts, List<EngineWarning> warnings) {

    public boolean hasRows() {
        return !cursors.isEmpty();
    }

    public long affectedRows() {
        return counts.stream().mapToLong(UnitCount::affectedRows).sum();
    }

    /** Backend-generated keys of all units, unit order. */
    public List<Long> generatedKeys() {
        return counts.stream().flatMap(c -> c.generatedKeys().stream()).toList();
    }

    public void close() {
        cursors.forEach(ResultSetCursor::close);
    }
}
