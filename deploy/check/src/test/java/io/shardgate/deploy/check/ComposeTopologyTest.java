package io.shardgate.deploy.check;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topology rules on a small normalized compose file (what docker-compose config prints): the
 * correct one passes, and each slip that would break replication, failover or key generation fails
 * with a message naming it. The shipped compose.yaml itself is checked by .ci/checks/deploy.sh,
 * which has the docker-compose binary to normalize it.
 */
class ComposeTopologyTest {

    static final String COMPOSE = """
            services:
              db-a:
                image: mysql:8.4
                command: [--server-id=1, --gtid-mode=ON, --enforce-gtid-consistency=ON, --log-bin=binlog]
                environment: { SHARD_DATABASE: shop_0 }
                healthcheck: { test: [CMD, true] }
                volumes: ["/x/10-leader.sh:/docker-entrypoint-initdb.d/10-leader.sh:ro"]
              db-a2:
                image: mysql:8.4
                command: [--server-id=2, --gtid-mode=ON, --enforce-gtid-consistency=ON, --log-bin=binlog]
                environment: { SOURCE_HOST: db-a }
                healthcheck: { test: [CMD, true] }
                depends_on: { db-a: { condition: service_healthy } }
                volumes: ["/x/10-follower.sh:/docker-entrypoint-initdb.d/10-follower.sh:ro"]
              proxy-1:
                build: { context: /repo, dockerfile: deploy/Dockerfile }
                environment: { APP_PASSWORD: a, DB_PASSWORD: b, SHARDGATE_WORKER_ID: '1' }
                ports: [{ published: 3307, target: 3307 }]
                volumes: ["/x/rules.yaml:/etc/shardgate/rules.yaml:ro"]
                depends_on: { db-a: { condition: service_healthy } }
              proxy-2:
                build: { context: /repo, dockerfile: deploy/Dockerfile }
                environment: { APP_PASSWORD: a, DB_PASSWORD: b, SHARDGATE_WORKER_ID: '2' }
                ports: [{ published: 3308, target: 3307 }]
                volumes: ["/x/rules.yaml:/etc/shardgate/rules.yaml:ro"]
                depends_on: { db-a: { condition: service_healthy } }
            """;

    static final String RULES = """
            database: shop
            groups:
              g0:
                leader: { url: "jdbc:mysql://db-a:3306/shop_0", user: shardgate, password: "${env:DB_PASSWORD}" }
                followers:
                  - { url: "jdbc:mysql://db-a2:3306/shop_0" }
            """;

    @TempDir
    Path dir;

    @Test
    void aConsistentTopologyPasses() throws IOException {
        assertThat(check(COMPOSE, RULES)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            --server-id=2                              | --server-id=1                      | --server-id=1 is also db-a's
            '--gtid-mode=ON, --enforce-gtid-consistency=ON, --log-bin=binlog]\\n    environment: { SOURCE_HOST' | '--enforce-gtid-consistency=ON, --log-bin=binlog]\\n    environment: { SOURCE_HOST' | command lacks --gtid-mode=ON
            'depends_on: { db-a: { condition: service_healthy } }\\n    volumes: ["/x/10-follower' | 'depends_on: { db-a: { condition: service_started } }\\n    volumes: ["/x/10-follower' | does not wait for its leader
            'SOURCE_HOST: db-a }'                      | 'SOURCE_HOST: db-b }'              | SOURCE_HOST 'db-b' is no MySQL service
            'SHARDGATE_WORKER_ID: ''2'''               | 'SHARDGATE_WORKER_ID: ''1'''       | SHARDGATE_WORKER_ID 1 is also proxy-1's
            'published: 3308'                          | 'published: 3307'                  | host port 3307 is also published by proxy-1
            '/x/rules.yaml:/etc/shardgate/rules.yaml:ro"]\\n    depends_on: { db-a: { condition: service_healthy } }\\n  proxy-2' | '/x/rules.yaml:/etc/shardgate/rule.yaml:ro"]\\n    depends_on: { db-a: { condition: service_healthy } }\\n  proxy-2' | mounts nothing at /etc/shardgate/rules.yaml
            'APP_PASSWORD: a, DB_PASSWORD: b, SHARDGATE_WORKER_ID: ''2''' | 'APP_PASSWORD: a, SHARDGATE_WORKER_ID: ''2''' | environment lacks DB_PASSWORD
            """)
    void aBrokenComposeFileFails(String from, String to, String expected) throws IOException {
        String original = from.replace("\\n", "\n");
        assertThat(COMPOSE).contains(original);
        List<Problem> problems = check(COMPOSE.replace(original, to.replace("\\n", "\n")), RULES);
        assertThat(problems).map(Problem::toString).anySatisfy(p -> assertThat(p).contains(expected));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:mysql://db-a:3306/shop_0  | jdbc:mysql://db-a2:3306/shop_0 | 'db-a2' replicates from db-a in the compose file, so it is a follower
            jdbc:mysql://db-a:3306/shop_0  | jdbc:mysql://db-x:3306/shop_0  | host 'db-x' is no MySQL service
            jdbc:mysql://db-a:3306/shop_0  | jdbc:mysql://db-a:3306/shop_1  | names database 'shop_1' but db-a creates 'shop_0'
            jdbc:mysql://db-a2:3306/shop_0 | jdbc:mysql://db-a:3306/shop_0  | lacks db-a2, which replicates from db-a
            """)
    void aRuleFileThatDisagreesWithTheServersFails(String from, String to, String expected) throws IOException {
        List<Problem> problems = check(COMPOSE, RULES.replace(from, to));
        assertThat(problems).map(Problem::toString).anySatisfy(p -> assertThat(p).startsWith("rules.yaml").contains(expected));
    }

    @Test
    void oneProxyIsNotEnough() throws IOException {
        String oneProxy = COMPOSE.substring(0, COMPOSE.indexOf("  proxy-2:"));
        assertThat(check(oneProxy, RULES)).map(Problem::toString)
                .anySatisfy(p -> assertThat(p).contains("1 proxy service(s)").contains("expected at least 2"));
    }

    private List<Problem> check(String compose, String rules) throws IOException {
        Path composeFile = Files.writeString(dir.resolve("normalized.yaml"), compose);
        Path rulesFile = Files.writeString(dir.resolve("rules.yaml"), rules);
        return new ComposeTopology("compose.yaml", "rules.yaml").check(composeFile, rulesFile);
    }
}
