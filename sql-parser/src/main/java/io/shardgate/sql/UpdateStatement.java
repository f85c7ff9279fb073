package io.shardgate.sql;

import java.util.List;
import java.util.Map;

/**
 * UPDATE, single- or multi-table; {@code assignments} map columns (lower case) to values (null
 * entry value = expression, DEFAULT included). {@code where} is the WHERE ANDed with inner-join ON
 * conditions ({@link Predicate#OPAQUE} when none); {@code limited} is true when a LIMIT clause is
 * present.
 */
public record UpdateStatement(String sql, List<TableRef> tables, int parameterCount, Map<String, String> hints,
                              List<Assignment> assignments, Predicate where, boolean limited, RewriteTokens tokens)
        implements SqlStatement {

    @Override
    public StatementKind kind() {
        return StatementKind.UPDATE;
    }

    public record Assignment(ColumnRef column, SqlValue value) {
    }
}
