package io.shardgate.proxy.cli;

import io.shardgate.error.ShardgateException;
import io.shardgate.rules.algorithm.ShardingAlgorithms;
import io.shardgate.rules.config.RuleLoader;
import io.shardgate.rules.config.RuleProblem;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.config.RuleValidationException;
import io.shardgate.rules.route.RouteContext;
import io.shardgate.rules.route.RoutePlanPrinter;
import io.shardgate.rules.route.Router;
import io.shardgate.sql.SqlAnalyzer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/** {@code shardgate explain --config rules.yaml "SQL" [PARAM…]}: prints the route plan. */
@Command(name = "explain", description = "Print the route plan of a statement: shards, physical SQL, role, flags.")
final class ExplainCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "rule file (repeatable)")
    List<Path> configs;

    @Option(names = "--database", paramLabel = "NAME", description = "logical database (default: the first file's)")
    String database;

    @Parameters(index = "0", paramLabel = "SQL", description = "the statement")
    String sql;

    @Parameters(index = "1..*", paramLabel = "PARAM", description = "values for ? markers (numbers or text)")
    List<String> parameters = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<RuleSet> rules;
        try {
            rules = new RuleLoader(System::getenv).loadAll(configs);
        } catch (RuleValidationException e) {
            e.problems().stream().map(RuleProblem::toString).forEach(spec.commandLine().getErr()::println);
            return 1;
        }
        RuleSet chosen = rules.get(0);
        if (database != null) {
            chosen = rules.stream().filter(r -> r.database().equalsIgnoreCase(database)).findFirst().orElse(null);
            if (chosen == null) {
                spec.commandLine().getErr().println("unknown database " + database + "; the rule files define "
                        + rules.stream().map(RuleSet::database).toList());
                return 1;
            }
        }
        Router router = new Router(chosen, new ShardingAlgorithms());
        AtomicLong keys = new AtomicLong();
        RouteContext context = new RouteContext(false, java.util.Set.of(), (table, generator) -> keys.incrementAndGet());
        try {
            List<Object> values = new ArrayList<>(parameters);
            spec.commandLine().getOut().print(RoutePlanPrinter.print(
                    router.route(new SqlAnalyzer(16).analyze(sql), values, context)));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (ShardgateException e) {
            spec.commandLine().getErr().println("error " + e.code().mysqlCode() + " (" + e.code().sqlState() + "): "
                    + e.getMessage());
            return 1;
        }
    }
}
