package io.shardgate.sql;

import java.util.List;
import java.util.Map;

/** USE database. */
public record UseStatement(String sql, String database, Map<String, String> hints, RewriteTokens tokens)
        implements SqlStatement {

    @Override
    public StatementKind kind() {
        return StatementKind.USE;
    }

    @Override
    public List<TableRef> tables() {
        return List.of();
    }

    @Override
    public int parameterCount() {
        return 0;
    }
}
