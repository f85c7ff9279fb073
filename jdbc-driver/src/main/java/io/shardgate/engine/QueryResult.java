package io.shardgate.engine;

import java.util.List;

/**
 * A result set that streams: {@link #rows()} is pulled row by row; backend connections are held
 * until the cursor is exhausted or closed. The caller must close it.
 */
public record QueryResult(List<ColumnMeta> columns, RowCursor rows, List<EngineWarning> warnings)
        implements ExecutionResult {

    @Override
    public void close() {
        rows.close();
    }
}
