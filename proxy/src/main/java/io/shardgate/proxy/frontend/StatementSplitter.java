package io.shardgate.proxy.frontend;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a multi-statement COM_QUERY on the semicolons that end statements: not those inside
 * quoted strings or identifiers ('…', "…", `…`, with backslash and doubled-quote escapes) or
 * comments (-- , #, /* *&#47;). Empty statements are dropped.
 * Known limit: a compound statement with BEGIN … END (a stored routine body) is split too.
 */
final class StatementSplitter {

    private StatementSplitter() {
    }

    static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
            } else if (c == '#' || (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-'
                    && (i + 2 == n || Character.isWhitespace(sql.charAt(i + 2))))) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == ';') {
                add(statements, sql.substring(start, i));
                start = ++i;
            } else {
                i++;
            }
        }
        add(statements, sql.substring(start));
        return statements;
    }

    private static int skipQuoted(String sql, int open, char quote) {
        int i = open + 1;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private static void add(List<String> statements, String statement) {
        String trimmed = statement.strip();
        if (!trimmed.isEmpty()) {
            statements.add(trimmed);
        }
    }
}
