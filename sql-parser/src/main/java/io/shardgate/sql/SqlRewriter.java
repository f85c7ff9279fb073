package io.shardgate.sql;

/**
 * Rewrites a statement's original text at token positions for one physical target; never
 * regenerates SQL from a tree. Thread-safe, stateless. (Skeleton: sql-parser fills this in.)
 */
public final class SqlRewriter {

    public RewrittenSql rewrite(SqlStatement statement, RewriteSpec spec) {
        throw new UnsupportedOperationException("not yet");
    }
}
