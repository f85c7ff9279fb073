package io.shardgate.rules.algorithm;

/** The one check every algorithm makes on its shard count. */
final class ShardCount {

    private ShardCount() {
    }

    static int require(String type, int shardCount) {
        if (shardCount < 1) {
            throw new IllegalArgumentException(type + " over " + shardCount + " shards is impossible; "
                    + "expected at least one shard node");
        }
        return shardCount;
    }
}
