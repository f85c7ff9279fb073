package io.shardgate.rules.algorithm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * {@code consistent-hash}: each shard owns {@code vnodes} points on a 32-bit ring, at
 * MurmurHash3("shard-&lt;i&gt;#&lt;v&gt;"); a key belongs to the first point at or after its own
 * hash (wrapping). Growing from n to n + 1 shards moves only the keys the new shard takes, about
 * 1/(n + 1) of them, where hash-mod would move most keys.
 */
public final class ConsistentHashAlgorithm implements ShardingAlgorithm {

    public static final String TYPE = "consistent-hash";
    /** 4096 points per shard keep every shard within about 3% of an even share (a ring of n × 4096 ints). */
    public static final int DEFAULT_VNODES = 4096;
    static final String VNODES = "vnodes";
    private static final int MAX_VNODES = 1 << 16;
    private static final int MAX_RING_POINTS = 1 << 22;

    private final int shardCount;
    private final int vnodes;
    // Ring points in unsigned order, stored with the sign bit flipped so that signed int order is
    // unsigned order; owners[i] is the shard of points[i]. Equal points go to the lower shard.
    private final int[] points;
    private final int[] owners;

    public ConsistentHashAlgorithm(int shardCount, int vnodes) {
        this.shardCount = ShardCount.require(TYPE, shardCount);
        if (vnodes < 1 || vnodes > MAX_VNODES) {
            throw new AlgorithmParameterException(VNODES, "consistent-hash vnodes " + vnodes
                    + " is out of range; expected an integer from 1 to " + MAX_VNODES);
        }
        if ((long) shardCount * vnodes > MAX_RING_POINTS) {
            throw new AlgorithmParameterException(VNODES, "consistent-hash with " + shardCount + " shards and "
                    + vnodes + " vnodes would need " + (long) shardCount * vnodes + " ring points; expected at most "
                    + MAX_RING_POINTS + " (lower vnodes)");
        }
        this.vnodes = vnodes;
        int size = shardCount * vnodes;
        // (unsigned point << 31 | shard) sorts by point, then shard; both fit in 63 bits.
        long[] entries = new long[size];
        for (int shard = 0, i = 0; shard < shardCount; shard++) {
            for (int v = 0; v < vnodes; v++, i++) {
                int point = Murmur3.hash32(("shard-" + shard + "#" + v).getBytes(StandardCharsets.UTF_8), 0);
                entries[i] = Integer.toUnsignedLong(point) << 31 | shard;
            }
        }
        Arrays.sort(entries);
        points = new int[size];
        owners = new int[size];
        for (int i = 0; i < size; i++) {
            points[i] = (int) (entries[i] >>> 31) ^ Integer.MIN_VALUE;
            owners[i] = (int) (entries[i] & Integer.MAX_VALUE);
        }
    }

    @Override
    public int shard(ShardKey key) {
        if (key.isNull()) {
            return 0;
        }
        int position = Murmur3.hash32(key.canonicalBytes(), 0) ^ Integer.MIN_VALUE;
        // First point >= position.
        int low = 0;
        int high = points.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (points[mid] < position) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return owners[low == points.length ? 0 : low];
    }

    @Override
    public int shardCount() {
        return shardCount;
    }

    public int vnodes() {
        return vnodes;
    }

    @Override
    public String toString() {
        return TYPE + "(" + shardCount + ", vnodes=" + vnodes + ")";
    }

    /** The {@code consistent-hash} provider; parameter {@code vnodes} (default 4096). */
    public static final class Provider implements ShardingAlgorithmProvider {
        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public ShardingAlgorithm create(Map<String, Object> params, int shardCount) {
            int vnodes = new AlgorithmParameters(TYPE, params)
                    .allowOnly(Set.of(VNODES))
                    .integer(VNODES, DEFAULT_VNODES, 1, MAX_VNODES);
            return new ConsistentHashAlgorithm(shardCount, vnodes);
        }
    }
}
