package io.shardgate.sql;

import io.shardgate.sql.lex.MySqlLexer;
import io.shardgate.sql.lex.SqlTokens;
import io.shardgate.sql.lex.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns the literal values of a text statement into parameters, so that statements which differ
 * only in their values share one parse: {@code SELECT c FROM t WHERE id = 42} becomes
 * {@code SELECT c FROM t WHERE id = ?} with the value 42. Text-protocol clients (PyMySQL, PHP PDO's
 * default emulated prepares, node mysql2's {@code query}, the mysql CLI) send every value inlined,
 * and a statement new to the parse cache costs a Calcite parse.
 *
 * <p>Only values whose meaning cannot change are taken: plain numbers and single-quoted strings
 * without characters that need escaping (quotes, backslashes — whose meaning depends on sql_mode —
 * NUL, line breaks, Ctrl-Z) in a WHERE condition, a VALUES list or
 * an UPDATE/INSERT SET list of a SELECT, INSERT, REPLACE, UPDATE or DELETE — never in a select
 * list (they name result columns), ORDER BY/GROUP BY (a number there is a column position), LIMIT,
 * HAVING or ON. A statement with syntax where a value must stay literal (INTERVAL, COLLATE, CAST,
 * typed literals, character set introducers, versioned comments …) is left as it is. The engine
 * binds the values as parameters, and the backend receives the same literals again.
 */
public final class LiteralParameters {

    /** A statement's text with its values as {@code ?} markers, and the values in order. */
    public record Normalized(String sql, List<Object> values) {
    }

    private static final Set<String> STARTS = Set.of("SELECT", "INSERT", "REPLACE", "UPDATE", "DELETE");
    /** Words after which values are taken (until a word of {@link #CLOSING}); the last three in writes only. */
    private static final Set<String> OPENING = Set.of("WHERE", "VALUES", "VALUE", "SET");
    private static final Set<String> OPENING_IN_ANY = Set.of("WHERE");
    private static final Set<String> CLOSING = Set.of("SELECT", "ORDER", "GROUP", "LIMIT", "HAVING", "ON", "UNION",
            "EXCEPT", "INTERSECT", "FOR", "LOCK", "WINDOW", "OVER", "INTO", "RETURNING", "PROCEDURE");
    /** Words that need a literal near them somewhere: such statements are left alone. */
    private static final Set<String> LITERAL_SYNTAX = Set.of("INTERVAL", "COLLATE", "CAST", "CONVERT", "ESCAPE",
            "AGAINST", "CHARACTER", "CHARSET", "SEPARATOR", "JSON_TABLE", "PATH", "BINARY");
    private static final Set<String> TYPED_LITERALS = Set.of("DATE", "TIME", "TIMESTAMP");

    private LiteralParameters() {
    }

    /** The statement with its values as parameters, or null when it has none to take or must stay as it is. */
    public static Normalized of(String sql) {
        if (sql.indexOf('\'') < 0 && !hasDigit(sql) || sql.contains("/*!") || sql.indexOf('{') >= 0) {
            return null;
        }
        SqlTokens t = MySqlLexer.tokenize(sql);
        if (t.size() == 0 || t.type(0) != TokenType.WORD || !STARTS.contains(t.upperWord(0))) {
            return null;
        }
        Set<String> opening = t.isAnyWord(0, "SELECT", "DELETE") ? OPENING_IN_ANY : OPENING;
        StringBuilder out = null;
        List<Object> values = null;
        int copied = 0;
        boolean taking = false;
        for (int i = 0; i < t.size(); i++) {
            TokenType type = t.type(i);
            if (type == TokenType.PARAM) {
                return null; // already has markers: the caller's parameters are not ours to renumber
            }
            if (type == TokenType.WORD) {
                String word = t.upperWord(i);
                if (LITERAL_SYNTAX.contains(word)
                        || (i + 1 < t.size() && t.type(i + 1) == TokenType.STRING
                        && (TYPED_LITERALS.contains(word) || word.startsWith("_")))) {
                    return null;
                }
                if (opening.contains(word)) {
                    taking = true;
                } else if (CLOSING.contains(word)) {
                    taking = false;
                }
                continue;
            }
            if (type == TokenType.STRING && i + 1 < t.size() && t.type(i + 1) == TokenType.STRING) {
                return null; // 'a' 'b' is one string in MySQL
            }
            Object value = taking ? value(t, i) : null;
            if (value == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(sql.length());
                values = new ArrayList<>();
            }
            out.append(sql, copied, t.start(i)).append('?');
            copied = t.end(i);
            values.add(value);
        }
        if (out == null) {
            return null;
        }
        out.append(sql, copied, sql.length());
        return new Normalized(out.toString(), values);
    }

    /** The value of a literal token that can become a parameter unchanged, else null. */
    private static Object value(SqlTokens t, int i) {
        String text = t.text(i);
        if (t.type(i) == TokenType.NUMBER) {
            for (int c = 0; c < text.length(); c++) {
                char ch = text.charAt(c);
                if (!(ch >= '0' && ch <= '9') && ch != '.') {
                    return null; // 1e3 is a double; keep it literal
                }
            }
            return TokenValues.number(text, false);
        }
        if (t.type(i) == TokenType.STRING && text.charAt(0) == '\'' && text.length() >= 2
                && text.charAt(text.length() - 1) == '\'' && needsNoEscaping(text, 1, text.length() - 1)) {
            return text.substring(1, text.length() - 1);
        }
        return null;
    }

    /**
     * True when no character of the string needs escaping anywhere: a driver that binds it puts it
     * back between quotes unchanged, whatever sql_mode (NO_BACKSLASH_ESCAPES) the session has.
     */
    private static boolean needsNoEscaping(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '\\' || c == '\0' || c == '\n' || c == '\r' || c == '\u001A') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasDigit(String sql) {
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }
}
