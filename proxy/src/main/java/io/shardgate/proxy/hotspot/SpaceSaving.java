package io.shardgate.proxy.hotspot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The most frequent items of an unbounded stream in fixed memory: the Space-Saving algorithm
 * (Metwally, Agrawal, El Abbadi, 2005). It keeps {@code capacity} counters; an item not counted
 * yet takes over the smallest counter and inherits its count as possible over-count ({@code error}).
 * Any item seen more than {@code total / capacity} times is guaranteed to be among the counters,
 * and its count is over-estimated by at most its error. Memory is O(capacity) whatever the number
 * of distinct items. The replacement looks for the smallest counter linearly: O(capacity) on a
 * miss, which for the small capacities used here (tens) costs less than a heap's bookkeeping.
 * Thread-safe (synchronized: one short critical section per item).
 */
public final class SpaceSaving<K> {

    /** An item's estimated count: the true count is between {@code count - error} and {@code count}. */
    public record Estimate<K>(K item, long count, long error) {
    }

    private static final class Counter {
        long count;
        long error;
    }

    private final int capacity;
    private final Map<K, Counter> counters;
    private long total;

    public SpaceSaving(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.counters = new HashMap<>(capacity * 2);
    }

    public synchronized void add(K item) {
        total++;
        Counter counter = counters.get(item);
        if (counter != null) {
            counter.count++;
            return;
        }
        if (counters.size() < capacity) {
            counter = new Counter();
            counter.count = 1;
            counters.put(item, counter);
            return;
        }
        K smallest = null;
        Counter min = null;
        for (Map.Entry<K, Counter> entry : counters.entrySet()) {
            if (min == null || entry.getValue().count < min.count) {
                smallest = entry.getKey();
                min = entry.getValue();
            }
        }
        counters.remove(smallest);
        min.error = min.count;
        min.count++;
        counters.put(item, min);
    }

    /** Items added so far (every item, not only the counted ones). */
    public synchronized long total() {
        return total;
    }

    /** The {@code n} largest counters, largest first (ties by smaller error first). */
    public synchronized List<Estimate<K>> top(int n) {
        List<Estimate<K>> all = new ArrayList<>(counters.size());
        counters.forEach((item, counter) -> all.add(new Estimate<>(item, counter.count, counter.error)));
        all.sort(Comparator.<Estimate<K>>comparingLong(Estimate::count).reversed()
                .thenComparingLong(Estimate::error));
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }
}
