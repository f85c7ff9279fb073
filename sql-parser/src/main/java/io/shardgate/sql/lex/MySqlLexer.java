package io.shardgate.sql.lex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits MySQL text into tokens with their offsets. It knows MySQL's lexical rules that a generic
 * SQL lexer gets wrong: backslash escapes and doubled quotes in strings, double-quoted strings,
 * back-quoted identifiers, {@code #} and {@code -- } comments, versioned comments
 * ({@code /*!50100 … *}{@code /}, whose content MySQL runs, so it is lexed as SQL) and optimizer
 * hints. It never fails: an unterminated string or comment runs to the end of the text.
 */
public final class MySqlLexer {

    private static final String[] SYMBOLS3 = {"<=>", "->>"};
    private static final String[] SYMBOLS2 = {"<=", ">=", "<>", "!=", ":=", "||", "&&", "->", "<<", ">>"};

    private MySqlLexer() {
    }

    public static SqlTokens tokenize(String sql) {
        return new Run(sql).lex();
    }

    /** Splits a text holding several statements at top-level semicolons (a multi-statement query). */
    public static List<String> splitStatements(String sql) {
        SqlTokens tokens = tokenize(sql);
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.isSymbol(i, ';')) {
                String part = sql.substring(start, tokens.start(i)).strip();
                if (!part.isEmpty()) {
                    out.add(part);
                }
                start = tokens.end(i);
            }
        }
        String last = sql.substring(start).strip();
        if (!last.isEmpty() && (tokens.size() > 0 && tokens.start(tokens.size() - 1) >= start)) {
            out.add(last);
        }
        return out;
    }

    private static final class Run {
        private final String s;
        private final int n;
        private TokenType[] types;
        private int[] starts;
        private int[] ends;
        private int size;
        private final List<Comment> comments = new ArrayList<>(2);
        private boolean inVersioned;

        Run(String s) {
            this.s = s;
            this.n = s.length();
            int cap = Math.max(8, n / 4);
            types = new TokenType[cap];
            starts = new int[cap];
            ends = new int[cap];
        }

        SqlTokens lex() {
            int i = 0;
            while (i < n) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || Character.isWhitespace(c)) {
                    i++;
                } else if (inVersioned && c == '*' && at(i + 1) == '/') {
                    inVersioned = false;
                    i += 2;
                } else if (c == '#') {
                    i = lineComment(i, i + 1);
                } else if (c == '-' && at(i + 1) == '-' && (i + 2 >= n || at(i + 2) <= ' ')) {
                    i = lineComment(i, i + 2);
                } else if (c == '/' && at(i + 1) == '*') {
                    i = blockComment(i);
                } else if (c == '\'' || c == '"') {
                    i = add(TokenType.STRING, i, quoted(i, c));
                } else if (c == '`') {
                    i = add(TokenType.QUOTED_IDENTIFIER, i, quoted(i, '`'));
                } else if ((c == 'N' || c == 'n') && at(i + 1) == '\'') {
                    i = add(TokenType.STRING, i, quoted(i + 1, '\''));
                } else if ((c == 'X' || c == 'x') && at(i + 1) == '\'') {
                    i = add(TokenType.HEX, i, quoted(i + 1, '\''));
                } else if ((c == 'B' || c == 'b') && at(i + 1) == '\'') {
                    i = add(TokenType.BIT, i, quoted(i + 1, '\''));
                } else if (isDigit(c) || (c == '.' && isDigit(at(i + 1)) && !followsName(i))) {
                    i = number(i);
                } else if (c == '?') {
                    i = add(TokenType.PARAM, i, i + 1);
                } else if (c == '@') {
                    i = variable(i);
                } else if (isIdentifierStart(c)) {
                    i = add(TokenType.WORD, i, identifierEnd(i));
                } else {
                    i = add(TokenType.SYMBOL, i, i + symbolLength(i));
                }
            }
            return new SqlTokens(s, types, starts, ends, size, comments);
        }

        private char at(int i) {
            return i < n ? s.charAt(i) : '\0';
        }

        private int add(TokenType type, int start, int end) {
            if (size == types.length) {
                int cap = size * 2;
                types = Arrays.copyOf(types, cap);
                starts = Arrays.copyOf(starts, cap);
                ends = Arrays.copyOf(ends, cap);
            }
            types[size] = type;
            starts[size] = start;
            ends[size] = end;
            size++;
            return end;
        }

        /** True when the previous token ends right here and can be qualified ({@code t.5} is not a number). */
        private boolean followsName(int i) {
            if (size == 0 || ends[size - 1] != i) {
                return false;
            }
            TokenType t = types[size - 1];
            return t == TokenType.WORD || t == TokenType.QUOTED_IDENTIFIER
                    || (t == TokenType.SYMBOL && s.charAt(starts[size - 1]) == ')');
        }

        private int lineComment(int start, int bodyStart) {
            int e = bodyStart;
            while (e < n && s.charAt(e) != '\n' && s.charAt(e) != '\r') {
                e++;
            }
            comments.add(new Comment(start, e, s.substring(bodyStart, e)));
            return e;
        }

        private int blockComment(int start) {
            // Versioned comments: MySQL /*!NNNNN … */ and MariaDB /*M!NNNNNN … */ hold SQL.
            int p = start + 2;
            if (at(p) == 'M' && at(p + 1) == '!') {
                p++;
            }
            if (at(p) == '!' && !inVersioned) {
                p++;
                while (p < n && isDigit(s.charAt(p))) {
                    p++;
                }
                inVersioned = true;
                return p;
            }
            int close = s.indexOf("*/", start + 2);
            int e = close < 0 ? n : close + 2;
            int bodyEnd = close < 0 ? n : close;
            comments.add(new Comment(start, e, s.substring(start + 2, bodyEnd)));
            return e;
        }

        /** End (exclusive) of a quoted run starting at the opening quote {@code open}. */
        private int quoted(int open, char quote) {
            int p = open + 1;
            while (p < n) {
                char c = s.charAt(p);
                if (c == '\\' && quote != '`') {
                    p += 2;
                } else if (c == quote) {
                    if (at(p + 1) == quote) {
                        p += 2;
                    } else {
                        return p + 1;
                    }
                } else {
                    p++;
                }
            }
            return n;
        }

        private int number(int start) {
            int p = start;
            if (s.charAt(p) == '0' && (at(p + 1) == 'x' || at(p + 1) == 'X') && isHexDigit(at(p + 2))) {
                int e = p + 2;
                while (isHexDigit(at(e))) {
                    e++;
                }
                if (!isIdentifierPart(at(e))) {
                    return add(TokenType.HEX, start, e);
                }
            }
            if (s.charAt(p) == '0' && (at(p + 1) == 'b' || at(p + 1) == 'B') && (at(p + 2) == '0' || at(p + 2) == '1')) {
                int e = p + 2;
                while (at(e) == '0' || at(e) == '1') {
                    e++;
                }
                if (!isIdentifierPart(at(e))) {
                    return add(TokenType.BIT, start, e);
                }
            }
            while (isDigit(at(p))) {
                p++;
            }
            boolean integerPart = p > start;
            if (integerPart && isIdentifierPart(at(p)) && !isExponent(p)) {
                // MySQL allows identifiers that start with digits: 1abc, 2021_orders.
                return add(TokenType.WORD, start, identifierEnd(start));
            }
            if (at(p) == '.') {
                p++;
                while (isDigit(at(p))) {
                    p++;
                }
            }
            if (isExponent(p)) {
                p++;
                if (at(p) == '+' || at(p) == '-') {
                    p++;
                }
                while (isDigit(at(p))) {
                    p++;
                }
            }
            return add(TokenType.NUMBER, start, p);
        }

        private boolean isExponent(int p) {
            char c = at(p);
            if (c != 'e' && c != 'E') {
                return false;
            }
            char d = at(p + 1);
            if (d == '+' || d == '-') {
                d = at(p + 2);
                return isDigit(d);
            }
            if (!isDigit(d)) {
                return false;
            }
            int q = p + 1;
            while (isDigit(at(q))) {
                q++;
            }
            return !isIdentifierPart(at(q));
        }

        private int variable(int start) {
            int p = start + 1;
            if (at(p) == '@') {
                p++;
            }
            char c = at(p);
            if (c == '\'' || c == '"' || c == '`') {
                return add(TokenType.VARIABLE, start, quoted(p, c));
            }
            while (p < n && (isIdentifierPart(s.charAt(p)) || s.charAt(p) == '.')) {
                p++;
            }
            if (at(p) == '`' && s.charAt(p - 1) == '.') {
                p = quoted(p, '`'); // @@session.`var`
            }
            return add(TokenType.VARIABLE, start, p);
        }

        private int identifierEnd(int start) {
            int p = start;
            while (p < n && isIdentifierPart(s.charAt(p))) {
                p++;
            }
            return p;
        }

        private int symbolLength(int i) {
            for (String sym : SYMBOLS3) {
                if (s.startsWith(sym, i)) {
                    return 3;
                }
            }
            for (String sym : SYMBOLS2) {
                if (s.startsWith(sym, i)) {
                    return 2;
                }
            }
            return Character.charCount(s.codePointAt(i));
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isHexDigit(char c) {
            return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }

        private static boolean isIdentifierStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$'
                    || (c > 0x7F && (Character.isLetter(c) || Character.isHighSurrogate(c)
                    || Character.isLowSurrogate(c)));
        }

        private static boolean isIdentifierPart(char c) {
            return isIdentifierStart(c) || isDigit(c) || (c > 0x7F && Character.isLetterOrDigit(c));
        }
    }
}
