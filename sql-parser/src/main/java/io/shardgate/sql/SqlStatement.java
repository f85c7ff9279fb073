package io.shardgate.sql;

import java.util.List;
import java.util.Map;

/**
 * An analyzed statement: what it is, which tables it names where, the conditions routing needs,
 * and the token positions the rewriter uses. Produced by {@link SqlAnalyzer}; immutable.
 * Calcite types never appear here.
 */
public sealed interface SqlStatement permits SelectStatement, InsertStatement, UpdateStatement,
        DeleteStatement, DdlStatement, SetStatement, UseStatement, ShowStatement,
        TransactionStatement, AdminStatement, KillStatement, OtherStatement {

    /** The original SQL text, exactly as received. */
    String sql();

    StatementKind kind();

    /** Every table occurrence in text order (including subqueries). Empty when none. */
    List<TableRef> tables();

    /** Number of {@code ?} markers. */
    int parameterCount();

    /**
     * Hints from {@code /*+ shardgate: key=value, flag *\/} comments, keys lower case; a flag
     * without value maps to "true". Empty when none.
     */
    Map<String, String> hints();

    /** Token positions for {@link SqlRewriter}; opaque outside sql-parser. */
    RewriteTokens tokens();

    /** Distinct logical table names in order of first appearance. */
    default List<String> tableNames() {
        return tables().stream().map(TableRef::name).distinct().toList();
    }
}
