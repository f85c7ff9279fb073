package io.shardgate.rules.config;

import io.shardgate.rules.algorithm.ShardingAlgorithms;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one composed rule file into a {@link RuleSet} (DESIGN §2), reporting every problem to the
 * {@link YamlSource}. Tables are read by {@link TableRulesReader}.
 */
final class RuleFileReader {

    static final List<String> TOP_KEYS =
            List.of("database", "users", "groups", "default-group", "tables", "reads", "writes", "policies",
                    "transactions");
    static final List<String> USER_KEYS = List.of("name", "password");
    static final List<String> GROUP_KEYS = List.of("leader", "followers", "pool");
    static final List<String> SERVER_KEYS = List.of("url", "user", "password", "weight");
    static final List<String> POOL_KEYS = List.of("max-size", "min-idle", "connection-timeout");
    static final List<String> READ_KEYS = List.of("balance", "consistency", "max-lag", "session-wait");
    static final List<String> WRITE_KEYS = List.of("ack", "ack-timeout");
    static final List<String> POLICY_KEYS = List.of("cross-shard-join", "cross-shard-transaction", "scatter-write",
            "federation-max-rows");
    static final List<String> TRANSACTION_KEYS = List.of("xa-log-dir");

    private static final String URL_EXAMPLE = "jdbc:mysql://host:3306/db";

    private final YamlSource source;
    private final ShardingAlgorithms algorithms;
    private Node databaseNode;
    // Every group named in the file, even one whose definition has problems, so that shard nodes
    // in it are not reported a second time as "not defined".
    private final Set<String> groupNames = new LinkedHashSet<>();

    RuleFileReader(YamlSource source, ShardingAlgorithms algorithms) {
        this.source = source;
        this.algorithms = algorithms;
    }

    /** Where {@code database:} was written, for messages about clashes between files. */
    Node databaseNode() {
        return databaseNode;
    }

    /** The rule set; meaningful only when the source has no problems. */
    RuleSet read(Node root) {
        if (!(root instanceof MappingNode)) {
            source.problem(root, "the rule file is " + YamlSource.describe(root)
                    + "; expected a map with at least database and groups");
            return null;
        }
        YamlMap file = YamlMap.read(source, root, root, "", "").allow(TOP_KEYS);
        databaseNode = file.at("database");
        String database = file.required("database", "the logical database clients USE, e.g. database: shop");
        List<UserRule> users = users(file);
        Map<String, GroupRule> groups = groups(file);
        String defaultGroup = defaultGroup(file, groups);
        Map<String, TableRule> tables = Map.of();
        YamlMap tablesMap = file.map("tables", "a map from table name to its rule");
        if (tablesMap != null) {
            tables = new TableRulesReader(source, algorithms, groupNames.isEmpty() ? null : groupNames).read(tablesMap);
        }
        return new RuleSet(source.file(), database, users, groups, defaultGroup, tables, reads(file), writes(file),
                policies(file), transactions(file));
    }

    private List<UserRule> users(YamlMap file) {
        List<Node> nodes = file.list("users", "a list of { name: …, password: … }");
        if (nodes == null) {
            return List.of();
        }
        List<UserRule> users = new ArrayList<>();
        Map<String, Node> seen = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            YamlMap user = YamlMap.read(source, nodes.get(i), nodes.get(i), "users[" + i + "]",
                    "a map { name: …, password: … }");
            if (user == null) {
                continue;
            }
            user.allow(USER_KEYS);
            String name = user.required("name", "name: <account clients log in with>");
            String password = user.secret("password");
            if (name != null) {
                Node earlier = seen.putIfAbsent(name, user.at("name"));
                if (earlier != null) {
                    user.problem("name", user.path("name") + " '" + name + "' is already defined at line "
                            + line(earlier) + "; expected each user once");
                }
            }
            users.add(new UserRule(name, password == null ? "" : password));
        }
        return Collections.unmodifiableList(users);
    }

    private Map<String, GroupRule> groups(YamlMap file) {
        if (!file.has("groups")) {
            file.missing("groups", "at least one group with a leader, e.g. groups: { g0: { leader: { url: \""
                    + URL_EXAMPLE + "\" } } }");
            return Map.of();
        }
        YamlMap groupsMap = file.map("groups", "a map from group name to { leader: …, followers: … }");
        if (groupsMap == null) {
            return Map.of();
        }
        if (groupsMap.isEmpty()) {
            file.problem("groups", "groups is empty; expected at least one group with a leader, e.g. groups: { g0: "
                    + "{ leader: { url: \"" + URL_EXAMPLE + "\" } } }");
            return Map.of();
        }
        groupNames.addAll(groupsMap.keys());
        Map<String, GroupRule> groups = new LinkedHashMap<>();
        for (String name : groupsMap.keys()) {
            if (name.isBlank() || name.contains(".")) {
                source.problem(groupsMap.keyNode(name), "group name '" + name + "' " + (name.isBlank()
                        ? "is blank" : "contains '.'") + "; expected a name without dots (nodes are written group.table)");
            }
            YamlMap group = YamlMap.read(source, groupsMap.value(name), groupsMap.keyNode(name), groupsMap.path(name),
                    "a map with leader and, optionally, followers and pool");
            if (group == null) {
                continue;
            }
            group.allow(GROUP_KEYS);
            groups.put(name, group(name, group));
        }
        return Collections.unmodifiableMap(groups);
    }

    private GroupRule group(String name, YamlMap group) {
        DataSourceRule leader = null;
        if (!group.has("leader")) {
            group.missing("leader", "leader: { url: \"" + URL_EXAMPLE + "\", user: …, password: … }");
        } else {
            YamlMap leaderMap = group.map("leader", "a map { url: …, user: …, password: … }");
            if (leaderMap != null) {
                leader = server(leaderMap.allow(SERVER_KEYS), null);
            }
        }
        List<DataSourceRule> followers = new ArrayList<>();
        List<Node> followerNodes = group.list("followers", "a list of { url: …, user: …, password: …, weight: … }");
        if (followerNodes != null) {
            for (int i = 0; i < followerNodes.size(); i++) {
                YamlMap follower = YamlMap.read(source, followerNodes.get(i), followerNodes.get(i),
                        group.path("followers") + "[" + i + "]", "a map { url: …, user: …, password: …, weight: … }");
                if (follower != null) {
                    followers.add(server(follower.allow(SERVER_KEYS), leader));
                }
            }
        }
        return new GroupRule(name, leader, Collections.unmodifiableList(followers), pool(group));
    }

    /** A leader, or a follower whose user and password default to {@code leader}'s. */
    private DataSourceRule server(YamlMap server, DataSourceRule leader) {
        String url = server.required("url", "url: \"" + URL_EXAMPLE + "\"");
        if (url != null && !url.strip().startsWith("jdbc:")) {
            // The URL is not echoed: it may carry a password in its query string.
            server.problem("url", server.path("url") + " is not a JDBC URL; expected one starting with jdbc:, e.g. "
                    + URL_EXAMPLE);
        }
        String user = server.string("user", "a user name");
        String password = server.secret("password");
        Integer weight = server.integer("weight", 1, Integer.MAX_VALUE, 1);
        if (leader != null) {
            user = server.has("user") ? user : leader.user();
            password = server.has("password") ? password : leader.password();
        }
        return new DataSourceRule(url == null ? null : url.strip(), user, password, weight == null ? 1 : weight);
    }

    private GroupRule.Pool pool(YamlMap group) {
        YamlMap pool = group.map("pool", "a map { max-size: …, min-idle: …, connection-timeout: … }");
        if (pool == null) {
            return GroupRule.Pool.DEFAULT;
        }
        pool.allow(POOL_KEYS);
        GroupRule.Pool defaults = GroupRule.Pool.DEFAULT;
        Integer maxSize = pool.integer("max-size", 1, Integer.MAX_VALUE, defaults.maxSize());
        Integer minIdle = pool.integer("min-idle", 0, Integer.MAX_VALUE, defaults.minIdle());
        Duration timeout = pool.duration("connection-timeout", defaults.connectionTimeout(), false);
        if (maxSize != null && minIdle != null && minIdle > maxSize) {
            pool.problem("min-idle", pool.path("min-idle") + " is " + minIdle + ", above max-size " + maxSize
                    + "; expected min-idle ≤ max-size");
        }
        return new GroupRule.Pool(maxSize == null ? 0 : maxSize, minIdle == null ? 0 : minIdle, timeout);
    }

    private String defaultGroup(YamlMap file, Map<String, GroupRule> groups) {
        String name = file.string("default-group", "the name of a group");
        if (name == null) {
            return groups.isEmpty() ? null : groups.keySet().iterator().next();
        }
        if (!groups.isEmpty() && !groups.containsKey(name)) {
            file.problem("default-group", "default-group '" + name + "' is not a group;"
                    + DidYouMean.hint(name, groups.keySet()) + " expected one of: " + String.join(", ", groups.keySet()));
        }
        return name;
    }

    private ReadRule reads(YamlMap file) {
        YamlMap reads = file.map("reads", "a map { balance: …, consistency: …, max-lag: … }");
        if (reads == null) {
            return ReadRule.DEFAULT;
        }
        reads.allow(READ_KEYS);
        ReadRule defaults = ReadRule.DEFAULT;
        return new ReadRule(
                reads.choice("balance", ReadRule.Balance.values(), defaults.balance()),
                reads.choice("consistency", ReadRule.Consistency.values(), defaults.consistency()),
                reads.duration("max-lag", defaults.maxLag(), true),
                reads.duration("session-wait", defaults.sessionWait(), true));
    }

    private WriteRule writes(YamlMap file) {
        YamlMap writes = file.map("writes", "a map { ack: …, ack-timeout: … }");
        if (writes == null) {
            return WriteRule.DEFAULT;
        }
        writes.allow(WRITE_KEYS);
        return new WriteRule(
                writes.choice("ack", WriteRule.Ack.values(), WriteRule.DEFAULT.ack()),
                writes.duration("ack-timeout", WriteRule.DEFAULT.ackTimeout(), false));
    }

    private Policies policies(YamlMap file) {
        YamlMap policies = file.map("policies", "a map { cross-shard-join: …, cross-shard-transaction: …, scatter-write: … }");
        if (policies == null) {
            return Policies.DEFAULT;
        }
        policies.allow(POLICY_KEYS);
        Policies defaults = Policies.DEFAULT;
        return new Policies(
                policies.choice("cross-shard-join", Policies.CrossShardJoin.values(), defaults.crossShardJoin()),
                policies.choice("cross-shard-transaction", Policies.CrossShardTransaction.values(),
                        defaults.crossShardTransaction()),
                policies.choice("scatter-write", Policies.ScatterWrite.values(), defaults.scatterWrite()),
                federationMaxRows(policies));
    }

    private static long federationMaxRows(YamlMap policies) {
        Integer rows = policies.integer("federation-max-rows", 1, Integer.MAX_VALUE,
                (int) Policies.DEFAULT_FEDERATION_MAX_ROWS);
        return rows == null ? Policies.DEFAULT_FEDERATION_MAX_ROWS : rows;
    }

    private TransactionRule transactions(YamlMap file) {
        YamlMap transactions = file.map("transactions", "a map { xa-log-dir: … }");
        if (transactions == null) {
            return TransactionRule.DEFAULT;
        }
        transactions.allow(TRANSACTION_KEYS);
        if (!transactions.has("xa-log-dir")) {
            return TransactionRule.DEFAULT;
        }
        String expected = "a directory path for the XA decision log, e.g. xa-log-dir: /var/lib/shardgate/xa";
        String dir = transactions.required("xa-log-dir", expected);
        if (dir != null && dir.indexOf('\0') >= 0) {
            transactions.problem("xa-log-dir", transactions.path("xa-log-dir") + " contains a NUL character; expected "
                    + expected);
            return TransactionRule.DEFAULT;
        }
        return dir == null ? TransactionRule.DEFAULT : new TransactionRule(dir.strip());
    }

    static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }
}
