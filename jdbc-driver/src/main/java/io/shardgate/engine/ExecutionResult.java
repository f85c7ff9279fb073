package io.shardgate.engine;

import java.util.List;

/**
 * What one statement produced: rows to stream, or an update count. Warnings carry the route flags
 * of the statement (cross-shard, scatter) and backend warnings.
 */
public sealed interface ExecutionResult extends AutoCloseable permits QueryResult, UpdateResult {

    List<EngineWarning> warnings();

    @Override
    void close();
}
