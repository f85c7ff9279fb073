package io.shardgate.sql;

import java.util.List;
import java.util.Map;

/** KILL [CONNECTION|QUERY] id. */
public record KillStatement(String sql, boolean queryOnly, long connectionId, Map<String, String> hints,
                            RewriteTokens tokens) implements SqlStatement {

    @Override
    public StatementKind kind() {
        return StatementKind.KILL;
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
