package io.shardgate.engine.keygen;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * 64-bit ids that are unique across instances and increase within one instance:
 * <pre>
 *   0 | 41 bits: milliseconds since {@link #EPOCH} | 10 bits: worker id | 12 bits: sequence
 * </pre>
 * The epoch is 2024-01-01T00:00:00Z, so ids stay positive until 2093. An instance hands out up
 * to 4096 ids per millisecond; beyond that it waits for the next millisecond.
 * <p>
 * Monotonic even when the wall clock steps back (NTP, VM migration): the generator never uses a
 * timestamp older than the last one it used. While the clock is behind, it keeps "borrowing"
 * from its last timestamp (sequence, then the next millisecond), so ids keep increasing and stay
 * unique, and it returns to the clock once the clock has caught up.
 * <p>
 * Uniqueness across instances rests on each instance having its own worker id
 * ({@link WorkerId}). Thread-safe.
 */
public final class SnowflakeGenerator {

    /** 2024-01-01T00:00:00Z in epoch milliseconds. */
    public static final long EPOCH = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    public static final int WORKER_BITS = 10;
    public static final int SEQUENCE_BITS = 12;
    public static final int MAX_WORKER_ID = (1 << WORKER_BITS) - 1;
    private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;
    private static final long MAX_TIMESTAMP = (1L << 41) - 1;

    private final long workerId;
    private final LongSupplier clock;
    private long lastTimestamp = -1;
    private long sequence;

    public SnowflakeGenerator(int workerId) {
        this(workerId, System::currentTimeMillis);
    }

    /** @param clock epoch milliseconds (tests pass a controllable one) */
    public SnowflakeGenerator(int workerId, LongSupplier clock) {
        if (workerId < 0 || workerId > MAX_WORKER_ID) {
            throw new IllegalArgumentException("snowflake worker-id must be between 0 and " + MAX_WORKER_ID
                    + ", got " + workerId);
        }
        this.workerId = workerId;
        this.clock = clock;
    }

    public int workerId() {
        return (int) workerId;
    }

    public synchronized long next() {
        long now = clock.getAsLong() - EPOCH;
        if (now > lastTimestamp) {
            lastTimestamp = now;
            sequence = 0;
        } else if (sequence < MAX_SEQUENCE) {
            sequence++; // same millisecond, or the clock is behind: borrow from the last timestamp
        } else if (now == lastTimestamp) {
            // 4096 ids in this millisecond: wait for the clock to move on (at most about 1 ms)
            while ((now = clock.getAsLong() - EPOCH) <= lastTimestamp) {
                Thread.onSpinWait();
            }
            lastTimestamp = now;
            sequence = 0;
        } else {
            // the clock is behind and this millisecond is used up: borrow the next one
            lastTimestamp++;
            sequence = 0;
        }
        if (lastTimestamp > MAX_TIMESTAMP || lastTimestamp < 0) {
            throw new IllegalStateException("the clock is outside the snowflake range (2024-01-01 to 2093)");
        }
        return (lastTimestamp << (WORKER_BITS + SEQUENCE_BITS)) | (workerId << SEQUENCE_BITS) | sequence;
    }

    /** The parts of an id, for tests and for operators reading ids. */
    public record Parts(long timestampMillis, int workerId, int sequence) {
    }

    public static Parts parse(long id) {
        return new Parts((id >>> (WORKER_BITS + SEQUENCE_BITS)) + EPOCH,
                (int) ((id >>> SEQUENCE_BITS) & MAX_WORKER_ID), (int) (id & MAX_SEQUENCE));
    }
}
