package io.shardgate.rules.config;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rule file being read: its name, the environment for {@code ${env:…}}, and the problems found
 * so far, each pinned to the line and column of a YAML node. Reading never stops at the first
 * problem; callers get null for a value that was missing or wrong and carry on.
 */
final class YamlSource {

    private final String file;
    private final EnvInterpolator env;
    private final List<RuleProblem> problems = new ArrayList<>();

    YamlSource(String file, EnvInterpolator env) {
        this.file = file;
        this.env = env;
    }

    String file() {
        return file;
    }

    List<RuleProblem> problems() {
        return problems;
    }

    void problem(Node at, String message) {
        Mark mark = at == null ? null : at.getStartMark().orElse(null);
        problem(mark, message);
    }

    void problem(Mark mark, String message) {
        problems.add(mark == null
                ? new RuleProblem(file, 1, 1, message)
                : new RuleProblem(file, mark.getLine() + 1, mark.getColumn() + 1, message));
    }

    static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag()));
    }

    /**
     * The text of a scalar with {@code ${env:NAME}} replaced. Null, with a problem reported, when the
     * node is a map or list ({@code <path> is a map; expected <expected>}) or a variable is unset;
     * null without a problem for a YAML null.
     */
    String text(Node node, String path, String expected) {
        if (isNull(node)) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            problem(node, path + " is " + describe(node) + "; expected " + expected);
            return null;
        }
        EnvInterpolator.Result result = env.interpolate(scalar.getValue());
        for (String message : result.problems()) {
            problem(node, message);
        }
        return result.text();
    }

    /**
     * What a node is, for "is a list; expected a map" messages: a map, a list, empty, a number,
     * true or false, or a string. Never the value itself, which may be a URL with a password in it.
     */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "empty";
        }
        Tag tag = node.getTag();
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "a number";
        }
        return Tag.BOOL.equals(tag) ? "true or false" : "a string";
    }

    /**
     * A node as plain Java values for algorithm and key-generator parameters: integers as Long (or
     * BigInteger beyond it), decimals as BigDecimal, booleans, strings (interpolated), lists, maps
     * in file order, null.
     */
    Object plain(Node node, String path) {
        if (isNull(node)) {
            return null;
        }
        if (node.isRecursive()) {
            problem(node, path + " contains itself through an alias; expected plain values, lists and maps");
            return null;
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                values.add(plain(sequence.getValue().get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(values);
        }
        if (node instanceof MappingNode mapping) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = text(tuple.getKeyNode(), path, "a name");
                if (key != null) {
                    values.put(key, plain(tuple.getValueNode(), path + "." + key));
                }
            }
            return Collections.unmodifiableMap(values);
        }
        ScalarNode scalar = (ScalarNode) node;
        String value = scalar.getValue();
        try {
            if (Tag.INT.equals(scalar.getTag())) {
                return integer(value);
            }
            if (Tag.FLOAT.equals(scalar.getTag())) {
                return new BigDecimal(value);
            }
        } catch (NumberFormatException e) {
            return value; // .inf, .nan and friends: let the algorithm reject them by name
        }
        if (Tag.BOOL.equals(scalar.getTag())) {
            return Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT));
        }
        return text(node, path, "a value");
    }

    // YAML 1.2 core integers: decimal, 0o octal, 0x hex.
    private static Object integer(String text) {
        BigInteger value;
        String digits = text.startsWith("+") ? text.substring(1) : text;
        if (digits.startsWith("0x")) {
            value = new BigInteger(digits.substring(2), 16);
        } else if (digits.startsWith("0o")) {
            value = new BigInteger(digits.substring(2), 8);
        } else {
            value = new BigInteger(digits);
        }
        return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value;
    }
}
