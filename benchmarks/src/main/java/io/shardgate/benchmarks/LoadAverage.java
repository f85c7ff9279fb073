package io.shardgate.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's 1/5/15-minute load averages from {@code /proc/loadavg}, printed next to results:
 * on a small shared machine other work moves the numbers, and the reader should know how much.
 */
record LoadAverage(String text) {

    static LoadAverage now() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new LoadAverage(fields[0] + " " + fields[1] + " " + fields[2]);
        } catch (IOException | RuntimeException e) {
            return new LoadAverage("unknown (no /proc/loadavg)");
        }
    }

    @Override
    public String toString() {
        return "load average " + text + " on " + Runtime.getRuntime().availableProcessors() + " cores";
    }
}
