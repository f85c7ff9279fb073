package io.shardgate.sql;

import io.shardgate.sql.lex.Comment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Shardgate hints from comments anywhere in a statement:
 * {@code /*+ shardgate: shard=g0.orders_1, leader *}{@code /} or {@code /* shardgate: consistency=strong *}{@code /}.
 * Keys are lower case; a flag without a value maps to "true"; quotes around values are removed.
 */
final class HintComments {

    private static final String PREFIX = "shardgate:";

    private HintComments() {
    }

    static Map<String, String> parse(List<Comment> comments) {
        if (comments.isEmpty()) {
            return Map.of();
        }
        Map<String, String> hints = null;
        for (Comment c : comments) {
            String body = c.body().strip();
            if (body.startsWith("+")) {
                body = body.substring(1).strip();
            }
            if (!body.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                continue;
            }
            if (hints == null) {
                hints = new LinkedHashMap<>();
            }
            for (String entry : body.substring(PREFIX.length()).split(",")) {
                String e = entry.strip();
                if (e.isEmpty()) {
                    continue;
                }
                int eq = e.indexOf('=');
                String key = (eq < 0 ? e : e.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "true" : unquote(e.substring(eq + 1).strip());
                if (!key.isEmpty()) {
                    hints.put(key, value);
                }
            }
        }
        return hints == null ? Map.of() : Collections.unmodifiableMap(hints);
    }

    private static String unquote(String v) {
        if (v.length() >= 2) {
            char q = v.charAt(0);
            if ((q == '\'' || q == '"' || q == '`') && v.charAt(v.length() - 1) == q) {
                return v.substring(1, v.length() - 1);
            }
        }
        return v;
    }
}
