package io.shardgate.engine.replica;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A MySQL GTID set ({@code 3E11FA47-…:1-5:11-18, 2174B383-…:1-2}): for each source UUID, the
 * transaction numbers it holds as closed intervals. One set contains another when every interval
 * of the other lies inside one of its own (intervals as MySQL prints them are merged and sorted).
 */
record GtidSet(Map<String, List<long[]>> intervalsBySource) {

    static GtidSet parse(String text) {
        Map<String, List<long[]>> sets = new TreeMap<>();
        if (text == null) {
            return new GtidSet(sets);
        }
        for (String part : text.replaceAll("\\s+", "").split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            String[] fields = part.split(":");
            if (fields.length < 2) {
                throw new IllegalArgumentException("not a MySQL GTID set: '" + part + "' in '" + text + "'");
            }
            List<long[]> intervals = sets.computeIfAbsent(fields[0].toLowerCase(Locale.ROOT), k -> new ArrayList<>());
            for (int i = 1; i < fields.length; i++) {
                String[] bounds = fields[i].split("-");
                long from = Long.parseLong(bounds[0]);
                long to = bounds.length > 1 ? Long.parseLong(bounds[1]) : from;
                intervals.add(new long[] {from, to});
            }
        }
        return new GtidSet(sets);
    }

    boolean contains(GtidSet other) {
        for (Map.Entry<String, List<long[]>> entry : other.intervalsBySource.entrySet()) {
            List<long[]> mine = intervalsBySource.getOrDefault(entry.getKey(), List.of());
            for (long[] wanted : entry.getValue()) {
                boolean inside = false;
                for (long[] have : mine) {
                    if (have[0] <= wanted[0] && wanted[1] <= have[1]) {
                        inside = true;
                        break;
                    }
                }
                if (!inside) {
                    return false;
                }
            }
        }
        return true;
    }
}
