package io.shardgate.sql;

import java.util.List;
import java.util.Map;

/**
 * DELETE, single- or multi-table ({@code DELETE t1 FROM t1 JOIN t2 …}, {@code DELETE FROM t1 USING …};
 * target names that are aliases are not table references). {@code where} as for UPDATE;
 * {@code limited} is true when a LIMIT clause is present.
 */
public record DeleteStatement(String sql, List<TableRef> tables, int parameterCount, Map<String, String> hints,
                              Predicate where, boolean limited, RewriteTokens tokens) implements SqlStatement {

    @Override
    public StatementKind kind() {
        return StatementKind.DELETE;
    }
}
