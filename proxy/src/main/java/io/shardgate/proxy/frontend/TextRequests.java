package io.shardgate.proxy.frontend;

import io.shardgate.engine.DirectRoute;
import io.shardgate.engine.EngineSession;
import io.shardgate.sql.LiteralParameters;
import io.shardgate.sql.SqlStatement;
import io.shardgate.sql.lex.MySqlLexer;
import io.shardgate.sql.lex.SqlTokens;
import io.shardgate.sql.lex.TokenType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Text statements (COM_QUERY) for the direct lane: a single statement whose values
 * {@link LiteralParameters} can take, whose template the engine has already analyzed (nothing is
 * parsed on the event loop), and which the engine routes to one backend verbatim. The backend gets
 * the routed SQL with the values written back as the literals they were.
 */
final class TextRequests {

    private TextRequests() {
    }

    /** The lane's request for {@code sql}, or null when the engine should run it. */
    static DirectRequest of(EngineSession session, String sql) {
        if (sql.indexOf(';') >= 0) {
            return null; // several statements, or one that ends in ';': the engine splits and runs them
        }
        if (session.inTransaction() || !session.autocommit() || !mayBeSelect(sql)) {
            return null; // the lane would refuse it: spare the lexing, which the engine does again
        }
        LiteralParameters.Normalized normalized = LiteralParameters.of(sql);
        if (normalized == null || !normalized.values().stream().allMatch(TextRequests::inlinable)) {
            return null;
        }
        SqlStatement template = session.cachedAnalysis(normalized.sql());
        if (template == null) {
            return null; // first of its shape: the engine parses it (and caches the template)
        }
        DirectRoute route = session.directRoute(template, normalized.values());
        if (route == null) {
            return null;
        }
        return new DirectRequest(route, List.of(), null, inline(route.sql(), route.parameters(normalized.values())));
    }

    /** False when the text cannot be a SELECT: it starts with another word (comments may come first). */
    private static boolean mayBeSelect(String sql) {
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == 'S' || c == 's' || c == '/' || c == '-' || c == '#';
            }
        }
        return false;
    }

    /** {@code sql} with each {@code ?} marker replaced by the literal of the next value. */
    static String inline(String sql, List<Object> values) {
        SqlTokens tokens = MySqlLexer.tokenize(sql);
        StringBuilder out = new StringBuilder(sql.length() + 12 * values.size());
        int copied = 0;
        int next = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.type(i) == TokenType.PARAM) {
                out.append(sql, copied, tokens.start(i)).append(literal(values.get(next++)));
                copied = tokens.end(i);
            }
        }
        if (next != values.size()) {
            throw new IllegalStateException(values.size() + " values for " + next + " markers in " + sql);
        }
        return out.append(sql, copied, sql.length()).toString();
    }

    private static boolean inlinable(Object value) {
        return value instanceof Long || value instanceof BigInteger || value instanceof BigDecimal
                || (value instanceof String s && s.indexOf('\\') < 0);
    }

    private static String literal(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof String text) {
            return "'" + text.replace("'", "''") + "'";
        }
        return value.toString();
    }
}
