package io.shardgate.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Token positions inside a statement's text that {@link SqlRewriter} needs (column qualifiers that
 * name a table, the LIMIT clause, the end of the select list and how to write each derived column,
 * the INSERT column list and rows, the markers). Table name positions are the statement's
 * {@link TableRef}s. Opaque outside sql-parser; immutable. All offsets are into the statement's
 * original text, end exclusive; -1 where a clause does not exist.
 */
public final class RewriteTokens {

    static final RewriteTokens NONE = new Builder().build();

    /** Offsets of the {@code ?} markers, in text order (index = parameter index). */
    final int[] markers;
    /** Column qualifiers that name a table ({@code orders.id}, {@code shop.orders.id}). */
    final List<Qualifier> qualifiers;
    /** The outermost LIMIT clause, from the keyword to the end of its last value. */
    final int limitStart;
    final int limitEnd;
    /** End of the last select-list item of the first SELECT block (derived columns go here). */
    final int selectListEnd;
    /** How to write each of {@link SelectStatement#derived()}. */
    final List<DerivedColumn> derived;
    /** INSERT: offset of the ')' that closes the column list. */
    final int columnListClose;
    /** INSERT: each VALUES row, from its '(' (or ROW) to after its ')'. */
    final int[] rowStarts;
    final int[] rowEnds;
    /** INSERT … SET: end of the last assignment. */
    final int setListEnd;
    /** CREATE/DROP DATABASE: the database name. */
    final String databaseName;
    /** SELECT: GROUP BY … WITH ROLLUP at the outermost level. */
    final boolean rollup;
    /**
     * The WHERE (with inner-join ON conditions) of the query block each table reference sits in,
     * keyed by the reference's start offset: how a subquery's own conditions restrict its tables.
     */
    final Map<Integer, Predicate> blockWheres;
    /** The outermost HAVING clause, from the keyword to the end of its condition; -1 if none. */
    final int havingStart;
    final int havingEnd;
    /** That clause as a condition over output columns, or null when it cannot be evaluated after a merge. */
    final HavingCondition having;

    private RewriteTokens(Builder b) {
        this.markers = b.markers;
        this.qualifiers = List.copyOf(b.qualifiers);
        this.limitStart = b.limitStart;
        this.limitEnd = b.limitEnd;
        this.selectListEnd = b.selectListEnd;
        this.derived = List.copyOf(b.derived);
        this.columnListClose = b.columnListClose;
        this.rowStarts = b.rowStarts;
        this.rowEnds = b.rowEnds;
        this.setListEnd = b.setListEnd;
        this.databaseName = b.databaseName;
        this.rollup = b.rollup;
        this.blockWheres = Map.copyOf(b.blockWheres);
        this.havingStart = b.havingStart;
        this.havingEnd = b.havingEnd;
        this.having = b.having;
    }

    /**
     * The condition of the query block that {@code ref} sits in (its WHERE and inner-join ONs), or
     * null when the analysis does not know it (unparsed statements, INSERT targets).
     */
    public Predicate whereOf(TableRef ref) {
        return blockWheres.get(ref.start());
    }

    /** A column qualifier {@code start..end} that is the table {@code table} (not an alias). */
    record Qualifier(int start, int end, String table) {
        Qualifier shift(int by) {
            return new Qualifier(start + by, end + by, table);
        }
    }

    /**
     * A derived select-list entry: {@code prefix}, then the original text {@code start..end} (with
     * the same table renames as the rest of the statement), then {@code suffix}; {@code aggregate}
     * tells how the column combines across shards.
     */
    record DerivedColumn(String prefix, int start, int end, String suffix, SelectStatement.Aggregate aggregate) {
        DerivedColumn shift(int by) {
            return new DerivedColumn(prefix, start + by, end + by, suffix, aggregate);
        }
    }

    /** The same positions for this statement embedded at {@code by} characters into a longer text. */
    RewriteTokens shift(int by) {
        Builder b = new Builder();
        b.markers = Arrays.stream(markers).map(m -> m + by).toArray();
        qualifiers.forEach(q -> b.qualifiers.add(q.shift(by)));
        b.limitStart = limitStart < 0 ? -1 : limitStart + by;
        b.limitEnd = limitEnd < 0 ? -1 : limitEnd + by;
        b.selectListEnd = selectListEnd < 0 ? -1 : selectListEnd + by;
        derived.forEach(d -> b.derived.add(d.shift(by)));
        b.columnListClose = columnListClose < 0 ? -1 : columnListClose + by;
        b.rowStarts = Arrays.stream(rowStarts).map(m -> m + by).toArray();
        b.rowEnds = Arrays.stream(rowEnds).map(m -> m + by).toArray();
        b.setListEnd = setListEnd < 0 ? -1 : setListEnd + by;
        b.databaseName = databaseName;
        b.rollup = rollup;
        blockWheres.forEach((start, where) -> b.blockWheres.put(start + by, where));
        b.havingStart = havingStart < 0 ? -1 : havingStart + by;
        b.havingEnd = havingEnd < 0 ? -1 : havingEnd + by;
        b.having = having;
        return b.build();
    }

    String databaseName() {
        return databaseName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RewriteTokens r && Arrays.equals(markers, r.markers) && qualifiers.equals(r.qualifiers)
                && limitStart == r.limitStart && limitEnd == r.limitEnd && selectListEnd == r.selectListEnd
                && derived.equals(r.derived) && columnListClose == r.columnListClose
                && Arrays.equals(rowStarts, r.rowStarts) && Arrays.equals(rowEnds, r.rowEnds)
                && setListEnd == r.setListEnd && Objects.equals(databaseName, r.databaseName)
                && rollup == r.rollup;
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(markers) * 31 + qualifiers.hashCode()) * 31 + limitStart * 17 + selectListEnd;
    }

    @Override
    public String toString() {
        return "RewriteTokens[markers=" + Arrays.toString(markers) + ", qualifiers=" + qualifiers
                + ", limit=" + limitStart + ".." + limitEnd + ", selectListEnd=" + selectListEnd
                + ", derived=" + derived + ", columnListClose=" + columnListClose
                + ", rows=" + rowStarts.length + ", setListEnd=" + setListEnd + "]";
    }

    static final class Builder {
        int[] markers = new int[0];
        final List<Qualifier> qualifiers = new ArrayList<>();
        int limitStart = -1;
        int limitEnd = -1;
        int selectListEnd = -1;
        final List<DerivedColumn> derived = new ArrayList<>();
        int columnListClose = -1;
        int[] rowStarts = new int[0];
        int[] rowEnds = new int[0];
        int setListEnd = -1;
        final Map<Integer, Predicate> blockWheres = new java.util.HashMap<>();
        int havingStart = -1;
        int havingEnd = -1;
        HavingCondition having;
        String databaseName;
        boolean rollup;

        RewriteTokens build() {
            return new RewriteTokens(this);
        }
    }
}
