package io.shardgate.sql;

import io.shardgate.sql.lex.SqlTokens;
import io.shardgate.sql.lex.TokenType;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;

/**
 * Writes the Calcite form of (ranges of) a MySQL statement's tokens: one line, single spaces,
 * strings re-quoted the standard way (backslash escapes and double quotes resolved), variables and
 * names Calcite reserves back-quoted, MySQL-only operators mapped to ones Calcite knows with the
 * same precedence class ({@code &&}→AND, {@code ||}→OR, {@code XOR}→OR, {@code DIV}→/ …). Mapping
 * is allowed to widen a condition (XOR→OR) but never to narrow it: routing on the result must stay
 * safe. Tokens can be left out or replaced before writing (MySQL clauses Calcite does not know).
 */
final class CalciteTextWriter {

    private static final String SKIP = "";

    private final SqlTokens tokens;
    private final String[] replacements;
    private final StringBuilder text = new StringBuilder(128);
    private int[] pieceStart = new int[32];
    private int[] pieceToken = new int[32];
    private int pieces;
    /** Function (or "") that opened each enclosing parenthesis, innermost last. */
    private String[] parens = new String[8];
    private int depth;
    private int intervalDepth = -1;

    CalciteTextWriter(SqlTokens tokens) {
        this.tokens = tokens;
        this.replacements = new String[tokens.size()];
    }

    SqlTokens tokens() {
        return tokens;
    }

    void skip(int i) {
        if (i >= 0 && i < replacements.length) {
            replacements[i] = SKIP;
        }
    }

    void skip(int from, int toExclusive) {
        for (int i = from; i < toExclusive && i < replacements.length; i++) {
            replacements[i] = SKIP;
        }
    }

    void replace(int i, String replacement) {
        replacements[i] = replacement;
    }

    boolean isSkipped(int i) {
        return i >= 0 && i < replacements.length && replacements[i] == SKIP;
    }

    CalciteTextWriter synthetic(String s) {
        piece(-1, s);
        return this;
    }

    CalciteTextWriter emit(int from, int toExclusive) {
        for (int i = from; i < toExclusive && i < tokens.size(); i++) {
            trackParens(i);
            String r = replacements[i];
            if (r == null) {
                r = render(i);
            }
            if (!r.isEmpty()) {
                piece(i, r);
            }
        }
        return this;
    }

    CalciteText build() {
        return new CalciteText(text.toString(), pieceStart, pieceToken, pieces);
    }

    private void piece(int token, String s) {
        if (text.length() > 0) {
            text.append(' ');
        }
        if (pieces == pieceStart.length) {
            pieceStart = Arrays.copyOf(pieceStart, pieces * 2);
            pieceToken = Arrays.copyOf(pieceToken, pieces * 2);
        }
        pieceStart[pieces] = text.length();
        pieceToken[pieces] = token;
        pieces++;
        text.append(s);
    }

    private void trackParens(int i) {
        if (tokens.isSymbol(i, '(')) {
            if (depth == parens.length) {
                parens = Arrays.copyOf(parens, depth * 2);
            }
            parens[depth++] = tokens.upperWord(i - 1);
        } else if (tokens.isSymbol(i, ')') && depth > 0) {
            depth--;
            if (intervalDepth > depth) {
                intervalDepth = -1;
            }
        }
    }

    private String render(int i) {
        TokenType type = tokens.type(i);
        switch (type) {
            case WORD:
                return word(i);
            case QUOTED_IDENTIFIER:
                return oneLine(tokens.text(i));
            case STRING:
                return "'" + oneLine(tokens.stringValue(i)).replace("'", "''") + "'";
            case HEX: {
                String t = tokens.text(i);
                String digits = t.startsWith("0x") || t.startsWith("0X") ? t.substring(2)
                        : t.substring(2, Math.max(2, t.length() - 1));
                return "X'" + (digits.length() % 2 == 1 ? "0" : "") + digits + "'";
            }
            case BIT: {
                String t = tokens.text(i);
                String digits = t.startsWith("0b") || t.startsWith("0B") ? t.substring(2)
                        : t.substring(2, Math.max(2, t.length() - 1));
                if (!digits.matches("[01]*")) {
                    return "''"; // malformed (b'1''x'): MySQL rejects it; any literal keeps the parse going
                }
                // a bit-value literal is a binary string: keep it one (never a number to route by)
                String hex = digits.isEmpty() ? "" : new BigInteger(digits, 2).toString(16);
                return "X'" + (hex.length() % 2 == 1 ? "0" : "") + hex + "'";
            }
            case VARIABLE:
                return "`" + oneLine(tokens.text(i)).replace("`", "``") + "`";
            case SYMBOL:
                return symbol(tokens.text(i));
            default:
                return tokens.text(i);
        }
    }

    private static String symbol(String s) {
        return switch (s) {
            case "&&" -> "AND";
            case "||" -> "OR";
            case "!" -> "NOT";
            // JSON extraction and bit operators: any operator of a precedence above comparison keeps
            // both sides of a comparison intact, and an expression is never a routing value.
            case "->", "->>" -> "||";
            case "|", "&", "<<", ">>" -> "+";
            case "^" -> "*";
            default -> s;
        };
    }

    private String word(int i) {
        String text = tokens.text(i);
        String upper = text.toUpperCase(Locale.ROOT);
        switch (upper) {
            case "DIV":
                return "/";
            case "MOD":
                if (!tokens.isSymbol(i + 1, '(')) {
                    return "%";
                }
                return text;
            case "XOR":
                return "OR"; // widens the condition: safe for routing
            case "REGEXP":
                return "RLIKE";
            case "DISTINCTROW":
                return "DISTINCT";
            case "INTERVAL":
                intervalDepth = depth;
                return text;
            default:
                break;
        }
        if (intervalDepth == depth && MySqlKeywords.TIME_UNITS.contains(upper)) {
            intervalDepth = -1;
            return text; // INTERVAL 1 DAY
        }
        char first = text.charAt(0);
        if (first == '_' && isLiteral(tokens.type(i + 1))) {
            return SKIP; // character set introducer: _utf8mb4'text'
        }
        if (first >= '0' && first <= '9') {
            return "`" + text + "`";
        }
        if (!MySqlKeywords.calciteOnlyReserved(upper)) {
            return text;
        }
        return usedAsKeyword(i, upper) ? text : "`" + text + "`";
    }

    private static boolean isLiteral(TokenType type) {
        return type == TokenType.STRING || type == TokenType.HEX || type == TokenType.BIT;
    }

    /** For a word Calcite reserves but MySQL does not: is it a keyword here, or a name? */
    private boolean usedAsKeyword(int i, String upper) {
        if (tokens.isSymbol(i + 1, '(')) {
            // a function call, unless it names a table: INSERT INTO user (…)
            return !tokens.isAnyWord(i - 1, "FROM", "JOIN", "INTO", "UPDATE", "TABLE", "STRAIGHT_JOIN");
        }
        if (tokens.type(i + 1) == TokenType.STRING
                && (upper.equals("DATE") || upper.equals("TIME") || upper.equals("TIMESTAMP"))) {
            return true; // DATE '2024-01-01'
        }
        String enclosing = depth > 0 ? parens[depth - 1] : "";
        if (MySqlKeywords.TIME_UNITS.contains(upper)) {
            if (tokens.isWord(i + 1, "FROM") || (tokens.isSymbol(i - 1, '(')
                    && (enclosing.equals("TIMESTAMPADD") || enclosing.equals("TIMESTAMPDIFF")))) {
                return true; // EXTRACT(YEAR FROM d), TIMESTAMPDIFF(DAY, a, b)
            }
        }
        // CAST(x AS DATE)
        return tokens.isWord(i - 1, "AS") && (enclosing.equals("CAST") || enclosing.equals("CONVERT"));
    }

    private static String oneLine(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) < ' ') {
                StringBuilder b = new StringBuilder(s.length());
                for (int j = 0; j < s.length(); j++) {
                    char c = s.charAt(j);
                    b.append(c < ' ' ? ' ' : c);
                }
                return b.toString();
            }
        }
        return s;
    }
}
