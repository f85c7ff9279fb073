package io.shardgate.engine.keygen;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnowflakeGeneratorTest {

    private static final long NOW = Instant.parse("2025-06-01T12:00:00Z").toEpochMilli();

    @Test
    void idCarriesTimestampWorkerAndSequence() {
        SnowflakeGenerator generator = new SnowflakeGenerator(777, () -> NOW);
        long first = generator.next();
        long second = generator.next();
        assertThat(SnowflakeGenerator.parse(first)).isEqualTo(new SnowflakeGenerator.Parts(NOW, 777, 0));
        assertThat(SnowflakeGenerator.parse(second)).isEqualTo(new SnowflakeGenerator.Parts(NOW, 777, 1));
        assertThat(first).isPositive();
    }

    @Test
    void idsIncreaseAndStayUniqueWhenTheClockStepsBack() {
        AtomicLong clock = new AtomicLong(NOW);
        SnowflakeGenerator generator = new SnowflakeGenerator(1, clock::get);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(generator.next());
        }
        clock.set(NOW - 5_000); // NTP step back by 5 s
        for (int i = 0; i < 10_000; i++) { // more than one millisecond's worth of sequence
            ids.add(generator.next());
        }
        clock.set(NOW + 10_000); // caught up again
        ids.add(generator.next());
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(SnowflakeGenerator.parse(ids.get(ids.size() - 1)).timestampMillis()).isEqualTo(NOW + 10_000);
    }

    @Test
    void waitsForTheNextMillisecondWhenTheSequenceIsUsedUp() {
        AtomicLong calls = new AtomicLong();
        // the clock advances one millisecond every 5000 readings
        SnowflakeGenerator generator = new SnowflakeGenerator(3, () -> NOW + calls.incrementAndGet() / 5000);
        Set<Long> ids = new HashSet<>();
        long previous = -1;
        for (int i = 0; i < 10_000; i++) {
            long id = generator.next();
            assertThat(id).isGreaterThan(previous);
            previous = id;
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void differentWorkersNeverCollideAtTheSameInstant() {
        SnowflakeGenerator a = new SnowflakeGenerator(1, () -> NOW);
        SnowflakeGenerator b = new SnowflakeGenerator(2, () -> NOW);
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 4000; i++) {
            ids.add(a.next());
            ids.add(b.next());
        }
        assertThat(ids).hasSize(8000);
    }

    @Test
    void isSafeUnderConcurrentUse() throws Exception {
        SnowflakeGenerator generator = new SnowflakeGenerator(9);
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    ids.add(generator.next());
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(ids).hasSize(80_000);
    }

    @Test
    void rejectsWorkerIdsOutsideTenBits() {
        assertThatThrownBy(() -> new SnowflakeGenerator(1024)).hasMessageContaining("between 0 and 1023");
        assertThatThrownBy(() -> new SnowflakeGenerator(-1)).hasMessageContaining("between 0 and 1023");
    }
}
