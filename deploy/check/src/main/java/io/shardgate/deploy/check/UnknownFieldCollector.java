package io.shardgate.deploy.check;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records every unknown field of one file (with its line, path and the fields that would have been
 * right) and skips it, so that one run reports all typos instead of the first.
 */
final class UnknownFieldCollector extends DeserializationProblemHandler {

    private final String file;
    private final List<String> lines;
    private final List<Problem> problems = new ArrayList<>();

    /** @param lines the file's text, to find the line of a field name (Jackson knows its value's) */
    UnknownFieldCollector(String file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    List<Problem> problems() {
        return problems;
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                         JsonDeserializer<?> deserializer, Object beanOrClass, String name)
            throws IOException {
        JsonLocation value = parser.currentTokenLocation();
        int[] at = nameLocation(name, value.getLineNr(), value.getColumnNr());
        String type = beanOrClass instanceof Class<?> c ? c.getSimpleName() : beanOrClass.getClass().getSimpleName();
        Collection<Object> known = deserializer == null ? List.of() : deserializer.getKnownPropertyNames();
        TreeSet<String> names = new TreeSet<>();
        for (Object k : known) {
            names.add(String.valueOf(k));
        }
        String hint = nearest(name, names);
        problems.add(new Problem(file, at[0], at[1], parser.getParsingContext().pathAsPointer().toString(),
                "unknown field '" + name + "' in " + type + ";" + (hint == null ? "" : " did you mean '" + hint + "'?")
                        + " expected one of: " + String.join(", ", names)));
        parser.skipChildren();
        return true;
    }

    /**
     * Where the field's name is written. Jackson reports where its value starts, which for a nested
     * map or list is the line below the name; so look for "name:" on the value's line and up to a
     * few lines above it.
     */
    private int[] nameLocation(String name, int line, int column) {
        Pattern key = Pattern.compile("(?:^|[\\s{,-])([\"']?" + Pattern.quote(name) + "[\"']?\\s*:)");
        for (int l = Math.min(line, lines.size()); l >= 1 && l >= line - 5; l--) {
            String text = lines.get(l - 1);
            // On the value's own line the name stands before the value ("{ httpGett: … }").
            int limit = l == line ? Math.min(text.length(), Math.max(column - 1, 0)) : text.length();
            Matcher matcher = key.matcher(text.substring(0, limit));
            int found = -1;
            while (matcher.find()) {
                found = matcher.start(1);
            }
            if (found >= 0) {
                return new int[] {l, found + 1};
            }
        }
        return new int[] {line, column};
    }

    /** The known name closest to a misspelt one, when it is close enough to be the likely intent. */
    static String nearest(String name, Collection<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : names) {
            int distance = distance(name.toLowerCase(), candidate.toLowerCase());
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
