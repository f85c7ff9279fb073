package io.shardgate.sql;

import io.shardgate.sql.lex.SqlTokens;
import io.shardgate.sql.lex.TokenType;

import java.util.Arrays;
import java.util.Set;

/**
 * Finds table names by their position after FROM, JOIN, INTO, UPDATE, TABLE(S), USING and
 * REFERENCES, for statements Calcite did not parse (and for DDL and other statements Calcite does
 * not know). Best effort by design: it is what keeps unparsed statements routable when their
 * tables alone decide the destination.
 */
final class TableScanner {

    /** Non-reserved words that end a table reference instead of being its alias. */
    private static final Set<String> NOT_ALIAS = Set.of("VALUE", "NOWAIT", "SKIP", "RETURNING", "LOCAL",
            "ENGINE", "COMMENT", "AUTO_INCREMENT", "CHARSET", "COLLATION", "TYPE", "ALGORITHM", "COLUMNS",
            "FIELDS", "START", "END", "OPEN", "CLOSE", "QUICK", "EXTENDED", "MEDIUM", "FAST", "CHANGED",
            "NO_WRITE_TO_BINLOG", "PERSISTENT", "TO", "AS", "LIKE", "ADD", "MODIFY", "DROP", "ALTER", "RENAME",
            "DISCARD", "IMPORT", "FORCE", "CONVERT", "ORDER", "ROW_FORMAT", "DATA", "INDEX", "PARTITION",
            "REMOVE", "TRUNCATE", "COALESCE", "REORGANIZE", "EXCHANGE", "ANALYZE", "CHECK", "OPTIMIZE",
            "REBUILD", "REPAIR", "WAIT", "NO_WAIT", "DEFAULT", "CHARACTER", "LOCK", "KEY_BLOCK_SIZE",
            "ONLINE", "OFFLINE", "FOR");

    private TableScanner() {
    }

    /** Adds the tables found in tokens [from, to) to the context. */
    static void scan(StatementContext ctx, int from, int to) {
        SqlTokens t = ctx.tokens;
        boolean[] subqueryParen = new boolean[16];
        int depth = 0;
        int subDepth = 0;
        for (int i = from; i < to; i++) {
            if (t.isSymbol(i, '(')) {
                boolean sub = t.isAnyWord(i + 1, "SELECT", "WITH");
                if (depth == subqueryParen.length) {
                    subqueryParen = Arrays.copyOf(subqueryParen, depth * 2);
                }
                subqueryParen[depth++] = sub;
                if (sub) {
                    subDepth++;
                }
                continue;
            }
            if (t.isSymbol(i, ')')) {
                if (depth > 0 && subqueryParen[--depth]) {
                    subDepth--;
                }
                continue;
            }
            boolean inSub = subDepth > 0;
            if (t.isAnyWord(i, "FROM", "USING")) {
                i = tableList(ctx, i + 1, to, true, inSub) - 1;
            } else if (t.isAnyWord(i, "JOIN", "STRAIGHT_JOIN", "REFERENCES")) {
                i = tableList(ctx, i + 1, to, false, inSub) - 1;
            } else if (t.isWord(i, "INTO") && !t.isAnyWord(i + 1, "OUTFILE", "DUMPFILE")) {
                i = tableList(ctx, t.isWord(i + 1, "TABLE") ? i + 2 : i + 1, to, false, inSub) - 1;
            } else if (t.isWord(i, "UPDATE") && (i == from || t.isAnyWord(i - 1, "LOW_PRIORITY", "IGNORE"))) {
                int j = i + 1;
                while (t.isAnyWord(j, "LOW_PRIORITY", "IGNORE")) {
                    j++;
                }
                i = tableList(ctx, j, to, true, inSub) - 1;
            } else if (t.isAnyWord(i, "TABLE", "TABLES") && !t.isAnyWord(i - 1, "SHOW", "FULL", "OPEN")) {
                int j = i + 1;
                if (t.isWord(j, "IF") && t.isAnyWord(j + 1, "EXISTS", "NOT")) {
                    j += t.isWord(j + 1, "NOT") ? 3 : 2;
                }
                i = tableList(ctx, j, to, true, inSub) - 1;
            } else if (i == from && t.isAnyWord(i, "INSERT", "REPLACE")) {
                int j = i + 1;
                while (t.isAnyWord(j, "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE")) {
                    j++;
                }
                if (!t.isWord(j, "INTO")) {
                    i = tableList(ctx, j, to, false, inSub) - 1;
                }
            }
        }
    }

    /** Reads {@code name [[AS] alias] [, …]} from {@code i}; returns the index after what it read. */
    private static int tableList(StatementContext ctx, int i, int to, boolean commas, boolean inSub) {
        SqlTokens t = ctx.tokens;
        while (i < to && t.isSymbol(i, '(') && !t.isAnyWord(i + 1, "SELECT", "WITH")) {
            i++; // a parenthesized join: (a JOIN b ON …)
        }
        while (i < to && isName(t, i)) {
            int last = ctx.dottedNameEnd(i);
            int k = last + 1;
            if (t.isWord(k, "PARTITION") && t.isSymbol(k + 1, '(')) {
                k = t.matchingParen(k + 1) + 1;
            }
            String alias = null;
            if (t.isWord(k, "AS") && t.isIdentifier(k + 1)) {
                alias = t.identifier(k + 1);
                k += 2;
            } else if (isName(t, k) && !NOT_ALIAS.contains(t.upperWord(k))) {
                alias = t.identifier(k);
                k++;
            }
            ctx.addTable(ctx.tableRef(i, last, alias, inSub));
            if (!commas) {
                return k;
            }
            // LOCK TABLES t READ [LOCAL], u WRITE; index hints: skip to the comma at this level
            int depth = 0;
            while (k < to && !(depth == 0 && t.isSymbol(k, ','))) {
                if (t.isSymbol(k, '(')) {
                    depth++;
                } else if (t.isSymbol(k, ')')) {
                    if (--depth < 0) {
                        return k;
                    }
                } else if (depth == 0 && t.type(k) == TokenType.WORD && !t.isAnyWord(k, "READ", "WRITE", "LOCAL",
                        "LOW_PRIORITY", "USE", "FORCE", "IGNORE", "INDEX", "KEY", "FOR")) {
                    return k;
                }
                k++;
            }
            if (!t.isSymbol(k, ',')) {
                return k;
            }
            i = k + 1;
        }
        return i;
    }

    private static boolean isName(SqlTokens t, int i) {
        TokenType type = t.type(i);
        if (type == TokenType.QUOTED_IDENTIFIER) {
            return true;
        }
        return type == TokenType.WORD && !MySqlKeywords.isReserved(t.upperWord(i)) && !t.isWord(i, "DUAL");
    }
}
