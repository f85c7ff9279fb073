package io.shardgate.engine;

import java.util.List;

/** An update count (summed over shards), the last generated key (0 if none) and warnings. */
public record UpdateResult(long affectedRows, long lastInsertId, List<EngineWarning> warnings)
        implements ExecutionResult {

    @Override
    public void close() {
    }
}
