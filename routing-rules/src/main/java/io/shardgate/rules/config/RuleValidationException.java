package io.shardgate.rules.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule file (or set of files) that cannot be used, with every problem found, in file and line
 * order. Unchecked: a server cannot start without its rules, and the CLI prints {@link #problems()}.
 * Messages never contain passwords.
 */
public class RuleValidationException extends RuntimeException {

    private final List<RuleProblem> problems;

    public RuleValidationException(List<RuleProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }

    private static String describe(List<RuleProblem> problems) {
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return "invalid rules, " + count + ":\n"
                + problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n"));
    }
}
