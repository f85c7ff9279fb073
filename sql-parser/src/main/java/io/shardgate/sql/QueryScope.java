package io.shardgate.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tables (and derived tables) visible in one query block, linked to the enclosing block's
 * scope, to resolve column qualifiers: alias → table name, table name → itself.
 */
final class QueryScope {

    /** What a qualifier resolves to when it names a derived table or CTE: not a real table. */
    static final String DERIVED = "\u0000derived";

    /** @param table lower-case table name, or null for a derived table or CTE */
    record Entry(String alias, String table) {
    }

    final QueryScope parent;
    final List<Entry> entries = new ArrayList<>(4);
    private final Set<String> cteNames;

    QueryScope(QueryScope parent) {
        this.parent = parent;
        this.cteNames = parent == null ? new HashSet<>() : new HashSet<>(parent.cteNames);
    }

    void add(String aliasLower, String tableLower) {
        entries.add(new Entry(aliasLower, tableLower));
    }

    void addCte(String nameLower) {
        cteNames.add(nameLower);
    }

    boolean isCte(String nameLower) {
        return cteNames.contains(nameLower);
    }

    /** The table a qualifier names: a table name, {@link #DERIVED}, or the qualifier itself if unknown. */
    String resolve(String qualifier) {
        for (QueryScope s = this; s != null; s = s.parent) {
            for (Entry e : s.entries) {
                if (qualifier.equals(e.alias())) {
                    return e.table() == null ? DERIVED : e.table();
                }
            }
            for (Entry e : s.entries) {
                if (e.table() != null && qualifier.equals(e.table())) {
                    return e.table();
                }
            }
        }
        return qualifier;
    }

    /** The table of an unqualified column: the only table of this block; null when there are several. */
    String resolveUnqualified() {
        if (entries.size() != 1) {
            return null;
        }
        String table = entries.get(0).table();
        return table == null ? DERIVED : table;
    }
}
