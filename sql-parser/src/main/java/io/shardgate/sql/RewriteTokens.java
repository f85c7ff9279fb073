package io.shardgate.sql;

/**
 * Token positions inside a statement's text that {@link SqlRewriter} needs (table names, column
 * qualifiers, LIMIT clause, end of select list, INSERT column list and rows, markers).
 * Opaque outside sql-parser. (Skeleton: sql-parser fills this in.)
 */
public final class RewriteTokens {
}
