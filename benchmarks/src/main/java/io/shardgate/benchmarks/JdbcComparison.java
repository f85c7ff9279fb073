package io.shardgate.benchmarks;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Runs {@link JdbcBenchmark} (JMH options from the command line, e.g. {@code -wi 3 -w 5s}) and
 * prints its throughputs side by side with the ratios issue 3 sets targets for: Shardgate ÷ raw
 * Connector/J on the point select (≥ 0.90) and Shardgate ÷ ShardingSphere on both workloads (> 1).
 */
public final class JdbcComparison {

    private static final String POINT = "pointSelect";
    private static final String SCATTER = "scatterAggregate";

    private JdbcComparison() {
    }

    public static void main(String[] args) throws Exception {
        LoadAverage before = LoadAverage.now();
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(JdbcBenchmark.class.getName() + "\\.")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        LoadAverage after = LoadAverage.now();

        // variant (Connector/J options) -> "workload/target" -> score
        Map<String, Map<String, Score>> variants = new LinkedHashMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String workload = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String target = result.getParams().getParam("target");
            variants.computeIfAbsent(result.getParams().getParam("connectorJ"), k -> new LinkedHashMap<>())
                    .put(workload + "/" + target, new Score(result.getPrimaryResult().getScore(),
                            result.getPrimaryResult().getScoreError(), result.getPrimaryResult().getScoreUnit()));
        }

        System.out.println();
        System.out.println("== JDBC comparison (throughput, higher is better; ± is JMH's 99.9% error) ==");
        System.out.println("ShardingSphere-JDBC " + Contender.shardingSphereVersion() + "; Java " + Runtime.version()
                + "; before: " + before + "; after: " + after);
        if (variants.isEmpty()) {
            System.out.println("no results: every trial failed (see the errors above)");
        }
        for (var variant : variants.entrySet()) {
            Map<String, Score> scores = variant.getValue();
            System.out.println();
            System.out.println("-- Connector/J options: " + variant.getKey()
                    + (variant.getKey().equals("defaults") ? "" : " (" + JdbcBenchmark.urlOptions(variant.getKey()) + ")"));
            System.out.printf("%-18s %-24s %-24s %-24s%n", "workload", "connectorj", "shardgate", "shardingsphere");
            for (String workload : new String[] {POINT, SCATTER}) {
                System.out.printf("%-18s %-24s %-24s %-24s%n", workload,
                        cell(scores.get(workload + "/connectorj")),
                        cell(scores.get(workload + "/shardgate")),
                        cell(scores.get(workload + "/shardingsphere")));
            }
            System.out.println();
            ratio(scores, POINT, "shardgate", "connectorj", 0.90, true, "point select: Shardgate / raw Connector/J");
            ratio(scores, POINT, "shardgate", "shardingsphere", 1.0, false, "point select: Shardgate / ShardingSphere");
            ratio(scores, SCATTER, "shardgate", "shardingsphere", 1.0, false, "scatter aggregate: Shardgate / ShardingSphere");
            ratio(scores, SCATTER, "shardgate", "connectorj", Double.NaN, false,
                    "scatter aggregate: Shardgate / raw Connector/J (one unsharded table; no target)");
        }
    }

    private record Score(double value, double error, String unit) {
    }

    private static String cell(Score score) {
        if (score == null) {
            return "no result";
        }
        return String.format(Locale.ROOT, "%,.0f ± %,.0f %s", score.value(), score.error(), score.unit());
    }

    private static void ratio(Map<String, Score> scores, String workload, String numerator, String denominator,
                              double target, boolean atLeast, String label) {
        Score top = scores.get(workload + "/" + numerator);
        Score bottom = scores.get(workload + "/" + denominator);
        if (top == null || bottom == null) {
            System.out.printf("%-75s n/a (no result for %s; see the errors above)%n", label,
                    top == null ? numerator : denominator);
            return;
        }
        double value = top.value() / bottom.value();
        String verdict = "";
        if (!Double.isNaN(target)) {
            boolean met = atLeast ? value >= target : value > target;
            verdict = String.format(Locale.ROOT, "  target %s %.2f: %s", atLeast ? "≥" : ">", target, met ? "MET" : "MISSED");
        }
        System.out.printf(Locale.ROOT, "%-75s %.3f%s%n", label, value, verdict);
    }
}
