package io.shardgate.engine.metadata;

import io.shardgate.rules.config.DataNode;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.config.TableRule;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps physical table names back to logical ones, per group, so that no physical name
 * ({@code orders_3}) reaches a client through result metadata or table listings.
 */
public final class PhysicalNames {

    private final Map<String, Map<String, String>> logicalByGroup = new HashMap<>();
    private final Map<String, String> logicalAnywhere = new HashMap<>();

    public PhysicalNames(RuleSet rules) {
        for (TableRule rule : rules.tables().values()) {
            if (rule instanceof TableRule.Sharded sharded) {
                for (DataNode node : sharded.nodes()) {
                    String physical = node.table().toLowerCase(Locale.ROOT);
                    logicalByGroup.computeIfAbsent(node.group(), g -> new HashMap<>()).put(physical, sharded.name());
                    logicalAnywhere.putIfAbsent(physical, sharded.name());
                }
            }
        }
    }

    /** The logical name of {@code table} as seen in {@code group} (itself when it is not a shard). */
    public String logical(String group, String table) {
        if (table == null || table.isEmpty()) {
            return table;
        }
        String key = table.toLowerCase(Locale.ROOT);
        Map<String, String> names = group == null ? null : logicalByGroup.get(group);
        String logical = names == null ? null : names.get(key);
        if (logical == null) {
            logical = logicalAnywhere.get(key);
        }
        return logical == null ? table : logical;
    }

    /** Whether {@code table} in {@code group} is a shard of a sharded table (hidden from listings). */
    public boolean isShard(String group, String table) {
        Map<String, String> names = logicalByGroup.get(group);
        return names != null && names.containsKey(table.toLowerCase(Locale.ROOT));
    }

    /** Every physical name of shards, for replacing them in text such as SHOW CREATE TABLE. */
    public Set<String> shardNames() {
        return new HashSet<>(logicalAnywhere.keySet());
    }
}
