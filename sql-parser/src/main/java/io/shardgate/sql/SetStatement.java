package io.shardgate.sql;

import java.util.List;
import java.util.Map;

/**
 * SET. Each assignment: scope, variable name in lower case without {@code @@}/{@code @} prefixes,
 * and the value as written ({@code valueText}) plus its literal when it is one (else null).
 * {@code SET NAMES x [COLLATE y]} is name "names" with value x (collation in {@code collate});
 * {@code SET [SESSION] TRANSACTION ISOLATION LEVEL l} is name "transaction_isolation" with value
 * like "READ-COMMITTED" and scope SESSION (or NEXT_TRANSACTION without SESSION);
 * {@code SET [SESSION] TRANSACTION READ ONLY} is "transaction_read_only" = 1.
 */
public record SetStatement(String sql, List<TableRef> tables, int parameterCount, Map<String, String> hints,
                           List<SetAssignment> assignments, RewriteTokens tokens) implements SqlStatement {

    @Override
    public StatementKind kind() {
        return StatementKind.SET;
    }

    public record SetAssignment(Scope scope, String name, String valueText, SqlValue value, String collate) {
    }

    public enum Scope { SESSION, GLOBAL, USER, NEXT_TRANSACTION }
}
