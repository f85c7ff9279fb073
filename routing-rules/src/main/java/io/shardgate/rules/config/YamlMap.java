package io.shardgate.rules.config;

import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A YAML mapping of the rule file read as typed values. Each getter reports what is wrong at the
 * value's line and column and returns null, so one pass finds every problem. {@code path} is the
 * dotted location users see in messages ({@code groups.g0.leader}, {@code users[1]}).
 */
final class YamlMap {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,10}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final String DURATION_FORMS = "500ms, 2s, 1m or 1h";

    private final YamlSource source;
    private final String path;
    private final Node node;
    private final Node anchor;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private YamlMap(YamlSource source, String path, MappingNode node, Node anchor) {
        this.source = source;
        this.path = path;
        this.node = node;
        this.anchor = anchor;
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar) || YamlSource.isNull(keyNode)) {
                source.problem(keyNode, "a key " + where() + " is " + YamlSource.describe(keyNode)
                        + "; expected a plain name");
                continue;
            }
            NodeTuple earlier = entries.putIfAbsent(scalar.getValue(), tuple);
            if (earlier != null) {
                int line = earlier.getKeyNode().getStartMark().map(m -> m.getLine() + 1).orElse(0);
                source.problem(keyNode, "duplicate key '" + scalar.getValue() + "' " + where() + ", first at line "
                        + line + "; expected each key once");
            }
        }
    }

    /**
     * The map at {@code node}, or null when the node is not a map (reported as
     * {@code <path> is a list; expected <expected>}). A YAML null reads as an empty map.
     *
     * @param anchor where "has no …" problems point: the key that names this map, or the map itself
     */
    static YamlMap read(YamlSource source, Node node, Node anchor, String path, String expected) {
        if (YamlSource.isNull(node)) {
            return new YamlMap(source, path, new MappingNode(Tag.MAP, List.of(), FlowStyle.AUTO), anchor);
        }
        if (!(node instanceof MappingNode mapping)) {
            source.problem(node, path + " is " + YamlSource.describe(node) + "; expected " + expected);
            return null;
        }
        return new YamlMap(source, path, mapping, anchor);
    }

    /** Reports each key not in {@code allowed}, with the nearest allowed key and the full list. */
    YamlMap allow(List<String> allowed) {
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                source.problem(entry.getValue().getKeyNode(), "unknown key '" + entry.getKey() + "' " + where() + ";"
                        + DidYouMean.hint(entry.getKey(), allowed) + " expected one of: " + String.join(", ", allowed));
            }
        }
        return this;
    }

    String where() {
        return path.isEmpty() ? "at the top level" : "in " + path;
    }

    String path() {
        return path;
    }

    /** The path of a key of this map. */
    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Node node() {
        return node;
    }

    Node anchor() {
        return anchor;
    }

    /** Keys in file order (including ones with a null value). */
    Set<String> keys() {
        return entries.keySet();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Present with a non-null value. */
    boolean has(String key) {
        return value(key) != null;
    }

    /** The value node, or null when absent or YAML null. */
    Node value(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null || YamlSource.isNull(tuple.getValueNode()) ? null : tuple.getValueNode();
    }

    Node keyNode(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getKeyNode();
    }

    /** Where a problem about {@code key} points: its value, else its key, else this map's anchor. */
    Node at(String key) {
        Node value = value(key);
        if (value != null) {
            return value;
        }
        Node keyNode = keyNode(key);
        return keyNode != null ? keyNode : anchor;
    }

    void problem(String key, String message) {
        source.problem(at(key), message);
    }

    /** Reports {@code <path> has no <key>; expected <expected>} at this map's anchor. */
    void missing(String key, String expected) {
        source.problem(keyNode(key) != null ? keyNode(key) : anchor,
                (path.isEmpty() ? "the rule file" : path) + " has no " + key + "; expected " + expected);
    }

    String string(String key, String expected) {
        return source.text(value(key), path(key), expected);
    }

    /** A string that must be there and not blank. */
    String required(String key, String expected) {
        if (!has(key)) {
            missing(key, expected);
            return null;
        }
        String text = string(key, expected);
        if (text != null && text.isBlank()) {
            problem(key, path(key) + " is blank; expected " + expected);
            return null;
        }
        return text;
    }

    /** A string whose value never appears in a message (passwords). */
    String secret(String key) {
        return source.text(value(key), path(key), "a string");
    }

    Integer integer(String key, int min, int max, int defaultValue) {
        Node value = value(key);
        if (value == null) {
            return defaultValue;
        }
        String expected = max == Integer.MAX_VALUE ? "an integer ≥ " + min : "an integer from " + min + " to " + max;
        String text = source.text(value, path(key), expected);
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        if (INTEGER.matcher(trimmed).matches()) {
            long number = Long.parseLong(trimmed);
            if (number >= min && number <= max) {
                return (int) number;
            }
            source.problem(value, path(key) + " is " + number + "; expected " + expected);
            return null;
        }
        source.problem(value, path(key) + " is '" + text + "'; expected " + expected);
        return null;
    }

    Boolean bool(String key, boolean defaultValue) {
        Node value = value(key);
        if (value == null) {
            return defaultValue;
        }
        String text = source.text(value, path(key), "true or false");
        if (text == null) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                source.problem(value, path(key) + " is '" + text + "'; expected true or false");
                yield null;
            }
        };
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}; zero only when {@code allowZero}. */
    Duration duration(String key, Duration defaultValue, boolean allowZero) {
        Node value = value(key);
        if (value == null) {
            return defaultValue;
        }
        String expected = (allowZero ? "a duration such as " : "a positive duration such as ") + DURATION_FORMS;
        String text = source.text(value, path(key), expected);
        if (text == null) {
            return null;
        }
        Matcher matcher = DURATION.matcher(text.strip());
        if (!matcher.matches()) {
            source.problem(value, path(key) + " is '" + text + "'; expected " + expected);
            return null;
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (duration.isZero() && !allowZero) {
            source.problem(value, path(key) + " is " + text.strip() + "; expected " + expected);
            return null;
        }
        return duration;
    }

    /** One of {@code values}, written in kebab case ({@code ROUND_ROBIN} is {@code round-robin}). */
    <E extends Enum<E>> E choice(String key, E[] values, E defaultValue) {
        Node value = value(key);
        if (value == null) {
            return defaultValue;
        }
        List<String> names = Arrays.stream(values).map(YamlMap::kebab).collect(Collectors.toList());
        String expected = "one of: " + String.join(", ", names);
        String text = source.text(value, path(key), expected);
        if (text == null) {
            return null;
        }
        int index = names.indexOf(text.strip().toLowerCase(Locale.ROOT));
        if (index >= 0) {
            return values[index];
        }
        source.problem(value, path(key) + " is '" + text + "';" + DidYouMean.hint(text, names) + " expected " + expected);
        return null;
    }

    static String kebab(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The map under {@code key}; null when absent or not a map (reported). */
    YamlMap map(String key, String expected) {
        Node value = value(key);
        return value == null ? null : read(source, value, keyNode(key), path(key), expected);
    }

    /** The list under {@code key}; null when absent or not a list (reported). */
    List<Node> list(String key, String expected) {
        Node value = value(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof SequenceNode sequence)) {
            source.problem(value, path(key) + " is " + YamlSource.describe(value) + "; expected " + expected);
            return null;
        }
        return sequence.getValue();
    }
}
