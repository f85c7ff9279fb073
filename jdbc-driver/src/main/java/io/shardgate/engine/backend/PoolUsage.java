package io.shardgate.engine.backend;

/**
 * A backend pool's connections at one moment, for metrics.
 *
 * @param active  lent out to statements
 * @param idle    open and waiting in the pool
 * @param pending statements waiting for a connection (the pool is exhausted when this grows)
 * @param max     the pool's maximum size
 */
public record PoolUsage(int active, int idle, int pending, int max) {

    /** A pool that has not started yet (pools start on first use). */
    public static final PoolUsage NOT_STARTED = new PoolUsage(0, 0, 0, 0);
}
