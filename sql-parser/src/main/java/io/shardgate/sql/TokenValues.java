package io.shardgate.sql;

import io.shardgate.sql.lex.SqlTokens;
import io.shardgate.sql.lex.TokenType;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Literal values read straight from tokens, for the parts of statements Calcite does not see. */
final class TokenValues {

    private TokenValues() {
    }

    /**
     * The value of tokens [first, last] when they are a single literal or marker ({@code 5},
     * {@code -5}, {@code 'a'}, {@code 'a' 'b'}, {@code NULL}, {@code TRUE}, {@code ?}); null for any
     * other expression.
     */
    static SqlValue value(SqlTokens t, int first, int last) {
        if (first > last) {
            return null;
        }
        if (first == last) {
            return switch (t.type(first)) {
                case NUMBER -> new SqlValue.Literal(number(t.text(first), false));
                case STRING -> new SqlValue.Literal(t.stringValue(first));
                case PARAM -> new SqlValue.Param(t.parameterOrdinal(first));
                case WORD -> word(t, first);
                default -> null;
            };
        }
        if (last == first + 1 && t.type(last) == TokenType.NUMBER && (t.isSymbol(first, '-') || t.isSymbol(first, '+'))) {
            return new SqlValue.Literal(number(t.text(last), t.isSymbol(first, '-')));
        }
        StringBuilder b = new StringBuilder();
        for (int i = first; i <= last; i++) {
            if (t.type(i) != TokenType.STRING) {
                return null;
            }
            b.append(t.stringValue(i));
        }
        return new SqlValue.Literal(b.toString());
    }

    private static SqlValue word(SqlTokens t, int i) {
        if (t.isWord(i, "NULL")) {
            return new SqlValue.Literal(null);
        }
        if (t.isWord(i, "TRUE")) {
            return new SqlValue.Literal(Boolean.TRUE);
        }
        if (t.isWord(i, "FALSE")) {
            return new SqlValue.Literal(Boolean.FALSE);
        }
        return null;
    }

    /** Long (BigInteger if too big), BigDecimal for decimals, Double for numbers with an exponent. */
    static Object number(String text, boolean negate) {
        String s = negate ? "-" + text : text;
        if (s.indexOf('e') >= 0 || s.indexOf('E') >= 0) {
            return Double.parseDouble(s);
        }
        if (s.indexOf('.') >= 0) {
            return new BigDecimal(s);
        }
        BigInteger integer = new BigInteger(s);
        return integer.bitLength() < 64 ? (Object) integer.longValue() : integer;
    }
}
