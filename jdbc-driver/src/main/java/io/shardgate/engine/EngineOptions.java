package io.shardgate.engine;

/**
 * Tuning of an {@link Engine}.
 *
 * @param executorThreads  threads that start the units of multi-shard statements in parallel
 *                         (shared by all sessions; a unit holds a thread only until its backend
 *                         starts answering)
 * @param maxBufferedRows  the most rows (or groups) one statement may hold in memory when a merge
 *                         cannot stream (GROUP BY or DISTINCT whose shards' rows arrive unsorted);
 *                         beyond it the statement fails with MEMORY_LIMIT
 * @param parseCacheSize   analyzed statements kept by SQL text
 */
public record EngineOptions(int executorThreads, long maxBufferedRows, int parseCacheSize) {

    public static EngineOptions defaults() {
        return new EngineOptions(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()), 1_000_000, 4096);
    }

    public EngineOptions {
        if (executorThreads < 1) {
            throw new IllegalArgumentException("executorThreads must be at least 1, got " + executorThreads);
        }
        if (maxBufferedRows < 1) {
            throw new IllegalArgumentException("maxBufferedRows must be at least 1, got " + maxBufferedRows);
        }
    }
}
