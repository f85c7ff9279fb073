package io.shardgate.proxy.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MySQL's lexical tokens, enough to recognize the statements the proxy answers itself: words,
 * back-quoted names, strings ('…' and "…" with backslash and doubled-quote escapes), numbers,
 * {@code @@system} and {@code @user} variables, {@code ?} markers and symbols. Comments are skipped.
 * It never rejects input: whatever it cannot classify becomes a one-character symbol, and the
 * statement then simply goes to the engine.
 */
final class SqlTokens {

    enum Kind { WORD, NAME, STRING, NUMBER, SYSTEM_VARIABLE, USER_VARIABLE, MARKER, SYMBOL }

    /**
     * @param text  the word or symbol as written, a name or string's value (unquoted, unescaped),
     *              a system variable without {@code @@} (scope qualifier included, e.g. "session.sql_mode")
     * @param start offset of the token's first character in the SQL
     * @param end   offset after its last character
     */
    record Token(Kind kind, String text, int start, int end) {

        /** True for the word (keyword or unquoted name) {@code word}, in any case. */
        boolean is(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        /** A word or a back-quoted name. */
        boolean isName() {
            return kind == Kind.WORD || kind == Kind.NAME;
        }

        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    private SqlTokens() {
    }

    static List<Token> tokenize(String sql) {
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || c == '-' && sql.startsWith("--", i) && (i + 2 == n || Character.isWhitespace(sql.charAt(i + 2)))) {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '\'' || c == '"') {
                i = quoted(sql, i, c, Kind.STRING, tokens);
            } else if (c == '`') {
                i = quoted(sql, i, c, Kind.NAME, tokens);
            } else if (c == '@') {
                i = variable(sql, i, tokens);
            } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                i = number(sql, i, tokens);
            } else if (isWordStart(c)) {
                int end = i + 1;
                while (end < n && isWordPart(sql.charAt(end))) {
                    end++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(i, end), i, end));
                i = end;
            } else if (c == '?') {
                tokens.add(new Token(Kind.MARKER, "?", i, i + 1));
                i++;
            } else {
                int length = symbolLength(sql, i);
                tokens.add(new Token(Kind.SYMBOL, sql.substring(i, i + length), i, i + length));
                i += length;
            }
        }
        return tokens;
    }

    private static int quoted(String sql, int open, char quote, Kind kind, List<Token> tokens) {
        StringBuilder value = new StringBuilder();
        int n = sql.length();
        int i = open + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\\' && quote != '`' && i + 1 < n) {
                char escaped = sql.charAt(i + 1);
                if (escaped == '%' || escaped == '_') {
                    value.append('\\'); // MySQL keeps \% and \_ for LIKE patterns
                }
                value.append(unescape(escaped));
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    value.append(quote);
                    i += 2;
                } else {
                    i++;
                    tokens.add(new Token(kind, value.toString(), open, i));
                    return i;
                }
            } else {
                value.append(c);
                i++;
            }
        }
        // unterminated: let the engine report it
        tokens.add(new Token(Kind.SYMBOL, sql.substring(open), open, n));
        return n;
    }

    private static char unescape(char c) {
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case '0' -> '\0';
            case 'b' -> '\b';
            case 'Z' -> '\u001A';
            default -> c;
        };
    }

    /** {@code @@[global.|session.|local.]name}, {@code @name}, {@code @'name'}, {@code @`name`}. */
    private static int variable(String sql, int at, List<Token> tokens) {
        int n = sql.length();
        boolean system = sql.startsWith("@@", at);
        int i = at + (system ? 2 : 1);
        StringBuilder name = new StringBuilder();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '`' || (!system && (c == '\'' || c == '"'))) {
                List<Token> inner = new ArrayList<>();
                i = quoted(sql, i, c, Kind.NAME, inner);
                name.append(inner.get(0).text());
            } else if (isWordPart(c) || c == '.' && system && name.length() > 0) {
                name.append(c);
                i++;
            } else {
                break;
            }
        }
        tokens.add(new Token(system ? Kind.SYSTEM_VARIABLE : Kind.USER_VARIABLE, name.toString(), at, i));
        return i;
    }

    private static int number(String sql, int start, List<Token> tokens) {
        int n = sql.length();
        int i = start;
        while (i < n && Character.isDigit(sql.charAt(i))) {
            i++;
        }
        if (i < n && sql.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(sql.charAt(i))) {
                i++;
            }
        }
        if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
            int exponent = i + 1;
            if (exponent < n && (sql.charAt(exponent) == '+' || sql.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < n && Character.isDigit(sql.charAt(exponent))) {
                i = exponent;
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
            }
        }
        if (i < n && isWordStart(sql.charAt(i))) {
            // 1abc is an identifier in MySQL
            while (i < n && isWordPart(sql.charAt(i))) {
                i++;
            }
            tokens.add(new Token(Kind.WORD, sql.substring(start, i), start, i));
            return i;
        }
        tokens.add(new Token(Kind.NUMBER, sql.substring(start, i), start, i));
        return i;
    }

    private static int symbolLength(String sql, int i) {
        for (String two : new String[] {"<=>", "<=", ">=", "<>", "!=", ":=", "||", "&&"}) {
            if (sql.startsWith(two, i)) {
                return two.length();
            }
        }
        return 1;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
