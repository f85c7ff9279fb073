package io.shardgate.sql;

import java.util.List;
import java.util.Map;

/** DELETE. */
public record DeleteStatement(String sql, List<TableRef> tables, int parameterCount, Map<String, String> hints,
                              Predicate where, boolean limited, RewriteTokens tokens) implements SqlStatement {

    @Override
    public StatementKind kind() {
        return StatementKind.DELETE;
    }
}
