package io.shardgate.proxy.cli;

import io.shardgate.rules.config.RuleLoader;
import io.shardgate.rules.config.RuleProblem;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.config.RuleValidationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code shardgate validate FILE…}: every problem as file:line:col, exit 1 if any. */
@Command(name = "validate", description = "Check rule files; print every problem as file:line:col.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "rule files (one logical database each)")
    List<Path> files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RuleLoader loader = new RuleLoader(System::getenv);
        try {
            List<RuleSet> rules = loader.loadAll(files);
            spec.commandLine().getOut().println(RuleLoader.summary(rules));
            return 0;
        } catch (RuleValidationException e) {
            for (RuleProblem problem : e.problems()) {
                spec.commandLine().getErr().println(problem);
            }
            spec.commandLine().getErr().println(e.problems().size() + " problem(s)");
            return 1;
        }
    }
}
