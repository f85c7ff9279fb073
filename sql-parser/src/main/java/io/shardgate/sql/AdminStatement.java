package io.shardgate.sql;

import java.util.List;
import java.util.Map;

/**
 * Shardgate's own SQL (DESIGN §1): {@code EXPLAIN ROUTE <sql>} (argument = the inner SQL text),
 * {@code SHOW SHARDGATE GROUPS|RULES|HOTSPOTS}, {@code RELOAD SHARDGATE RULES}.
 */
public record AdminStatement(String sql, Command command, String argument, Map<String, String> hints,
                             RewriteTokens tokens) implements SqlStatement {

    public enum Command { EXPLAIN_ROUTE, SHOW_GROUPS, SHOW_RULES, SHOW_HOTSPOTS, RELOAD_RULES }

    @Override
    public StatementKind kind() {
        return StatementKind.ADMIN;
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
