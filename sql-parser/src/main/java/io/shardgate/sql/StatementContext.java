package io.shardgate.sql;

import io.shardgate.sql.lex.SqlTokens;
import io.shardgate.sql.lex.TokenType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What is learned about one statement while it is analyzed: its tokens and hints, the table
 * occurrences and aliases found so far, and the rewrite positions. Single-threaded, short-lived.
 */
final class StatementContext {

    final String sql;
    final SqlTokens tokens;
    final Map<String, String> hints;
    private final List<TableRef> tables = new ArrayList<>();
    /** Lower-case names that are not tables: aliases, derived tables, common table expressions. */
    final Set<String> aliases = new HashSet<>();
    final RewriteTokens.Builder rewrite = new RewriteTokens.Builder();
    boolean subquery;
    /** The query block being walked (-1 outside any), and the block of each table reference by start offset. */
    int currentBlock = -1;
    private int blocks;
    private final Map<Integer, Integer> blockOfTable = new java.util.HashMap<>();

    /** Opens a new query block and returns its id (restore {@link #currentBlock} after walking it). */
    int openBlock() {
        currentBlock = blocks++;
        return currentBlock;
    }

    /** Records the condition of block {@code id} for every table reference that sits directly in it. */
    void closeBlock(int id, Predicate where) {
        blockOfTable.forEach((start, block) -> {
            if (block == id) {
                rewrite.blockWheres.put(start, where);
            }
        });
    }

    StatementContext(String sql, SqlTokens tokens, Map<String, String> hints) {
        this.sql = sql;
        this.tokens = tokens;
        this.hints = hints;
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    void addTable(TableRef ref) {
        for (TableRef existing : tables) {
            if (existing.start() == ref.start()) {
                return; // the same occurrence reached twice (e.g. by a token scan and by Calcite)
            }
        }
        tables.add(ref);
        if (currentBlock >= 0) {
            blockOfTable.put(ref.start(), currentBlock);
        }
        if (ref.alias() != null) {
            aliases.add(lower(ref.alias()));
        }
    }

    /**
     * A table reference written in tokens [first, last]: {@code name} or {@code schema.name} (a
     * third leading part, a catalog, is ignored).
     */
    TableRef tableRef(int first, int last, String alias, boolean inSubquery) {
        String name = lower(tokens.identifier(last));
        String schema = null;
        if (last - 2 >= first && tokens.isSymbol(last - 1, '.')) {
            schema = lower(tokens.identifier(last - 2));
        }
        return new TableRef(name, schema, alias, tokens.start(first), tokens.end(last), inSubquery);
    }

    /** Index of the last token of a dotted name starting at {@code i} (i itself if not dotted). */
    int dottedNameEnd(int i) {
        int j = i;
        while (tokens.isSymbol(j + 1, '.') && tokens.isIdentifier(j + 2)) {
            j += 2;
        }
        return j;
    }

    List<TableRef> tables() {
        List<TableRef> sorted = new ArrayList<>(tables);
        sorted.sort(Comparator.comparingInt(TableRef::start));
        return List.copyOf(sorted);
    }

    /** The rewrite positions: markers, table-name column qualifiers, and what the analyzers recorded. */
    RewriteTokens finishTokens() {
        int[] markers = new int[tokens.parameterCount()];
        int m = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.type(i) == TokenType.PARAM) {
                markers[m++] = tokens.start(i);
            }
        }
        rewrite.markers = markers;
        findQualifiers();
        return rewrite.build();
    }

    /**
     * Column references qualified by a table's own name ({@code orders.id}, {@code shop.orders.id})
     * must follow the table's rename; those qualified by an alias must not.
     */
    private void findQualifiers() {
        if (tables.isEmpty()) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (TableRef t : tables) {
            names.add(t.name());
        }
        List<TableRef> spans = tables();
        int span = 0;
        for (int i = 0; i < tokens.size(); i++) {
            int start = tokens.start(i);
            while (span < spans.size() && spans.get(span).end() <= start) {
                span++;
            }
            if (span < spans.size() && spans.get(span).start() <= start) {
                continue; // inside a table reference
            }
            if (!tokens.isIdentifier(i) || !tokens.isSymbol(i + 1, '.') || tokens.isSymbol(i - 1, '.')) {
                continue;
            }
            boolean part2 = tokens.isIdentifier(i + 2) || tokens.isSymbol(i + 2, '*');
            if (!part2) {
                continue;
            }
            boolean threeParts = tokens.isIdentifier(i + 2) && tokens.isSymbol(i + 3, '.')
                    && (tokens.isIdentifier(i + 4) || tokens.isSymbol(i + 4, '*'));
            int tableToken = threeParts ? i + 2 : i;
            int last = threeParts ? i + 4 : i + 2;
            if (tokens.isSymbol(last + 1, '(')) {
                i = last; // schema.function(…)
                continue;
            }
            String table = lower(tokens.identifier(tableToken));
            if (names.contains(table) && !aliases.contains(table)
                    && !(threeParts && TableRef.isSystemSchema(tokens.identifier(i)))) {
                rewrite.qualifiers.add(new RewriteTokens.Qualifier(start, tokens.end(tableToken), table));
            }
            i = last;
        }
    }
}
