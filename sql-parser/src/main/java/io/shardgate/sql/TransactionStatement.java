package io.shardgate.sql;

import java.util.List;
import java.util.Map;

/**
 * BEGIN / START TRANSACTION [READ ONLY|READ WRITE|WITH CONSISTENT SNAPSHOT], COMMIT, ROLLBACK
 * [TO [SAVEPOINT] name], SAVEPOINT name, RELEASE SAVEPOINT name.
 * {@code kind()} is BEGIN, COMMIT, ROLLBACK or SAVEPOINT; {@code savepoint} the name if any;
 * {@code release} true for RELEASE SAVEPOINT.
 */
public record TransactionStatement(String sql, StatementKind kind, String savepoint, boolean release,
                                   boolean readOnly, Map<String, String> hints, RewriteTokens tokens)
        implements SqlStatement {

    @Override
    public List<TableRef> tables() {
        return List.of();
    }

    @Override
    public int parameterCount() {
        return 0;
    }
}
