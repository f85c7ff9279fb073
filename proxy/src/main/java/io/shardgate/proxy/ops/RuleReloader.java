package io.shardgate.proxy.ops;

import io.shardgate.rules.config.RuleProblem;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.config.RuleValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reloads the rule files: reads and validates all of them again, and only when every one is valid
 * hands the new rules to {@code swap} (which builds the new engine and makes it current
 * atomically). Anything wrong leaves the running rules untouched and is reported with every
 * problem, as {@code shardgate validate} would print it. One reload at a time (SIGHUP and
 * {@code RELOAD SHARDGATE RULES} may race).
 */
public final class RuleReloader {

    private static final Logger LOG = LoggerFactory.getLogger(RuleReloader.class);

    /**
     * What a reload did.
     *
     * @param generation the generation now current (the old one when the reload failed)
     * @param problems   why the files were rejected (empty when the reload succeeded)
     */
    public record Outcome(boolean reloaded, int generation, List<String> databases, List<String> problems) {
    }

    private final Supplier<List<RuleSet>> files;
    private final Function<List<RuleSet>, Integer> swap;
    private final Supplier<Integer> currentGeneration;
    private int attempts;
    private Outcome last;

    /**
     * @param files             reads and validates the rule files (throws RuleValidationException); null
     *                          when the server was not started from files (embedded, tests)
     * @param swap              makes the rules current; returns the new generation number; throws
     *                          IllegalArgumentException when the rules cannot be served together
     * @param currentGeneration the generation in service now
     */
    public RuleReloader(Supplier<List<RuleSet>> files, Function<List<RuleSet>, Integer> swap,
                        Supplier<Integer> currentGeneration) {
        this.files = files;
        this.swap = swap;
        this.currentGeneration = currentGeneration;
    }

    public synchronized Outcome reload() {
        attempts++;
        last = load();
        return last;
    }

    /** Reloads tried so far (successful or not), and the outcome of the last one (null before any). */
    public synchronized int attempts() {
        return attempts;
    }

    public synchronized Outcome last() {
        return last;
    }

    private Outcome load() {
        if (files == null) {
            return new Outcome(false, currentGeneration.get(), List.of(), List.of("this server was not started from "
                    + "rule files (it runs embedded rules), so there is nothing to reload; restart it with --config"));
        }
        List<RuleSet> rules;
        try {
            rules = files.get();
        } catch (RuleValidationException e) {
            return rejected(e.problems().stream().map(RuleProblem::toString).toList());
        } catch (RuntimeException e) {
            return rejected(List.of(String.valueOf(e.getMessage())));
        }
        int generation;
        try {
            generation = swap.apply(rules);
        } catch (RuntimeException e) {
            return rejected(List.of(String.valueOf(e.getMessage())));
        }
        List<String> databases = rules.stream().map(RuleSet::database).toList();
        LOG.info("rules reloaded: generation {} serves {} from {}; sessions move to it after their current "
                + "statement or transaction", generation, databases, rules.stream().map(RuleSet::source).toList());
        return new Outcome(true, generation, databases, List.of());
    }

    private Outcome rejected(List<String> problems) {
        LOG.warn("rule reload rejected, the running rules (generation {}) stay: {} problem(s):\n  {}",
                currentGeneration.get(), problems.size(), String.join("\n  ", problems));
        return new Outcome(false, currentGeneration.get(), List.of(), problems);
    }
}
