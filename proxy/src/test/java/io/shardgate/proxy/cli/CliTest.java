package io.shardgate.proxy.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The validate and explain commands as a user runs them: output, errors and exit codes. */
class CliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine line = new CommandLine(new ShardgateCommand());
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        return line.execute(args);
    }

    @Test
    void explainPrintsThePlanOfAPointSelect(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                database: shop
                groups:
                  g0: { leader: { url: "jdbc:h2:mem:cli_g0" } }
                  g1: { leader: { url: "jdbc:h2:mem:cli_g1" } }
                tables:
                  orders: { shard-key: user_id, algorithm: mod, shards: "g${0..1}.orders_${0..1}" }
                """);
        int code = run("explain", "--config", rules.toString(), "SELECT * FROM orders WHERE user_id = ?", "7");
        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("""
                variant SINGLE
                unit    g1 READ [g1.orders_1] SELECT * FROM orders_1 WHERE user_id = ? params=[0]
                """);
    }

    @Test
    void explainReportsARoutingErrorWithItsCode(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                database: shop
                groups:
                  g0: { leader: { url: "jdbc:h2:mem:cli_g0" } }
                tables:
                  orders: { shard-key: user_id, shards: "g0.orders_${0..1}" }
                """);
        int code = run("explain", "--config", rules.toString(), "INSERT INTO orders (amount) VALUES (1)");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("error 1364 (HY000)").contains("shard key user_id");
    }

    @Test
    void validateListsEveryProblemWithItsPositionAndExitsOne(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path rules = dir.resolve("bad.yaml");
        Files.writeString(rules, """
                database: shop
                groups:
                  g0: { leader: { url: "jdbc:h2:mem:x" } }
                tables:
                  orders: { shard-kee: user_id, shards: "g9.orders_${0..1}" }
                """);
        int code = run("validate", rules.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains(rules + ":5:").contains("shard-kee").contains("did you mean")
                .contains("g9");
    }

    @Test
    void validateSummarizesAValidFile() throws Exception {
        Path example = Path.of("../docs/examples/shop.yaml");
        CommandLine line = new CommandLine(new ShardgateCommand());
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        // The example reads passwords from the environment: without them validation must say so.
        int code = line.execute("validate", example.toString());
        String env = System.getenv("APP_PASSWORD");
        if (env == null) {
            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("APP_PASSWORD");
        } else {
            assertThat(code).isZero();
            assertThat(out.toString()).startsWith("valid: 1 database (shop)");
        }
    }
}
