package io.shardgate.engine.replica;

import io.shardgate.engine.backend.BackendServer;
import io.shardgate.rules.config.ReadRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Orders a group's eligible followers by {@code reads.balance}: the first is where the read goes,
 * the rest are where it falls back to. Round-robin turns per group; weighted draws the first in
 * proportion to the followers' {@code weight}. Thread-safe.
 */
final class FollowerChooser {

    private final ReadRule.Balance balance;
    private final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();

    FollowerChooser(ReadRule.Balance balance) {
        this.balance = balance;
    }

    List<BackendServer> order(String group, List<BackendServer> eligible) {
        int n = eligible.size();
        if (n <= 1) {
            return eligible;
        }
        List<BackendServer> ordered = new ArrayList<>(n);
        int first = switch (balance) {
            case ROUND_ROBIN -> (int) Math.floorMod(turns.computeIfAbsent(group, g -> new AtomicLong()).getAndIncrement(), n);
            case RANDOM -> ThreadLocalRandom.current().nextInt(n);
            case WEIGHTED -> weightedPick(eligible);
        };
        for (int i = 0; i < n; i++) {
            ordered.add(eligible.get((first + i) % n));
        }
        return ordered;
    }

    private static int weightedPick(List<BackendServer> eligible) {
        long total = 0;
        for (BackendServer server : eligible) {
            total += Math.max(1, server.source().weight());
        }
        long draw = ThreadLocalRandom.current().nextLong(total);
        for (int i = 0; i < eligible.size(); i++) {
            draw -= Math.max(1, eligible.get(i).source().weight());
            if (draw < 0) {
                return i;
            }
        }
        return eligible.size() - 1;
    }
}
