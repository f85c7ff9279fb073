package io.shardgate.proxy.cli;

import io.shardgate.error.ShardgateException;
import io.shardgate.rules.algorithm.ShardingAlgorithms;
import io.shardgate.rules.config.RuleLoader;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.route.RouteContext;
import io.shardgate.rules.route.RoutePlanPrinter;
import io.shardgate.rules.route.Router;
import io.shardgate.sql.SqlAnalyzer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code shardgate demo}: the sample sharded shop, no servers to install. Until the proxy serves
 * it, the demo shows how a sample workload routes over the demo's four shards.
 */
@Command(name = "demo", description = "Zero set-up demo over embedded H2 shards.")
final class DemoCommand implements Callable<Integer> {

    static final String RULES = "demo/shop.yaml";

    static final List<String> WORKLOAD = List.of(
            "SELECT * FROM users WHERE id = 42",
            "SELECT u.name, o.amount FROM users u JOIN orders o ON o.user_id = u.id WHERE u.id = 42",
            "INSERT INTO users (id, name, country) VALUES (1, 'ada', 'UK'), (2, 'linus', 'FI'), (3, 'grace', 'US')",
            "INSERT INTO orders (user_id, amount) VALUES (42, 19.90)",
            "SELECT country, COUNT(*), AVG(age) FROM users GROUP BY country ORDER BY country",
            "SELECT * FROM orders ORDER BY amount DESC LIMIT 10, 5",
            "UPDATE users SET name = 'ada l.' WHERE id = 1",
            "DELETE FROM orders WHERE amount < 1",
            "SELECT name FROM countries WHERE code = 'FR'",
            "UPDATE countries SET name = 'France' WHERE code = 'FR'");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RuleSet rules = loadDemoRules();
        Router router = new Router(rules, new ShardingAlgorithms());
        SqlAnalyzer analyzer = new SqlAnalyzer(64);
        AtomicLong keys = new AtomicLong(1_000_000);
        RouteContext context = new RouteContext(false, Set.of(), (table, generator) -> keys.incrementAndGet());
        PrintWriter out = spec.commandLine().getOut();
        out.println("Shardgate demo: database " + rules.database() + ", " + rules.tables().size()
                + " tables over groups " + rules.groups().keySet() + ". Route plans of a sample workload:");
        for (String sql : WORKLOAD) {
            out.println();
            out.println("> " + sql);
            try {
                out.print(RoutePlanPrinter.print(router.route(analyzer.analyze(sql), List.of(), context)));
            } catch (ShardgateException e) {
                out.println("error   " + e.code() + " " + e.getMessage());
            }
        }
        out.flush();
        return 0;
    }

    static RuleSet loadDemoRules() throws IOException {
        try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(RULES)) {
            if (in == null) {
                throw new IOException("missing resource " + RULES);
            }
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new RuleLoader(name -> name.equals("SHARDGATE_DEMO_PASSWORD") ? "demo" : System.getenv(name))
                    .load("classpath:" + RULES, yaml);
        }
    }
}
