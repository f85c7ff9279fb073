package io.shardgate.sql;

/**
 * A column as a statement names it. {@code table} is the logical table name (lower case) the
 * column belongs to, resolved from its qualifier or alias, or — when unqualified — the single
 * table of the query block; null when it cannot be told (unqualified in a join).
 */
public record ColumnRef(String table, String column) {
}
