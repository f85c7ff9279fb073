package io.shardgate.jdbc.integration;

import io.shardgate.rules.config.RuleLoader;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.testing.MariaDbCluster;
import io.shardgate.testing.MariaDbServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The integration tests' rule file ({@code integration/rules.yaml}) filled in for the shared
 * MariaDB cluster: both groups' leaders, database {@code database} on each, the given
 * cross-shard-transaction policy. The logical database is {@code shop}.
 */
final class ClusterRules {

    private ClusterRules() {
    }

    /** (Re)creates {@code database} on both leaders, empty. */
    static void freshDatabase(MariaDbCluster cluster, String database) {
        for (MariaDbCluster.Group group : List.of(cluster.group(0), cluster.group(1))) {
            group.leader().execute("DROP DATABASE IF EXISTS " + database, "CREATE DATABASE " + database);
        }
    }

    static String text(MariaDbCluster cluster, String database, String crossShardTransaction) {
        String template;
        try (InputStream in = ClusterRules.class.getClassLoader().getResourceAsStream("integration/rules.yaml")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return template.replace("{{g0}}", cluster.group(0).leader().jdbcUrl(database))
                .replace("{{g1}}", cluster.group(1).leader().jdbcUrl(database))
                .replace("{{user}}", MariaDbServer.USER).replace("{{password}}", MariaDbServer.PASSWORD)
                .replace("{{cross-shard-transaction}}", crossShardTransaction);
    }

    static RuleSet load(MariaDbCluster cluster, String database, String crossShardTransaction) {
        return new RuleLoader().load("integration-rules.yaml", text(cluster, database, crossShardTransaction));
    }

    /** The rules in a temporary file, for {@code jdbc:shardgate:file:} URLs; the caller deletes it. */
    static Path file(MariaDbCluster cluster, String database, String crossShardTransaction) {
        try {
            Path file = Files.createTempFile("shardgate-it-", ".yaml");
            Files.writeString(file, text(cluster, database, crossShardTransaction));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
