package io.shardgate.rules.config;

import io.shardgate.rules.algorithm.AlgorithmParameterException;
import io.shardgate.rules.algorithm.ShardingAlgorithmProvider;
import io.shardgate.rules.algorithm.ShardingAlgorithms;
import io.shardgate.rules.config.TableRule.AlgorithmSpec;
import io.shardgate.rules.config.TableRule.KeyGenerator;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code tables:} into table rules: shard keys, node expressions, algorithms (checked by
 * building them), key generators, broadcast tables and co-location, and checks that no physical
 * table is claimed twice. Co-location is resolved after every table is read, so a table may name
 * one declared below it.
 */
final class TableRulesReader {

    static final List<String> TABLE_KEYS =
            List.of("shard-key", "algorithm", "shards", "key-generator", "co-located-with", "broadcast");
    static final List<String> KEY_GENERATOR_KEYS = List.of("column", "type", "worker-id");
    static final AlgorithmSpec DEFAULT_ALGORITHM = new AlgorithmSpec("hash-mod", Map.of());
    static final String SNOWFLAKE = "snowflake";
    static final int MAX_WORKER_ID = 1023;

    private static final String TABLE_SHAPE = "a map with shard-key and shards (or co-located-with), or broadcast: true";

    private final YamlSource source;
    private final ShardingAlgorithms algorithms;
    private final Set<String> groups;

    /** @param groups the group names, or null when groups could not be read (then node groups are not checked) */
    TableRulesReader(YamlSource source, ShardingAlgorithms algorithms, Set<String> groups) {
        this.source = source;
        this.algorithms = algorithms;
        this.groups = groups;
    }

    /** One table as read from the file, before co-location is resolved. */
    private static final class Draft {
        final String name;
        final YamlMap map;
        boolean broadcast;
        boolean valid = true;
        String shardKey;
        AlgorithmSpec algorithm;          // null when not written
        YamlMap algorithmMap;             // the map form, for pointing at a parameter
        List<DataNode> nodes;             // null when not written or invalid
        List<Node> nodeSources = new ArrayList<>();
        KeyGenerator keyGenerator;
        String coLocatedWith;
        TableRule rule;

        Draft(String name, YamlMap map) {
            this.name = name;
            this.map = map;
        }

        AlgorithmSpec effectiveAlgorithm() {
            return algorithm != null ? algorithm : DEFAULT_ALGORITHM;
        }
    }

    Map<String, TableRule> read(YamlMap tables) {
        Map<String, Draft> drafts = new LinkedHashMap<>();
        for (String written : tables.keys()) {
            String name = written.strip().toLowerCase(Locale.ROOT);
            String path = tables.path(written);
            Node keyNode = tables.keyNode(written);
            if (name.isEmpty()) {
                source.problem(keyNode, "a table name in tables is blank; expected a table name");
                continue;
            }
            if (drafts.containsKey(name)) {
                source.problem(keyNode, path + " is the same table as " + drafts.get(name).map.path() + " (line "
                        + RuleFileReader.line(drafts.get(name).map.anchor()) + "), table names being case-insensitive; "
                        + "expected each table once");
                continue;
            }
            Node value = tables.value(written);
            if (value == null) {
                source.problem(keyNode, path + " is empty; expected " + TABLE_SHAPE);
                continue;
            }
            YamlMap map = YamlMap.read(source, value, keyNode, path, TABLE_SHAPE);
            if (map == null) {
                continue;
            }
            map.allow(TABLE_KEYS);
            Draft draft = new Draft(name, map);
            drafts.put(name, draft);
            if (map.isEmpty()) {
                source.problem(keyNode, path + " is empty; expected " + TABLE_SHAPE);
                draft.valid = false;
                continue;
            }
            readTable(draft);
        }
        for (Draft draft : drafts.values()) {
            if (draft.valid && draft.coLocatedWith != null) {
                coLocate(draft, drafts);
            }
        }
        for (Draft draft : drafts.values()) {
            if (draft.valid && !draft.broadcast && draft.coLocatedWith == null) {
                checkAlgorithm(draft);
            }
        }
        checkNodesUnique(drafts.values());
        Map<String, TableRule> rules = new LinkedHashMap<>();
        for (Draft draft : drafts.values()) {
            if (draft.rule != null) {
                rules.put(draft.name, draft.rule);
            }
        }
        return Collections.unmodifiableMap(rules);
    }

    private void readTable(Draft draft) {
        YamlMap map = draft.map;
        Boolean broadcast = map.bool("broadcast", false);
        if (broadcast == null) {
            draft.valid = false;
            return;
        }
        if (broadcast) {
            draft.broadcast = true;
            for (String key : TABLE_KEYS) {
                if (!key.equals("broadcast") && map.keys().contains(key)) {
                    source.problem(map.keyNode(key), map.path() + " is broadcast and has " + key + "; expected either "
                            + "broadcast: true (a full copy in every group) or " + key + ", not both");
                    draft.valid = false;
                }
            }
            draft.rule = new TableRule.Broadcast(draft.name);
            return;
        }
        draft.shardKey = map.has("shard-key") ? lowerCase(map.required("shard-key", "a column name")) : null;
        draft.coLocatedWith = lowerCase(map.string("co-located-with", "the name of a sharded table"));
        if (map.value("co-located-with") != null && draft.coLocatedWith == null) {
            draft.valid = false;
        }
        readAlgorithm(draft);
        if (map.has("shards")) {
            readNodes(draft);
        }
        draft.keyGenerator = keyGenerator(map);
        if (draft.coLocatedWith == null && map.value("co-located-with") == null) {
            if (!map.has("shard-key")) {
                map.missing("shard-key", "shard-key: <column> (or broadcast: true for a table copied to every group)");
                draft.valid = false;
            }
            if (!map.has("shards")) {
                map.missing("shards", "e.g. shards: \"g${0..1}." + draft.name + "_${0..1}\" (or co-located-with: "
                        + "<sharded table>)");
                draft.valid = false;
            }
            if (draft.valid && draft.nodes != null) {
                draft.rule = new TableRule.Sharded(draft.name, draft.shardKey, draft.effectiveAlgorithm(), draft.nodes,
                        draft.keyGenerator, null);
            }
        }
    }

    private void readAlgorithm(Draft draft) {
        YamlMap map = draft.map;
        Node value = map.value("algorithm");
        if (value == null) {
            return;
        }
        String path = map.path("algorithm");
        String type;
        Node typeNode;
        Map<String, Object> params = Map.of();
        if (value instanceof MappingNode) {
            YamlMap algorithm = map.map("algorithm", "");
            draft.algorithmMap = algorithm;
            type = algorithm.required("type", "type: hash-mod (or mod, range, consistent-hash, a provider class name)");
            typeNode = algorithm.at("type");
            Map<String, Object> written = new LinkedHashMap<>();
            for (String key : algorithm.keys()) {
                if (!key.equals("type")) {
                    written.put(key, source.plain(algorithm.value(key), algorithm.path(key)));
                }
            }
            params = Collections.unmodifiableMap(written);
        } else {
            type = source.text(value, path, "an algorithm name such as hash-mod, or a map { type: range, bounds: [...] }");
            typeNode = value;
        }
        if (type == null) {
            draft.valid = false;
            return;
        }
        type = type.strip();
        if (!algorithms.types().contains(type) && !type.contains(".")) {
            source.problem(typeNode, path + " '" + type + "' is not a known algorithm;"
                    + DidYouMean.hint(type, algorithms.types()) + " expected one of: "
                    + String.join(", ", algorithms.types()) + ", or the fully-qualified name of a class implementing "
                    + ShardingAlgorithmProvider.class.getName());
            draft.valid = false;
            return;
        }
        draft.algorithm = new AlgorithmSpec(type, params);
    }

    private void readNodes(Draft draft) {
        YamlMap map = draft.map;
        Node value = map.value("shards");
        String path = map.path("shards");
        String expected = "a node expression such as \"g${0..1}." + draft.name + "_${0..1}\" or a list of group.table nodes";
        List<Node> expressions;
        if (value instanceof SequenceNode sequence) {
            expressions = sequence.getValue();
            if (expressions.isEmpty()) {
                source.problem(value, path + " is empty; expected " + expected);
                draft.valid = false;
                return;
            }
        } else if (value instanceof ScalarNode) {
            expressions = List.of(value);
        } else {
            source.problem(value, path + " is " + YamlSource.describe(value) + "; expected " + expected);
            draft.valid = false;
            return;
        }
        List<DataNode> nodes = new ArrayList<>();
        Set<String> unknownGroups = new LinkedHashSet<>();
        boolean valid = true;
        for (int i = 0; i < expressions.size(); i++) {
            Node expression = expressions.get(i);
            String text = value instanceof SequenceNode
                    ? source.text(expression, path + "[" + i + "]", "a node such as g0." + draft.name + "_0")
                    : source.text(expression, path, expected);
            if (text == null) {
                valid = false;
                continue;
            }
            List<String> names;
            try {
                names = NodeExpression.expand(text.strip());
            } catch (IllegalArgumentException e) {
                source.problem(expression, path + ": " + e.getMessage());
                valid = false;
                continue;
            }
            for (String name : names) {
                DataNode node = dataNode(name);
                if (node == null) {
                    source.problem(expression, path + ": node '" + name + "' is not group.table; expected e.g. "
                            + (groups == null || groups.isEmpty() ? "g0" : groups.iterator().next()) + "." + draft.name + "_0");
                    valid = false;
                    break;
                }
                if (groups != null && !groups.contains(node.group())) {
                    if (unknownGroups.add(node.group())) {
                        source.problem(expression, path + ": node " + node + " is in group " + node.group()
                                + ", which is not defined;" + DidYouMean.hint(node.group(), groups)
                                + " expected one of: " + String.join(", ", groups));
                    }
                    valid = false;
                    continue;
                }
                nodes.add(node);
                draft.nodeSources.add(expression);
            }
        }
        if (valid) {
            draft.nodes = Collections.unmodifiableList(nodes);
        } else {
            draft.valid = false;
        }
    }

    private static DataNode dataNode(String name) {
        int dot = name.indexOf('.');
        if (dot <= 0 || dot == name.length() - 1 || name.indexOf('.', dot + 1) >= 0
                || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '`')) {
            return null;
        }
        return new DataNode(name.substring(0, dot), name.substring(dot + 1));
    }

    private KeyGenerator keyGenerator(YamlMap table) {
        YamlMap map = table.map("key-generator", "a map { column: …, type: snowflake, worker-id: … }");
        if (map == null) {
            return null;
        }
        map.allow(KEY_GENERATOR_KEYS);
        String column = lowerCase(map.required("column", "column: <the generated column, e.g. order_id>"));
        String type = map.string("type", SNOWFLAKE);
        if (type != null && !type.strip().equals(SNOWFLAKE)) {
            map.problem("type", map.path("type") + " is '" + type + "'; expected " + SNOWFLAKE
                    + " (the only key generator so far)");
        }
        Integer workerId = map.integer("worker-id", 0, MAX_WORKER_ID, -1);
        Map<String, Object> params = workerId == null || workerId < 0 ? Map.of() : Map.of("worker-id", (long) workerId);
        return new KeyGenerator(column, SNOWFLAKE, params);
    }

    private void coLocate(Draft draft, Map<String, Draft> drafts) {
        YamlMap map = draft.map;
        String path = map.path("co-located-with");
        String targetName = draft.coLocatedWith;
        Draft target = drafts.get(targetName);
        String problem = null;
        if (targetName.equals(draft.name)) {
            problem = path + " names " + draft.name + " itself; expected another, sharded table";
        } else if (target == null) {
            problem = path + " '" + targetName + "' is not a table in this file;"
                    + DidYouMean.hint(targetName, drafts.keySet()) + " expected a sharded table listed under tables";
        } else if (target.broadcast) {
            problem = path + " '" + targetName + "' is a broadcast table; expected a sharded table";
        } else if (target.coLocatedWith != null) {
            problem = path + " '" + targetName + "' is itself co-located with " + target.coLocatedWith
                    + "; expected co-located-with: " + target.coLocatedWith;
        }
        if (problem != null) {
            map.problem("co-located-with", problem);
            draft.valid = false;
            return;
        }
        if (!target.valid || target.nodes == null) {
            draft.valid = false; // the target's own problems are reported; don't pile on
            return;
        }
        String shardKey = draft.shardKey != null ? draft.shardKey : target.shardKey;
        AlgorithmSpec algorithm = target.effectiveAlgorithm();
        if (draft.algorithm != null && !draft.algorithm.equals(algorithm)) {
            map.problem("algorithm", map.path("algorithm") + " " + describe(draft.algorithm) + " differs from "
                    + describe(algorithm) + " of " + target.name + ", which " + draft.name + " is co-located with; "
                    + "expected the same algorithm, or none to inherit it");
            draft.valid = false;
        }
        List<DataNode> nodes = draft.nodes;
        if (nodes == null && draft.map.has("shards")) {
            draft.valid = false; // explicit shards with problems, already reported
        } else if (nodes == null) {
            nodes = derivedNodes(draft, target);
        } else if (!sameGroups(draft, target)) {
            draft.valid = false;
        }
        if (draft.valid && nodes != null) {
            draft.nodes = nodes;
            draft.rule = new TableRule.Sharded(draft.name, shardKey, algorithm, nodes, draft.keyGenerator, target.name);
        }
    }

    /** The target's nodes with the target's name replaced by this table's in each physical name. */
    private List<DataNode> derivedNodes(Draft draft, Draft target) {
        List<DataNode> nodes = new ArrayList<>();
        Node at = draft.map.at("co-located-with");
        for (DataNode node : target.nodes) {
            int index = node.table().indexOf(target.name);
            if (index < 0) {
                source.problem(at, draft.map.path() + " has no shards, and they cannot be derived from " + target.name
                        + ": its node " + node + " does not contain '" + target.name + "' to replace with '"
                        + draft.name + "'; expected explicit shards for " + draft.name + ", in the same groups and "
                        + "order as " + target.name);
                draft.valid = false;
                return null;
            }
            String table = node.table().substring(0, index) + draft.name
                    + node.table().substring(index + target.name.length());
            nodes.add(new DataNode(node.group(), table));
            draft.nodeSources.add(at);
        }
        return Collections.unmodifiableList(nodes);
    }

    private boolean sameGroups(Draft draft, Draft target) {
        String path = draft.map.path("shards");
        String why = "; expected the same number of shards, in the same groups and order, as " + target.name
                + ", which " + draft.name + " is co-located with";
        if (draft.nodes.size() != target.nodes.size()) {
            draft.map.problem("shards", path + " has " + draft.nodes.size() + " nodes but " + target.name + " has "
                    + target.nodes.size() + why);
            return false;
        }
        for (int i = 0; i < draft.nodes.size(); i++) {
            String group = draft.nodes.get(i).group();
            String targetGroup = target.nodes.get(i).group();
            if (!group.equals(targetGroup)) {
                source.problem(draft.nodeSources.get(i), path + " puts shard " + i + " in group " + group + " but "
                        + target.name + " puts it in " + targetGroup + why);
                return false;
            }
        }
        return true;
    }

    /** Builds the algorithm once, so that bad parameters (range bounds, vnodes, a class name) fail at load time. */
    private void checkAlgorithm(Draft draft) {
        AlgorithmSpec spec = draft.effectiveAlgorithm();
        String path = draft.map.path("algorithm");
        Node at = draft.map.at("algorithm");
        try {
            if (draft.nodes != null) {
                algorithms.create(spec, draft.nodes.size());
            } else {
                algorithms.provider(spec.type());
            }
        } catch (AlgorithmParameterException e) {
            YamlMap params = draft.algorithmMap;
            source.problem(params != null && params.keys().contains(e.parameter()) ? params.at(e.parameter()) : at,
                    path + ": " + e.getMessage());
            draft.valid = false;
            draft.rule = null;
        } catch (RuntimeException e) {
            source.problem(at, path + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            draft.valid = false;
            draft.rule = null;
        }
    }

    /** No physical table may hold two shards, of one table or of two (broadcast copies included). */
    private void checkNodesUnique(Collection<Draft> drafts) {
        Map<DataNode, String> owners = new LinkedHashMap<>();
        for (Draft draft : drafts) {
            if (draft.broadcast && draft.valid && groups != null) {
                for (String group : groups) {
                    owners.putIfAbsent(new DataNode(group, draft.name), "the copy of broadcast table " + draft.name);
                }
            }
        }
        for (Draft draft : drafts) {
            if (draft.broadcast || draft.nodes == null) {
                continue;
            }
            for (int i = 0; i < draft.nodes.size(); i++) {
                DataNode node = draft.nodes.get(i);
                String owner = owners.putIfAbsent(node, "shard " + i + " of " + draft.name);
                if (owner != null) {
                    String path = draft.map.has("shards") ? draft.map.path("shards") : draft.map.path();
                    source.problem(draft.nodeSources.get(i), path + ": node " + node + " is already " + owner
                            + "; expected each physical table in one shard of one table");
                    draft.rule = null;
                    break;
                }
            }
        }
    }

    private static String describe(AlgorithmSpec spec) {
        return spec.params().isEmpty() ? spec.type() : spec.type() + " " + spec.params();
    }

    private static String lowerCase(String text) {
        return text == null ? null : text.strip().toLowerCase(Locale.ROOT);
    }
}
