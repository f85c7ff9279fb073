package io.shardgate.proxy.ops;

import io.shardgate.sql.lex.MySqlLexer;
import io.shardgate.sql.lex.SqlTokens;
import io.shardgate.sql.lex.TokenType;

/**
 * A statement's digest: its tokens with every literal (string, number, hex, bit) replaced by
 * {@code ?} and comments dropped (they may hold values too); one space where the text had any. What the
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
            if (digest.length() > 0 && tokens.start(i) > tokens.end(i - 1)) {
                digest.append(' '); // where the statement had space (or a comment): one space
            }
            digest.append(text);
        }
        return digest.length() > MAX_LENGTH ? digest.substring(0, MAX_LENGTH) + "..." : digest.toString();
    }

}
