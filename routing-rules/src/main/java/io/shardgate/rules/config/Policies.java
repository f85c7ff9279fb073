package io.shardgate.rules.config;

/**
 * {@code policies:} defaults federate, best-effort, allow.
 *
 * @param federationMaxRows {@code federation-max-rows}: the most rows one federated (cross-shard)
 *                          join may read from the shards, all of which it may hold in memory;
 *                          past it the statement fails with a clear error instead of exhausting the heap
 */
public record Policies(CrossShardJoin crossShardJoin, CrossShardTransaction crossShardTransaction,
                       ScatterWrite scatterWrite, long federationMaxRows) {

    public static final long DEFAULT_FEDERATION_MAX_ROWS = 1_000_000;

    public static final Policies DEFAULT = new Policies(CrossShardJoin.FEDERATE, CrossShardTransaction.BEST_EFFORT,
            ScatterWrite.ALLOW, DEFAULT_FEDERATION_MAX_ROWS);

    /** The policies with the default federation limit. */
    public Policies(CrossShardJoin crossShardJoin, CrossShardTransaction crossShardTransaction,
                    ScatterWrite scatterWrite) {
        this(crossShardJoin, crossShardTransaction, scatterWrite, DEFAULT_FEDERATION_MAX_ROWS);
    }

    public enum CrossShardJoin { FEDERATE, REJECT }

    public enum CrossShardTransaction { BEST_EFFORT, XA, REJECT }

    public enum ScatterWrite { ALLOW, REJECT }
}
