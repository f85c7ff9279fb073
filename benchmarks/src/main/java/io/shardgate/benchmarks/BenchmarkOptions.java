package io.shardgate.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code name=value} arguments of a benchmark main, over its defaults; unknown names are refused. */
final class BenchmarkOptions {

    private BenchmarkOptions() {
    }

    /** {@code defaults} with every argument applied, in the defaults' order. */
    static Map<String, String> parse(String[] args, Map<String, String> defaults) {
        Map<String, String> options = new LinkedHashMap<>(defaults);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !options.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; expected name=value with name one of "
                        + options.keySet());
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return options;
    }
}
