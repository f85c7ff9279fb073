package io.shardgate.proxy.ops;

import io.shardgate.sql.lex.MySqlLexer;
import io.shardgate.sql.lex.SqlTokens;
import io.shardgate.sql.lex.TokenType;

/**
 * A statement's digest: its tokens with every literal (string, number, hex, bit) replaced by
 * {@code ?} and comments dropped (they may hold values too), one space between tokens. What the
 * log shows of a statement, so that user data and secrets never reach the log, and statements
 * that differ only in their values read alike. Long digests are cut at {@value #MAX_LENGTH} chars.
 */
public final class SqlDigest {

    static final int MAX_LENGTH = 400;

    private SqlDigest() {
    }

    public static String of(String sql) {
        SqlTokens tokens;
        try {
            tokens = MySqlLexer.tokenize(sql);
        } catch (RuntimeException unlexable) {
            return "(statement not tokenizable)";
        }
        StringBuilder digest = new StringBuilder();
        for (int i = 0; i < tokens.size() && digest.length() <= MAX_LENGTH; i++) {
            TokenType type = tokens.type(i);
            String text = switch (type) {
                case STRING, NUMBER, HEX, BIT, PARAM -> "?";
                default -> tokens.text(i);
            };
            if (digest.length() > 0 && !(type == TokenType.SYMBOL && (text.equals(",") || text.equals(")")
                    || text.equals("."))) && !endsWith(digest, "(") && !endsWith(digest, ".")) {
                digest.append(' ');
            }
            digest.append(text);
        }
        return digest.length() > MAX_LENGTH ? digest.substring(0, MAX_LENGTH) + "..." : digest.toString();
    }

    private static boolean endsWith(StringBuilder text, String suffix) {
        return text.length() >= suffix.length() && text.substring(text.length() - suffix.length()).equals(suffix);
    }
}
