package io.shardgate.sql;

/**
 * Parses and analyzes MySQL statements with Calcite, with a bounded cache keyed by SQL text.
 * Never throws for classification: what Calcite cannot parse becomes an {@link OtherStatement}
 * classified by its leading keywords. Thread-safe. (Skeleton: sql-parser fills this in.)
 */
public final class SqlAnalyzer {

    public SqlAnalyzer(int cacheSize) {
    }

    public SqlStatement analyze(String sql) {
        throw new UnsupportedOperationException("not yet");
    }
}
