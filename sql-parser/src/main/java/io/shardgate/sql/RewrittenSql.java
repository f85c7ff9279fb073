package io.shardgate.sql;

/**
 * Physical SQL for one target, with {@code parameterIndexes}: for each {@code ?} left in {@code sql},
 * in order, the index of the original parameter that feeds it.
 */
public record RewrittenSql(String sql, int[] parameterIndexes) {
}
