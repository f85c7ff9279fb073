package io.shardgate.rules.config;

/** A physical table in a group, printed as {@code g0.orders_1}. */
public record DataNode(String group, String table) {
    @Override
    public String toString() {
        return group + "." + table;
    }
}
