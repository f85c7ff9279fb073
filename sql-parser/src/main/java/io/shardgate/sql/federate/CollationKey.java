package io.shardgate.sql.federate;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The key under which MySQL's default (case- and accent-insensitive, PAD SPACE) collations
 * consider strings equal: 'Émile', 'emile ' and 'EMILE' share one key. Federated joins hash,
 * group and sort character values by this key, since Calcite's operators compare Java strings
 * exactly. Public because the planner's generated code calls {@link #of}.
 */
public final class CollationKey {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private CollationKey() {
    }

    public static String of(String value) {
        if (value == null) {
            return null;
        }
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == ' ') {
            end--;
        }
        String trimmed = value.substring(0, end);
        boolean ascii = true;
        for (int i = 0; i < trimmed.length() && ascii; i++) {
            ascii = trimmed.charAt(i) < 128;
        }
        String folded = ascii ? trimmed : MARKS.matcher(Normalizer.normalize(trimmed, Normalizer.Form.NFD)).replaceAll("");
        return folded.toLowerCase(Locale.ROOT);
    }
}
