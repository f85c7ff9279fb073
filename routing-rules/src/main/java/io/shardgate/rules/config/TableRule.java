package io.shardgate.rules.config;

import java.util.List;
import java.util.Map;

/** How a logical table is placed. Table and column names are lower case. */
public sealed interface TableRule {

    String name();

    /**
     * A table split by {@code shardKey} over {@code nodes} (shard i = nodes.get(i)).
     * {@code coLocatedWith} names the table whose algorithm and nodes' groups it shares, or null.
     */
    record Sharded(String name, String shardKey, AlgorithmSpec algorithm, List<DataNode> nodes,
                   KeyGenerator keyGenerator, String coLocatedWith) implements TableRule {
    }

    /** A full copy in every group. */
    record Broadcast(String name) implements TableRule {
    }

    /** {@code algorithm: hash-mod} or {@code {type: range, bounds: [...]}}; params keys as written. */
    record AlgorithmSpec(String type, Map<String, Object> params) {
    }

    /** {@code key-generator: {column: order_id, type: snowflake, worker-id: 3}}. */
    record KeyGenerator(String column, String type, Map<String, Object> params) {
    }
}
