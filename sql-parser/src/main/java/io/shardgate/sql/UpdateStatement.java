package io.shardgate.sql;

import java.util.List;
import java.util.Map;

/** UPDATE; {@code assignments} map columns (lower case) to values (null entry value = expression). */
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
