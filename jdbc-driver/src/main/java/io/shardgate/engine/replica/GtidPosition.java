package io.shardgate.engine.replica;

import java.util.Map;
import java.util.TreeMap;

/**
 * A MariaDB GTID position ({@code 0-1-42,1-7-3}): for each replication domain, the sequence
 * number of the last transaction. One position covers another when it is at least as far in
 * every domain of the other.
 */
record GtidPosition(Map<Long, Long> sequenceByDomain) {

    static final GtidPosition EMPTY = new GtidPosition(Map.of());

    static GtidPosition parse(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        Map<Long, Long> sequences = new TreeMap<>();
        for (String part : text.split(",")) {
            String gtid = part.strip();
            if (gtid.isEmpty()) {
                continue;
            }
            String[] fields = gtid.split("-");
            if (fields.length != 3) {
                throw new IllegalArgumentException("not a MariaDB GTID: '" + gtid + "' in '" + text + "'");
            }
            sequences.merge(Long.parseLong(fields[0]), Long.parseLong(fields[2]), Math::max);
        }
        return new GtidPosition(Map.copyOf(sequences));
    }

    boolean covers(GtidPosition wanted) {
        for (Map.Entry<Long, Long> entry : wanted.sequenceByDomain.entrySet()) {
            Long have = sequenceByDomain.get(entry.getKey());
            if (have == null || have < entry.getValue()) {
                return false;
            }
        }
        return true;
    }
}
