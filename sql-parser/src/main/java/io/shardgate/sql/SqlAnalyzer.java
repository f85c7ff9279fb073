package io.shardgate.sql;

import io.shardgate.sql.lex.MySqlLexer;

import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parses and analyzes MySQL statements with Calcite, with a bounded cache keyed by SQL text.
 * Never throws for classification: what Calcite cannot parse becomes an {@link OtherStatement}
 * classified by its leading keywords. Thread-safe.
 *
 * <p>How: a MySQL lexer ({@link io.shardgate.sql.lex.MySqlLexer}) classifies the statement.
 * SELECT, UPDATE and DELETE (and INSERT … SELECT) are handed to Calcite's parser in a normalized
 * form (MySQL-only clauses such as FOR UPDATE or index hints left out, names Calcite reserves
 * quoted, MySQL operators mapped), and every position Calcite reports is mapped back to the
 * original text; UPDATE and DELETE are parsed as the SELECT that reads the same rows, which covers
 * their multi-table forms and ORDER BY / LIMIT. INSERT VALUES / SET, SET, SHOW, USE, transaction
 * control, KILL, DDL and Shardgate's admin SQL are read from tokens.
 *
 * <p>The cache is a {@link ConcurrentHashMap} with first-in-first-out eviction: a hit is one
 * lock-free map read and writes nothing (no LRU bookkeeping shared by all threads), which is what
 * a proxy serving many connections wants; the price is that a hot statement is occasionally evicted
 * and parsed again once. Texts longer than {@value #MAX_CACHED_LENGTH} characters (bulk inserts)
 * are not cached, so the cache's memory stays bounded by entries × that length.
 */
public final class SqlAnalyzer {

    /** Longer statements are analyzed every time rather than pinned in memory. */
    public static final int MAX_CACHED_LENGTH = 16_384;

    private final int capacity;
    private final ConcurrentHashMap<String, SqlStatement> cache;
    private final Queue<String> insertionOrder = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    /** @param cacheSize maximum number of cached statements; 0 disables the cache */
    public SqlAnalyzer(int cacheSize) {
        if (cacheSize < 0) {
            throw new IllegalArgumentException("cache size must be >= 0, was " + cacheSize);
        }
        this.capacity = cacheSize;
        this.cache = new ConcurrentHashMap<>(Math.min(cacheSize, 1 << 16) * 4 / 3 + 1);
    }

    /** The cached analysis of {@code sql}, or null: never parses (cheap enough for an event loop). */
    public SqlStatement cached(String sql) {
        return cache.get(sql);
    }

    /** The analysis of one statement (no multi-statement text: see {@link #splitStatements}). */
    public SqlStatement analyze(String sql) {
        Objects.requireNonNull(sql, "sql");
        SqlStatement cached = cache.get(sql);
        if (cached != null) {
            return cached;
        }
        SqlStatement statement = StatementAnalysis.analyze(sql);
        if (capacity > 0 && sql.length() <= MAX_CACHED_LENGTH && cache.putIfAbsent(sql, statement) == null) {
            insertionOrder.add(sql);
            if (size.incrementAndGet() > capacity) {
                String oldest = insertionOrder.poll();
                if (oldest != null) {
                    cache.remove(oldest);
                    size.decrementAndGet();
                }
            }
        }
        return statement;
    }

    /** Number of statements in the cache. */
    public int cachedStatements() {
        return cache.size();
    }

    /**
     * Splits a multi-statement text (COM_QUERY with CLIENT_MULTI_STATEMENTS) at its top-level
     * semicolons; semicolons inside strings, comments and quoted names do not split.
     */
    public static List<String> splitStatements(String sql) {
        return MySqlLexer.splitStatements(sql);
    }
}
