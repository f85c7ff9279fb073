package io.shardgate.rules.config;

/** {@code policies:} defaults federate, best-effort, allow. */
public record Policies(CrossShardJoin crossShardJoin, CrossShardTransaction crossShardTransaction,
                       ScatterWrite scatterWrite) {

    public static final Policies DEFAULT =
            new Policies(CrossShardJoin.FEDERATE, CrossShardTransaction.BEST_EFFORT, ScatterWrite.ALLOW);

    public enum CrossShardJoin { FEDERATE, REJECT }

    public enum CrossShardTransaction { BEST_EFFORT, XA, REJECT }

    public enum ScatterWrite { ALLOW, REJECT }
}
