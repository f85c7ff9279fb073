package io.shardgate.rules.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands a shard node expression such as {@code g${0..1}.orders_${0..1}} into node names, as the
 * cartesian product in order with the leftmost expression outermost: g0.orders_0, g0.orders_1,
 * g1.orders_0, g1.orders_1. Forms: <code>${from..to}</code> (integers, from &le; to; a zero-padded
 * bound such as <code>${00..15}</code> keeps its width) and <code>${[a, b, c]}</code> (a list).
 */
final class NodeExpression {

    /** More nodes than any real deployment; guards against {@code ${0..99999999}} filling the heap. */
    static final int MAX_NODES = 65_536;

    private static final Pattern RANGE = Pattern.compile("(\\d{1,9})\\s*\\.\\.\\s*(\\d{1,9})");
    private static final String FORMS = "${from..to} with integers from ≤ to, e.g. ${0..3}, or a list ${[a, b]}";

    private NodeExpression() {
    }

    /** @throws IllegalArgumentException with a message saying what is wrong and what is expected */
    static List<String> expand(String expression) {
        List<List<String>> parts = new ArrayList<>();
        int i = 0;
        while (i < expression.length()) {
            int open = expression.indexOf("${", i);
            if (open < 0) {
                parts.add(List.of(expression.substring(i)));
                break;
            }
            parts.add(List.of(expression.substring(i, open)));
            int close = expression.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("'" + expression.substring(open) + "' is not closed; expected "
                        + FORMS + ", each ending with }");
            }
            parts.add(choices(expression.substring(open, close + 1)));
            i = close + 1;
        }
        long total = 1;
        for (List<String> part : parts) {
            total *= part.size();
            if (total > MAX_NODES) {
                throw new IllegalArgumentException("'" + expression + "' expands to more than " + MAX_NODES
                        + " nodes; expected at most " + MAX_NODES);
            }
        }
        List<String> names = new ArrayList<>(List.of(""));
        for (List<String> part : parts) {
            List<String> next = new ArrayList<>(names.size() * part.size());
            for (String prefix : names) {
                for (String choice : part) {
                    next.add(prefix + choice);
                }
            }
            names = next;
        }
        return names;
    }

    private static List<String> choices(String placeholder) {
        String body = placeholder.substring(2, placeholder.length() - 1).strip();
        if (body.startsWith("[")) {
            if (!body.endsWith("]")) {
                throw new IllegalArgumentException("'" + placeholder + "' is not a list; expected ${[a, b, c]}");
            }
            List<String> items = new ArrayList<>();
            for (String item : body.substring(1, body.length() - 1).split(",", -1)) {
                if (item.isBlank()) {
                    throw new IllegalArgumentException("'" + placeholder + "' has an empty item; expected ${[a, b, c]}");
                }
                items.add(item.strip());
            }
            return items;
        }
        Matcher range = RANGE.matcher(body);
        if (!range.matches()) {
            throw new IllegalArgumentException("'" + placeholder + "' is not a range or a list; expected " + FORMS);
        }
        String fromText = range.group(1);
        String toText = range.group(2);
        int from = Integer.parseInt(fromText);
        int to = Integer.parseInt(toText);
        if (from > to) {
            throw new IllegalArgumentException("'" + placeholder + "' counts down; expected from ≤ to, e.g. ${"
                    + toText + ".." + fromText + "}");
        }
        if (to - from >= MAX_NODES) {
            throw new IllegalArgumentException("'" + placeholder + "' expands to more than " + MAX_NODES
                    + " nodes; expected at most " + MAX_NODES);
        }
        boolean padded = (fromText.length() > 1 && fromText.startsWith("0"))
                || (toText.length() > 1 && toText.startsWith("0"));
        String format = padded ? "%0" + Math.max(fromText.length(), toText.length()) + "d" : "%d";
        List<String> values = new ArrayList<>(to - from + 1);
        for (int n = from; n <= to; n++) {
            values.add(String.format(java.util.Locale.ROOT, format, n));
        }
        return values;
    }
}
