package io.shardgate.sql.lex;

import java.util.List;
import java.util.Locale;

/**
 * The tokens of one SQL text, with character offsets into that text ({@code end} exclusive), in
 * text order, plus its comments. Lookups past the last token answer "no" rather than throw, so
 * callers can peek ahead freely. Immutable.
 */
public final class SqlTokens {

    private final String sql;
    private final TokenType[] types;
    private final int[] starts;
    private final int[] ends;
    private final int size;
    private final List<Comment> comments;
    private final int[] paramOrdinals;
    private final int parameterCount;

    SqlTokens(String sql, TokenType[] types, int[] starts, int[] ends, int size, List<Comment> comments) {
        this.sql = sql;
        this.types = types;
        this.starts = starts;
        this.ends = ends;
        this.size = size;
        this.comments = List.copyOf(comments);
        this.paramOrdinals = new int[size];
        int count = 0;
        for (int i = 0; i < size; i++) {
            paramOrdinals[i] = types[i] == TokenType.PARAM ? count++ : -1;
        }
        this.parameterCount = count;
    }

    public String sql() {
        return sql;
    }

    public int size() {
        return size;
    }

    public TokenType type(int i) {
        return i >= 0 && i < size ? types[i] : null;
    }

    public int start(int i) {
        return i < size ? starts[i] : sql.length();
    }

    public int end(int i) {
        return i < size ? ends[i] : sql.length();
    }

    /** The token exactly as written. */
    public String text(int i) {
        return i >= 0 && i < size ? sql.substring(starts[i], ends[i]) : "";
    }

    public List<Comment> comments() {
        return comments;
    }

    /** Number of {@code ?} markers. */
    public int parameterCount() {
        return parameterCount;
    }

    /** For a {@code ?} token, its 0-based ordinal among the markers; -1 for other tokens. */
    public int parameterOrdinal(int i) {
        return i >= 0 && i < size ? paramOrdinals[i] : -1;
    }

    /** True when token {@code i} is the unquoted word {@code upperWord} (given in upper case), any case. */
    public boolean isWord(int i, String upperWord) {
        return i >= 0 && i < size && types[i] == TokenType.WORD && ends[i] - starts[i] == upperWord.length()
                && sql.regionMatches(true, starts[i], upperWord, 0, upperWord.length());
    }

    /** True when token {@code i} is one of the given unquoted words (upper case). */
    public boolean isAnyWord(int i, String... upperWords) {
        for (String w : upperWords) {
            if (isWord(i, w)) {
                return true;
            }
        }
        return false;
    }

    public boolean isSymbol(int i, String symbol) {
        return i >= 0 && i < size && types[i] == TokenType.SYMBOL && ends[i] - starts[i] == symbol.length()
                && sql.startsWith(symbol, starts[i]);
    }

    public boolean isSymbol(int i, char symbol) {
        return i >= 0 && i < size && types[i] == TokenType.SYMBOL && ends[i] - starts[i] == 1
                && sql.charAt(starts[i]) == symbol;
    }

    /** An unquoted word or a back-quoted identifier: something that can name a table or column. */
    public boolean isIdentifier(int i) {
        TokenType t = type(i);
        return t == TokenType.WORD || t == TokenType.QUOTED_IDENTIFIER;
    }

    /** The upper-case text of a word token; "" for other tokens. */
    public String upperWord(int i) {
        return type(i) == TokenType.WORD ? text(i).toUpperCase(Locale.ROOT) : "";
    }

    /**
     * The name a WORD, QUOTED_IDENTIFIER or STRING token stands for: back-quotes removed (doubled
     * back-quotes undone), strings decoded; other tokens give their text.
     */
    public String identifier(int i) {
        TokenType t = type(i);
        if (t == TokenType.QUOTED_IDENTIFIER) {
            int s = starts[i] + 1;
            int e = ends[i] - 1;
            if (e < s || sql.charAt(ends[i] - 1) != '`' || ends[i] - starts[i] < 2) {
                e = ends[i];
            }
            return sql.substring(s, e).replace("``", "`");
        }
        if (t == TokenType.STRING) {
            return stringValue(i);
        }
        return text(i);
    }

    /**
     * The value of a STRING token: quotes removed, doubled quotes and MySQL backslash escapes
     * undone ({@code \%} and {@code \_} keep their backslash, as in MySQL).
     */
    public String stringValue(int i) {
        int s = starts[i];
        int e = ends[i];
        char first = sql.charAt(s);
        if (first == 'N' || first == 'n') {
            s++;
        }
        char quote = sql.charAt(s);
        s++;
        if (e > s && sql.charAt(e - 1) == quote) {
            e--;
        }
        StringBuilder out = null;
        for (int p = s; p < e; p++) {
            char c = sql.charAt(p);
            if (c == '\\' || c == quote) {
                if (out == null) {
                    out = new StringBuilder(e - s);
                    out.append(sql, s, p);
                }
                if (c == quote) {
                    out.append(quote);
                    p++; // doubled quote
                } else if (p + 1 < e) {
                    char n = sql.charAt(++p);
                    switch (n) {
                        case '0' -> out.append('\0');
                        case 'b' -> out.append('\b');
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'Z' -> out.append('\u001A');
                        case '%', '_' -> out.append('\\').append(n);
                        default -> out.append(n);
                    }
                } else {
                    out.append(c);
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? sql.substring(s, e) : out.toString();
    }

    /**
     * Index of the token that closes the parenthesis opened at {@code open}; size() when unbalanced.
     */
    public int matchingParen(int open) {
        int depth = 0;
        for (int i = open; i < size; i++) {
            if (isSymbol(i, '(')) {
                depth++;
            } else if (isSymbol(i, ')')) {
                if (--depth == 0) {
                    return i;
                }
            }
        }
        return size;
    }

    /** Index of the first token starting at or after {@code offset}. */
    public int indexAtOrAfter(int offset) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the token containing {@code offset} (or the last one starting before it); -1 if none. */
    public int indexContaining(int offset) {
        return indexAtOrAfter(offset + 1) - 1;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            b.append(i == 0 ? "" : " ").append(types[i]).append(':').append(text(i));
        }
        return b.append(']').toString();
    }
}
