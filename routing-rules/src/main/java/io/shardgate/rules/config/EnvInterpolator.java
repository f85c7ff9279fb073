package io.shardgate.rules.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${env:NAME}} in a rule-file string with the variable's value (several per string
 * allowed); <code>$${</code> writes a literal <code>${</code>. Other <code>${…}</code> forms (the shard node
 * ranges) pass through untouched. The lookup is injected so tests need no real environment.
 */
final class EnvInterpolator {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String OPEN = "${env:";

    private final Function<String, String> lookup;

    EnvInterpolator(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    /** The interpolated text and the problems found (each a complete message); text is null when there are problems. */
    record Result(String text, List<String> problems) {
    }

    Result interpolate(String raw) {
        if (raw.indexOf('$') < 0) {
            return new Result(raw, List.of());
        }
        StringBuilder out = new StringBuilder(raw.length());
        List<String> problems = new ArrayList<>();
        int i = 0;
        while (i < raw.length()) {
            if (raw.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (raw.startsWith(OPEN, i)) {
                int close = raw.indexOf('}', i);
                if (close < 0) {
                    problems.add("'" + OPEN + "' is not closed; expected ${env:NAME}");
                    break;
                }
                String name = raw.substring(i + OPEN.length(), close).strip();
                if (!NAME.matcher(name).matches()) {
                    problems.add("'" + raw.substring(i, close + 1) + "' does not name an environment variable; "
                            + "expected ${env:NAME} with NAME made of letters, digits and _");
                } else {
                    String value = lookup.apply(name);
                    if (value == null) {
                        problems.add("environment variable " + name + " is not set; export it or write the value");
                    } else {
                        out.append(value);
                    }
                }
                i = close + 1;
            } else {
                out.append(raw.charAt(i++));
            }
        }
        return problems.isEmpty() ? new Result(out.toString(), List.of()) : new Result(null, problems);
    }
}
