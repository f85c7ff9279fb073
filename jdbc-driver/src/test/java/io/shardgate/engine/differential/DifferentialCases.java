package io.shardgate.engine.differential;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a case file (resources under {@code differential/}). The format, for people first:
 * <pre>
 * # a comment
 * ## section name            (names the entries below it)
 * -- params: 7, 'paid'       (directives apply to the next statement)
 * -- not-h2: why H2 differs from MySQL here
 * -- any-case: why strings compare case- and accent-insensitively
 * -- error: 1235             (refused statements: expected MySQL error number …
 * -- message: cannot be combined                                 … and text)
 * SELECT …                   (SQL over one or more lines, ending with ';' at the end of a line)
 *   FROM orders;
 * </pre>
 */
final class DifferentialCases {

    private DifferentialCases() {
    }

    static List<DifferentialCase> load(String resource) {
        try (InputStream in = DifferentialCases.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path");
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<DifferentialCase> parse(String source, String text) {
        List<DifferentialCase> cases = new ArrayList<>();
        String section = "top";
        List<Object> parameters = List.of();
        String notOnH2 = null;
        String anyCase = null;
        int error = 0;
        String message = null;
        StringBuilder sql = new StringBuilder();
        int start = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            String trimmed = line.strip();
            if (sql.isEmpty()) {
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (trimmed.startsWith("##")) {
                    section = trimmed.substring(2).strip();
                    continue;
                }
                if (trimmed.startsWith("#")) {
                    continue;
                }
                if (trimmed.startsWith("--")) {
                    String directive = trimmed.substring(2).strip();
                    int colon = directive.indexOf(':');
                    if (colon < 0) {
                        throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected '-- name: value', got "
                                + trimmed);
                    }
                    String name = directive.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                    String value = directive.substring(colon + 1).strip();
                    switch (name) {
                        case "params" -> parameters = parameters(value, source, i + 1);
                        case "not-h2" -> notOnH2 = value;
                        case "any-case" -> anyCase = value;
                        case "error" -> error = Integer.parseInt(value);
                        case "message" -> message = value;
                        default -> throw new IllegalArgumentException(source + ":" + (i + 1)
                                + ": unknown directive '" + name + "'; expected params, not-h2, any-case, error or message");
                    }
                    continue;
                }
                start = i + 1;
            }
            sql.append(sql.isEmpty() ? "" : "\n").append(line);
            if (trimmed.endsWith(";")) {
                String statement = sql.toString().strip();
                statement = statement.substring(0, statement.length() - 1).strip();
                cases.add(new DifferentialCase(section, start, statement, parameters, notOnH2, anyCase, error, message));
                sql.setLength(0);
                parameters = List.of();
                notOnH2 = null;
                anyCase = null;
                error = 0;
                message = null;
            }
        }
        if (!sql.isEmpty()) {
            throw new IllegalArgumentException(source + ":" + start + ": statement does not end with ';'");
        }
        return cases;
    }

    /** {@code 7, 'paid', 12.50, NULL}: integers as Long, decimals as BigDecimal, quoted text as String. */
    private static List<Object> parameters(String text, String source, int line) {
        List<Object> values = new ArrayList<>();
        for (String raw : text.split(",")) {
            String v = raw.strip();
            if (v.equalsIgnoreCase("NULL")) {
                values.add(null);
            } else if (v.startsWith("'") && v.endsWith("'") && v.length() >= 2) {
                values.add(v.substring(1, v.length() - 1));
            } else if (v.matches("-?\\d+")) {
                values.add(Long.parseLong(v));
            } else if (v.matches("-?\\d*\\.\\d+")) {
                values.add(new BigDecimal(v));
            } else {
                throw new IllegalArgumentException(source + ":" + line + ": parameter '" + v
                        + "' is not an integer, a decimal, a quoted string or NULL");
            }
        }
        return values;
    }
}
