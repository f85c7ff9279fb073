package io.shardgate.sql;

import java.util.List;
import java.util.Map;

/**
 * Anything else, classified by its leading keywords: XA …, EXPLAIN/DESCRIBE of a statement
 * ({@code kind()} EXPLAIN, {@code explained} the inner statement), DO, CALL, LOCK/UNLOCK TABLES,
 * FLUSH, ANALYZE/OPTIMIZE TABLE, HANDLER, LOAD DATA, GRANT …; also any statement Calcite could not
 * parse whose leading keyword says SELECT/INSERT/… but whose structure could not be analyzed
 * ({@code parsed} false, {@code kind()} the keyword's kind, {@code parseError} Calcite's message).
 * {@code tables} are the table names found by scanning tokens after FROM/JOIN/INTO/UPDATE/TABLE.
 */
public record OtherStatement(String sql, StatementKind kind, List<TableRef> tables, int parameterCount,
                             Map<String, String> hints, boolean parsed, String parseError,
                             SqlStatement explained, RewriteTokens tokens) implements SqlStatement {
}
