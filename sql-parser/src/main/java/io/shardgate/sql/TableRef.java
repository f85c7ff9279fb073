package io.shardgate.sql;

/**
 * One occurrence of a table name in the statement text. {@code name} is the logical table name in
 * lower case (unquoted); {@code schema} the qualifier if written ({@code shop.orders}), else null;
 * {@code alias} the alias if any. {@code start}/{@code end} are the character offsets in the
 * original SQL of the whole reference as written (schema qualifier and back-quotes included,
 * alias excluded), {@code end} exclusive — what the rewriter replaces.
 * {@code inSubquery} is true when the reference sits inside a subquery or derived table.
 */
public record TableRef(String name, String schema, String alias, int start, int end, boolean inSubquery) {
}
