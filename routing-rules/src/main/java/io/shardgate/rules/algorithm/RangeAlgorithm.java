package io.shardgate.rules.algorithm;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code range}: ascending integer bounds b1 … bk split the number line into k + 1 shards: shard 0
 * holds keys below b1, shard i keys in [b_i, b_i+1), shard k keys from bk up. Numeric keys only;
 * range conditions prune exactly.
 */
public final class RangeAlgorithm implements ShardingAlgorithm {

    public static final String TYPE = "range";
    static final String BOUNDS = "bounds";

    private final List<ShardKey> bounds;

    /** @param bounds strictly ascending integer keys, one fewer than the shards */
    public RangeAlgorithm(List<ShardKey> bounds) {
        for (int i = 0; i < bounds.size(); i++) {
            if (!bounds.get(i).isIntegral()) {
                throw new AlgorithmParameterException(BOUNDS, "range bound " + bounds.get(i)
                        + " is not an integer; expected ascending integers, e.g. [1000, 5000]");
            }
            if (i > 0 && bounds.get(i - 1).compareTo(bounds.get(i)) >= 0) {
                throw new AlgorithmParameterException(BOUNDS, "range bounds " + describe(bounds) + " are not ascending at "
                        + bounds.get(i) + "; expected each bound greater than the one before, e.g. [1000, 5000]");
            }
        }
        this.bounds = List.copyOf(bounds);
    }

    @Override
    public int shard(ShardKey key) {
        if (key.isNull()) {
            return 0;
        }
        if (!key.isNumeric()) {
            throw new IllegalArgumentException("shard key " + key + " is not a number, and range needs a numeric "
                    + "shard key; use algorithm hash-mod for text keys");
        }
        // The number of bounds at or below the key: binary search for the first bound above it.
        int low = 0;
        int high = bounds.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (bounds.get(mid).compareTo(key) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    @Override
    public int shardCount() {
        return bounds.size() + 1;
    }

    public List<ShardKey> bounds() {
        return bounds;
    }

    /** Exact for numeric ends; empty when the range is empty; every shard for text ends. */
    @Override
    public BitSet shardsInRange(ShardKey lower, boolean lowerInclusive, ShardKey upper, boolean upperInclusive) {
        if ((lower != null && !lower.isNumeric()) || (upper != null && !upper.isNumeric())) {
            return ShardingAlgorithm.super.shardsInRange(lower, lowerInclusive, upper, upperInclusive);
        }
        BitSet shards = new BitSet(shardCount());
        if (lower != null && upper != null) {
            int order = lower.compareTo(upper);
            if (order > 0 || (order == 0 && !(lowerInclusive && upperInclusive))) {
                return shards;
            }
        }
        int first = lower == null ? 0 : shard(lower);
        int last = upper == null ? bounds.size() : shard(upper);
        // key < b_i excludes shard i, whose smallest key is b_i.
        if (upper != null && !upperInclusive && last > 0 && bounds.get(last - 1).equals(upper)) {
            last--;
        }
        if (first <= last) {
            shards.set(first, last + 1);
        }
        return shards;
    }

    @Override
    public String toString() {
        return TYPE + describe(bounds);
    }

    private static String describe(List<ShardKey> bounds) {
        return bounds.stream().map(ShardKey::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The {@code range} provider; parameter {@code bounds}. */
    public static final class Provider implements ShardingAlgorithmProvider {
        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public ShardingAlgorithm create(Map<String, Object> params, int shardCount) {
            ShardCount.require(TYPE, shardCount);
            List<ShardKey> bounds = new AlgorithmParameters(TYPE, params)
                    .allowOnly(Set.of(BOUNDS))
                    .integers(BOUNDS, "bounds: [1000, 5000] for 3 shards");
            RangeAlgorithm algorithm = new RangeAlgorithm(bounds);
            if (algorithm.shardCount() != shardCount) {
                throw new AlgorithmParameterException(BOUNDS, "range bounds " + describe(bounds) + " make "
                        + algorithm.shardCount() + " shards but the table has " + shardCount
                        + " shard nodes; expected " + (shardCount - 1) + " bounds (shard count = bounds + 1)");
            }
            return algorithm;
        }
    }
}
