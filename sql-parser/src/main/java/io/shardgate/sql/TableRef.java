package io.shardgate.sql;

import java.util.Locale;

/**
 * One occurrence of a table name in the statement text. {@code name} is the logical table name in
 * lower case (unquoted); {@code schema} the qualifier if written ({@code shop.orders}), else null;
 * {@code alias} the alias if any. {@code start}/{@code end} are the character offsets in the
 * original SQL of the whole reference as written (schema qualifier and back-quotes included,
 * alias excluded), {@code end} exclusive — what the rewriter replaces.
 * {@code inSubquery} is true when the reference sits inside a subquery or derived table.
 */
public record TableRef(String name, String schema, String alias, int start, int end, boolean inSubquery) {

    /**
     * True when the reference is qualified by one of the server's own schemas
     * ({@code information_schema}, {@code mysql}, {@code performance_schema}, {@code sys}): such
     * tables are never logical tables, and {@link SqlRewriter} never renames them.
     */
    public boolean systemSchema() {
        return isSystemSchema(schema);
    }

    static boolean isSystemSchema(String schema) {
        return schema != null && switch (schema.toLowerCase(Locale.ROOT)) {
            case "information_schema", "mysql", "performance_schema", "sys" -> true;
            default -> false;
        };
    }
}
