package io.shardgate.benchmarks;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Collection;
import java.util.Locale;

/**
 * Runs {@link RouteBenchmark} (JMH options from the command line) and prints every shape's cached
 * and uncached parse + route time, with issue 2's targets for the point select: cached ≤ 2 µs,
 * uncached ≤ 50 µs.
 */
public final class RouteTargets {

    private RouteTargets() {
    }

    public static void main(String[] args) throws Exception {
        LoadAverage before = LoadAverage.now();
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(RouteBenchmark.class.getName() + "\\.")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        LoadAverage after = LoadAverage.now();

        System.out.println();
        System.out.println("== Parse + route (average time per statement, lower is better) ==");
        System.out.println(Runtime.version() + "; before: " + before + "; after: " + after);
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String mode = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String shape = result.getParams().getParam("shape");
            double score = result.getPrimaryResult().getScore();
            String unit = result.getPrimaryResult().getScoreUnit();
            String verdict = "";
            if ("point-select".equals(shape)) {
                double target = "cached".equals(mode) ? 2.0 : 50.0;
                verdict = String.format(Locale.ROOT, "  target ≤ %.0f us: %s", target,
                        unit.startsWith("us") && score <= target ? "MET" : "MISSED");
            }
            System.out.printf(Locale.ROOT, "%-18s %-9s %9.3f ± %.3f %s%s%n", shape, mode, score,
                    result.getPrimaryResult().getScoreError(), unit, verdict);
        }
    }
}
