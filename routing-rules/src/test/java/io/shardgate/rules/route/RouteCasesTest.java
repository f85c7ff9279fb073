package io.shardgate.rules.route;

import io.shardgate.error.ShardgateException;
import io.shardgate.rules.algorithm.ShardingAlgorithms;
import io.shardgate.rules.config.RuleLoader;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.sql.SqlAnalyzer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden route cases as data: every folder under {@code src/test/resources/routes} holds a
 * {@code rules.yaml} and {@code *.cases} files; each case is SQL (+ params, + context) and the
 * printed plan or error it must produce. Run with {@code -Dshardgate.rewriteExpected=true} to
 * rewrite the expected blocks after an intended change, then review the diff.
 */
class RouteCasesTest {

    private static final Path ROOT = Paths.get("src/test/resources/routes");
    private static final boolean REWRITE = Boolean.getBoolean("shardgate.rewriteExpected");

    @TestFactory
    Stream<DynamicTest> routeCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> folders = Files.list(ROOT)) {
            for (Path folder : folders.sorted().toList()) {
                RuleSet rules = new RuleLoader(name -> "secret").load(folder.resolve("rules.yaml"));
                Router router = new Router(rules, new ShardingAlgorithms());
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".cases")).sorted().toList()) {
                        tests.addAll(run(router, file));
                    }
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(0);
        return tests.stream();
    }

    private List<DynamicTest> run(Router router, Path file) throws IOException {
        List<RouteCase> cases = RouteCase.parse(Files.readString(file, StandardCharsets.UTF_8));
        SqlAnalyzer analyzer = new SqlAnalyzer(100);
        List<DynamicTest> tests = new ArrayList<>();
        StringBuilder rewritten = new StringBuilder();
        for (RouteCase routeCase : cases) {
            String actual = actual(router, analyzer, routeCase);
            rewritten.append(routeCase.withExpected(actual));
            String name = file.getParent().getFileName() + "/" + file.getFileName() + ": " + routeCase.name();
            tests.add(DynamicTest.dynamicTest(name, () -> assertThat(actual)
                    .as("%s%n%s", name, routeCase.sql()).isEqualTo(routeCase.expected())));
        }
        if (REWRITE) {
            Files.writeString(file, rewritten.toString(), StandardCharsets.UTF_8);
        }
        return tests;
    }

    static String actual(Router router, SqlAnalyzer analyzer, RouteCase routeCase) {
        AtomicLong keys = new AtomicLong(1000);
        RouteContext context = new RouteContext(!routeCase.transactionGroups().isEmpty() || routeCase.inTransaction(),
                Set.copyOf(routeCase.transactionGroups()), (table, generator) -> keys.incrementAndGet());
        try {
            return RoutePlanPrinter.print(router.route(analyzer.analyze(routeCase.sql()), routeCase.params(), context));
        } catch (ShardgateException e) {
            return "error   " + e.code() + " " + e.getMessage() + "\n";
        }
    }
}
