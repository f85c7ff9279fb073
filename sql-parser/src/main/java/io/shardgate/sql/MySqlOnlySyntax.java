package io.shardgate.sql;

import io.shardgate.sql.lex.SqlTokens;
import io.shardgate.sql.lex.TokenType;

/**
 * Finds MySQL syntax that Calcite does not parse and that does not change which rows a statement
 * reads or writes, and takes it out of (or rewrites it in) the Calcite text: locking clauses
 * (recorded), index hints, partition selection, SELECT modifiers, COLLATE, the BINARY operator,
 * STRAIGHT_JOIN, joins without a condition, trailing semicolons. The original text is untouched.
 */
final class MySqlOnlySyntax {

    private static final String[] SELECT_MODIFIERS = {"HIGH_PRIORITY", "STRAIGHT_JOIN", "SQL_SMALL_RESULT",
            "SQL_BIG_RESULT", "SQL_BUFFER_RESULT", "SQL_NO_CACHE", "SQL_CACHE", "SQL_CALC_FOUND_ROWS"};
    private static final String[] NILADIC = {"CURRENT_USER", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP",
            "LOCALTIME", "LOCALTIMESTAMP"};
    private static final String[] JOIN_END = {"JOIN", "STRAIGHT_JOIN", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT",
            "UNION", "EXCEPT", "INTERSECT", "WINDOW", "FOR", "LOCK", "INNER", "LEFT", "RIGHT", "CROSS", "NATURAL",
            "SET", "FULL"};

    private MySqlOnlySyntax() {
    }

    /**
     * What was taken out at the outermost level: the locking clause (FOR UPDATE, FOR SHARE, LOCK IN
     * SHARE MODE) and GROUP BY … WITH ROLLUP.
     */
    record Found(SelectStatement.LockMode lock, boolean rollup) {
    }

    /** Marks the MySQL-only syntax in tokens [from, to) on the writer. */
    static Found adapt(SqlTokens t, CalciteTextWriter w, int from, int to) {
        SelectStatement.LockMode lock = SelectStatement.LockMode.NONE;
        boolean rollup = false;
        int last = to - 1;
        while (last >= from && t.isSymbol(last, ';')) {
            w.skip(last--);
        }
        int depth = 0;
        for (int i = from; i <= last; i++) {
            if (t.isSymbol(i, '(')) {
                depth++;
                continue;
            }
            if (t.isSymbol(i, ')')) {
                depth--;
                continue;
            }
            if (w.isSkipped(i)) {
                continue; // already taken out (a SELECT modifier)
            }
            if (t.isWord(i, "SELECT")) {
                for (int j = i + 1; j <= last; j++) {
                    if (t.isAnyWord(j, SELECT_MODIFIERS)) {
                        w.skip(j);
                    } else if (!t.isAnyWord(j, "DISTINCT", "ALL", "DISTINCTROW")) {
                        break;
                    }
                }
            } else if (t.isWord(i, "FOR") && t.isAnyWord(i + 1, "UPDATE", "SHARE")) {
                if (depth == 0) {
                    lock = t.isWord(i + 1, "UPDATE") ? SelectStatement.LockMode.FOR_UPDATE
                            : SelectStatement.LockMode.SHARE;
                }
                int j = i + 2;
                if (t.isWord(j, "OF")) {
                    j++;
                    while (t.isIdentifier(j)) {
                        j++;
                        while (t.isSymbol(j, '.') && t.isIdentifier(j + 1)) {
                            j += 2;
                        }
                        if (!t.isSymbol(j, ',')) {
                            break;
                        }
                        j++;
                    }
                }
                if (t.isWord(j, "NOWAIT")) {
                    j++;
                } else if (t.isWord(j, "SKIP") && t.isWord(j + 1, "LOCKED")) {
                    j += 2;
                }
                w.skip(i, j);
                i = j - 1;
            } else if (t.isWord(i, "LOCK") && t.isWord(i + 1, "IN") && t.isWord(i + 2, "SHARE")
                    && t.isWord(i + 3, "MODE")) {
                if (depth == 0) {
                    lock = SelectStatement.LockMode.SHARE;
                }
                w.skip(i, i + 4);
                i += 3;
            } else if (t.isAnyWord(i, "USE", "FORCE", "IGNORE") && t.isAnyWord(i + 1, "INDEX", "KEY")) {
                int j = i + 2;
                if (t.isWord(j, "FOR")) {
                    j += t.isWord(j + 1, "JOIN") ? 2 : 3; // FOR JOIN | FOR ORDER BY | FOR GROUP BY
                }
                if (t.isSymbol(j, '(')) {
                    j = t.matchingParen(j) + 1;
                }
                w.skip(i, j);
                i = j - 1;
            } else if (t.isWord(i, "PARTITION") && t.isSymbol(i + 1, '(') && t.isIdentifier(i - 1)) {
                int close = t.matchingParen(i + 1);
                w.skip(i, close + 1);
                i = close;
            } else if (t.isWord(i, "WITH") && t.isWord(i + 1, "ROLLUP")) {
                rollup |= depth == 0;
                w.skip(i, i + 2);
                i++;
            } else if (t.isWord(i, "MATCH") && t.isSymbol(i + 1, '(')) {
                // MATCH (cols) AGAINST (expr [IN BOOLEAN MODE …]): any expression over the same
                // tokens will do, it is never a routing condition
                int close = t.matchingParen(i + 1);
                if (t.isWord(close + 1, "AGAINST") && t.isSymbol(close + 2, '(')) {
                    w.replace(i, "`MATCH`");
                    w.replace(close + 1, "+ `AGAINST`");
                    int end = t.matchingParen(close + 2);
                    for (int j = close + 3; j < end; j++) {
                        if (t.isWord(j, "IN") && t.isAnyWord(j + 1, "BOOLEAN", "NATURAL")) {
                            w.skip(j, end);
                            break;
                        }
                        if (t.isWord(j, "WITH") && t.isWord(j + 1, "QUERY")) {
                            w.skip(j, end);
                            break;
                        }
                    }
                }
            } else if (t.isWord(i, "SOUNDS") && t.isWord(i + 1, "LIKE")) {
                w.skip(i); // a SOUNDS LIKE b: read as a LIKE b, which restricts nothing either
            } else if (t.isWord(i, "COLLATE") && i + 1 <= last) {
                w.skip(i, i + 2);
                i++;
            } else if (t.isWord(i, "BINARY") && !t.isWord(i - 1, "AS") && !t.isSymbol(i - 1, ',')
                    && isOperand(t, i + 1)) {
                w.skip(i);
            } else if (t.isAnyWord(i, NILADIC) && t.isSymbol(i + 1, '(') && t.isSymbol(i + 2, ')')) {
                w.skip(i + 1, i + 3);
                i += 2;
            } else if (t.isAnyWord(i, "JOIN", "STRAIGHT_JOIN")
                    && !t.isAnyWord(i - 1, "LEFT", "RIGHT", "OUTER", "NATURAL", "CROSS", "FULL")) {
                if (!hasJoinCondition(t, i + 1, last)) {
                    if (t.isWord(i - 1, "INNER")) {
                        w.skip(i - 1);
                    }
                    w.replace(i, "CROSS JOIN");
                } else if (t.isWord(i, "STRAIGHT_JOIN")) {
                    w.replace(i, "JOIN");
                }
            }
        }
        return new Found(lock, rollup);
    }

    private static boolean isOperand(SqlTokens t, int i) {
        return switch (t.type(i) == null ? TokenType.SYMBOL : t.type(i)) {
            case WORD, QUOTED_IDENTIFIER, STRING, NUMBER, PARAM, VARIABLE, HEX, BIT -> !t.isWord(i, "FROM");
            default -> false;
        };
    }

    /** After JOIN: does an ON or USING follow the joined table before the join ends? */
    private static boolean hasJoinCondition(SqlTokens t, int from, int last) {
        int depth = 0;
        for (int i = from; i <= last; i++) {
            if (t.isSymbol(i, '(')) {
                depth++;
            } else if (t.isSymbol(i, ')')) {
                if (--depth < 0) {
                    return false;
                }
            } else if (depth == 0) {
                if (t.isAnyWord(i, "ON", "USING")) {
                    return true;
                }
                if (t.isSymbol(i, ',') || t.isSymbol(i, ';') || t.isAnyWord(i, JOIN_END)) {
                    return false;
                }
            }
        }
        return false;
    }
}
