package io.shardgate.deploy.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The compose stack's topology, beyond what {@code docker-compose config} validates (the schema):
 * every MySQL server has GTIDs on and its own server id; every follower names its leader in
 * SOURCE_HOST, starts only once that leader is healthy, and has an init script; there are at least
 * two proxy instances, on distinct host ports, with distinct snowflake worker ids, the rule file
 * mounted, and health-gated on every leader; and the rule file's groups name exactly these servers
 * (each group's leader is the server its followers replicate from).
 *
 * <p>Input: the normalized output of {@code docker-compose config} (so anchors, merges and
 * variables are resolved) and the rule file.
 */
final class ComposeTopology {

    private static final String INIT_DIRECTORY = "/docker-entrypoint-initdb.d/";
    private static final String RULES_TARGET = "/etc/shardgate/rules.yaml";

    private final String composeName;
    private final String rulesName;
    private final List<Problem> problems = new ArrayList<>();

    ComposeTopology(String composeName, String rulesName) {
        this.composeName = composeName;
        this.rulesName = rulesName;
    }

    List<Problem> check(Path normalizedCompose, Path rules) {
        ObjectMapper mapper = new YAMLMapper();
        JsonNode compose;
        JsonNode ruleFile;
        try {
            compose = mapper.readTree(normalizedCompose.toFile());
            ruleFile = mapper.readTree(rules.toFile());
        } catch (IOException e) {
            problems.add(Problem.inFile(composeName, "", "cannot read: " + e.getMessage()));
            return problems;
        }
        Map<String, JsonNode> services = new LinkedHashMap<>();
        compose.path("services").fields().forEachRemaining(e -> services.put(e.getKey(), e.getValue()));
        Map<String, JsonNode> servers = new LinkedHashMap<>();
        Map<String, JsonNode> proxies = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            String image = service.path("image").asText("");
            if (image.startsWith("mysql:") || image.startsWith("mariadb:")) {
                servers.put(name, service);
            } else if (service.path("build").path("dockerfile").asText("").endsWith("deploy/Dockerfile")) {
                proxies.put(name, service);
            }
        });
        Map<String, String> sourceOf = servers(servers);
        proxies(proxies, servers.keySet(), sourceOf);
        rules(ruleFile, servers, sourceOf);
        return problems;
    }

    /** Checks the MySQL servers; returns follower → leader (from SOURCE_HOST). */
    private Map<String, String> servers(Map<String, JsonNode> servers) {
        Map<String, String> serverIds = new HashMap<>();
        Map<String, String> sourceOf = new LinkedHashMap<>();
        servers.forEach((name, service) -> {
            List<String> flags = command(service);
            String serverId = flag(flags, "--server-id");
            if (serverId == null) {
                add(name, "command has no --server-id; expected a server id distinct from the other servers'");
            } else if (serverIds.putIfAbsent(serverId, name) != null) {
                add(name, "--server-id=" + serverId + " is also " + serverIds.get(serverId)
                        + "'s; expected distinct server ids (replication ignores events of its own id)");
            }
            for (String required : List.of("--gtid-mode=ON", "--enforce-gtid-consistency=ON")) {
                if (flags.stream().noneMatch(f -> f.equalsIgnoreCase(required))) {
                    add(name, "command lacks " + required + "; expected GTIDs on every server (SOURCE_AUTO_POSITION needs them)");
                }
            }
            if (flags.stream().noneMatch(f -> f.startsWith("--log-bin"))) {
                add(name, "command lacks --log-bin; expected a binary log on every server, so a follower can be promoted");
            }
            if (!service.path("healthcheck").has("test")) {
                add(name, "has no healthcheck; expected one, so that followers and proxies can wait for it");
            }
            String source = service.path("environment").path("SOURCE_HOST").asText(null);
            if (source != null) {
                sourceOf.put(name, source);
            }
        });
        sourceOf.forEach((follower, leader) -> {
            JsonNode service = servers.get(follower);
            if (!servers.containsKey(leader)) {
                add(follower, "SOURCE_HOST '" + leader + "' is no MySQL service; expected one of: " + servers.keySet());
            } else if (sourceOf.containsKey(leader)) {
                add(follower, "replicates from " + leader + ", which is itself a follower; expected a leader");
            }
            if (!"service_healthy".equals(service.path("depends_on").path(leader).path("condition").asText())) {
                add(follower, "does not wait for its leader; expected depends_on: { " + leader
                        + ": { condition: service_healthy } } so its init script finds the leader ready");
            }
            if (targets(service).stream().noneMatch(t -> t.startsWith(INIT_DIRECTORY))) {
                add(follower, "mounts no init script into " + INIT_DIRECTORY + "; expected the replication set-up");
            }
        });
        for (String leader : new TreeSet<>(sourceOf.values())) {
            if (servers.containsKey(leader) && targets(servers.get(leader)).stream().noneMatch(t -> t.startsWith(INIT_DIRECTORY))) {
                add(leader, "mounts no init script into " + INIT_DIRECTORY + "; expected the accounts and the schema");
            }
        }
        return sourceOf;
    }

    private void proxies(Map<String, JsonNode> proxies, Set<String> servers, Map<String, String> sourceOf) {
        if (proxies.size() < 2) {
            problems.add(Problem.inFile(composeName, "services", proxies.size() + " proxy service(s) built from deploy/Dockerfile; "
                    + "expected at least 2 instances"));
        }
        Map<String, String> hostPorts = new HashMap<>();
        Map<String, String> workerIds = new HashMap<>();
        proxies.forEach((name, service) -> {
            boolean mysqlPublished = false;
            for (JsonNode port : service.path("ports")) {
                String published = port.path("published").asText("");
                String target = port.path("target").asText("");
                if (published.isEmpty()) {
                    continue;
                }
                String earlier = hostPorts.putIfAbsent(published, name);
                if (earlier != null) {
                    add(name, "host port " + published + " is also published by " + earlier + "; expected distinct host ports");
                }
                mysqlPublished |= "3307".equals(target);
            }
            if (!mysqlPublished) {
                add(name, "does not publish container port 3307; expected a host port for MySQL clients");
            }
            if (!targets(service).contains(RULES_TARGET)) {
                add(name, "mounts nothing at " + RULES_TARGET + "; expected ./rules.yaml there (the image's default --config)");
            }
            JsonNode env = service.path("environment");
            for (String variable : List.of("APP_PASSWORD", "DB_PASSWORD")) {
                if (!env.has(variable)) {
                    add(name, "environment lacks " + variable + ", which rules.yaml reads as ${env:" + variable + "}; expected it");
                }
            }
            String workerId = env.path("SHARDGATE_WORKER_ID").asText(null);
            if (workerId == null) {
                add(name, "environment lacks SHARDGATE_WORKER_ID; expected one per instance, so snowflake ids cannot collide");
            } else if (workerIds.putIfAbsent(workerId, name) != null) {
                add(name, "SHARDGATE_WORKER_ID " + workerId + " is also " + workerIds.get(workerId)
                        + "'s; expected distinct worker ids, else both instances can generate the same order_id");
            }
            for (String server : servers) {
                if (!sourceOf.containsKey(server)
                        && !"service_healthy".equals(service.path("depends_on").path(server).path("condition").asText())) {
                    add(name, "does not wait for leader " + server + "; expected depends_on with condition: service_healthy");
                }
            }
        });
    }

    /** The rule file's groups against the servers: leader = replication source of its followers. */
    private void rules(JsonNode ruleFile, Map<String, JsonNode> servers, Map<String, String> sourceOf) {
        Set<String> named = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ruleFile.path("groups").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> group = it.next();
            String where = "groups." + group.getKey();
            String leader = host(group.getValue().path("leader").path("url").asText(""), where + ".leader.url");
            if (leader == null) {
                continue;
            }
            named.add(leader);
            if (!servers.containsKey(leader)) {
                rulesProblem(where + ".leader.url", "host '" + leader + "' is no MySQL service of the compose file; expected one of: "
                        + servers.keySet());
                continue;
            }
            if (sourceOf.containsKey(leader)) {
                rulesProblem(where + ".leader.url", "'" + leader + "' replicates from " + sourceOf.get(leader)
                        + " in the compose file, so it is a follower; expected the group's leader");
            }
            String database = database(group.getValue().path("leader").path("url").asText(""));
            String created = servers.get(leader).path("environment").path("SHARD_DATABASE").asText(null);
            if (created != null && !created.equals(database)) {
                rulesProblem(where + ".leader.url", "names database '" + database + "' but " + leader + " creates '" + created
                        + "' (SHARD_DATABASE); expected the same database");
            }
            Set<String> followers = new TreeSet<>();
            int i = 0;
            for (JsonNode follower : group.getValue().path("followers")) {
                String host = host(follower.path("url").asText(""), where + ".followers[" + i++ + "].url");
                if (host != null) {
                    named.add(host);
                    followers.add(host);
                    if (!leader.equals(sourceOf.get(host))) {
                        rulesProblem(where + ".followers", "'" + host + "' does not replicate from " + leader
                                + " in the compose file (SOURCE_HOST " + sourceOf.get(host) + "); expected a follower of this group's leader");
                    }
                }
            }
            sourceOf.forEach((follower, source) -> {
                if (source.equals(leader) && !followers.contains(follower)) {
                    rulesProblem(where + ".followers", "lacks " + follower + ", which replicates from " + leader
                            + "; expected every follower of the leader listed, or its reads are wasted");
                }
            });
        }
        for (String server : servers.keySet()) {
            if (!named.contains(server)) {
                rulesProblem("groups", "no group uses the compose service " + server + "; expected every MySQL server in a group");
            }
        }
    }

    private String host(String url, String where) {
        try {
            URI uri = URI.create(url.substring(url.indexOf(':') + 1)); // jdbc:mysql://h:p/db -> mysql://h:p/db
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri.getHost();
        } catch (RuntimeException e) {
            rulesProblem(where, "'" + url + "' has no host; expected jdbc:mysql://<compose service>:3306/<database>");
            return null;
        }
    }

    private static String database(String url) {
        String path = URI.create(url.substring(url.indexOf(':') + 1)).getPath();
        return path == null || path.length() < 2 ? "" : path.substring(1);
    }

    private static List<String> command(JsonNode service) {
        JsonNode command = service.path("command");
        List<String> flags = new ArrayList<>();
        if (command.isArray()) {
            command.forEach(f -> flags.add(f.asText()));
        } else if (command.isTextual()) {
            flags.addAll(List.of(command.asText().trim().split("\\s+")));
        }
        return flags;
    }

    private static String flag(List<String> flags, String name) {
        for (String f : flags) {
            if (f.startsWith(name + "=")) {
                return f.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** Container paths of a service's volumes, from the short ("src:target:mode") or long syntax. */
    private static List<String> targets(JsonNode service) {
        List<String> targets = new ArrayList<>();
        for (JsonNode volume : service.path("volumes")) {
            if (volume.isTextual()) {
                String[] parts = volume.asText().split(":");
                targets.add(parts.length >= 2 ? parts[1] : parts[0]);
            } else {
                targets.add(volume.path("target").asText(""));
            }
        }
        return targets;
    }

    private void add(String service, String message) {
        problems.add(Problem.inFile(composeName, "services." + service, message));
    }

    private void rulesProblem(String where, String message) {
        problems.add(Problem.inFile(rulesName, where, message));
    }
}
