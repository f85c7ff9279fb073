package io.shardgate.sql;

import java.util.List;
import java.util.Map;

/**
 * INSERT or REPLACE (see {@link #kind}).
 *
 * @param columns      the column list in lower case; empty when not written
 * @param rows         VALUES rows (the {@code INSERT … SET a = 1, b = 2} form is one row); an entry
 *                     is null where the value is an expression (DEFAULT included), not a plain
 *                     literal or marker
 * @param select       true for INSERT … SELECT (rows empty)
 * @param onDuplicateKeyUpdate columns assigned in ON DUPLICATE KEY UPDATE (lower case), empty if none
 */
public record InsertStatement(String sql, StatementKind kind, List<TableRef> tables, int parameterCount,
                              Map<String, String> hints, String table, List<String> columns,
                              List<List<SqlValue>> rows, boolean select, List<String> onDuplicateKeyUpdate,
                              RewriteTokens tokens) implements SqlStatement {
}
