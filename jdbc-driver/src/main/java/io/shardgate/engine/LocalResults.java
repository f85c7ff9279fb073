package io.shardgate.engine;

import io.shardgate.engine.merge.ListCursor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Results the engine answers itself, without a backend. */
final class LocalResults {

    private LocalResults() {
    }

    static QueryResult of(List<ColumnMeta> columns, List<Object[]> rows, List<EngineWarning> warnings) {
        return new QueryResult(columns, new ListCursor(rows), warnings);
    }

    static List<Object[]> rows(List<?> values) {
        List<Object[]> rows = new ArrayList<>(values.size());
        for (Object value : values) {
            rows.add(new Object[] {value});
        }
        return rows;
    }

    /** A MySQL LIKE pattern (% and _, backslash escapes) as a case-insensitive regex; null matches all. */
    static Pattern like(String pattern) {
        if (pattern == null) {
            return null;
        }
        String p = pattern;
        if (p.length() >= 2 && (p.startsWith("'") && p.endsWith("'") || p.startsWith("\"") && p.endsWith("\""))) {
            p = p.substring(1, p.length() - 1);
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                regex.append(Pattern.quote(String.valueOf(p.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    static boolean matches(Pattern pattern, String value) {
        return pattern == null || pattern.matcher(value.toLowerCase(Locale.ROOT)).matches()
                || pattern.matcher(value).matches();
    }
}
