package io.shardgate.engine.transaction.xa;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decision log survives restarts, ignores a line torn by a crash, compacts, and locks its directory. */
class DecisionLogTest {

    @TempDir
    Path dir;

    @Test
    void decisionsWithoutADoneLineSurviveARestart() throws Exception {
        try (DecisionLog log = DecisionLog.open(dir)) {
            log.commit("sg-a-1-1", List.of("g0", "g 1"));
            log.commit("sg-a-1-2", List.of("g0", "g1"));
            log.done("sg-a-1-1");
        }
        try (DecisionLog log = DecisionLog.open(dir)) {
            assertThat(log.undone()).containsOnlyKeys("sg-a-1-2");
            assertThat(log.decided("sg-a-1-1")).isFalse();
        }
    }

    @Test
    void aLineTornByACrashIsNoDecisionAndIsNotGluedToTheNextOne() throws Exception {
        try (DecisionLog log = DecisionLog.open(dir)) {
            log.commit("sg-a-1-1", List.of("g0", "g1"));
        }
        Files.writeString(dir.resolve(DecisionLog.FILE), "C sg-a-1-2 g0,g", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        try (DecisionLog log = DecisionLog.open(dir)) {
            assertThat(log.undone()).containsOnlyKeys("sg-a-1-1");
            log.commit("sg-a-1-3", List.of("g0", "g1"));
        }
        try (DecisionLog log = DecisionLog.open(dir)) {
            assertThat(log.undone()).containsOnlyKeys("sg-a-1-1", "sg-a-1-3");
        }
    }

    @Test
    void concurrentDecisionsSharingFsyncsAreAllOnDiskWhenCommitReturns() throws Exception {
        try (DecisionLog log = DecisionLog.open(dir)) {
            List<Thread> threads = new java.util.ArrayList<>();
            java.util.Queue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                threads.add(new Thread(() -> {
                    try {
                        for (int i = 0; i < 50; i++) {
                            log.commit("sg-a-" + thread + "-" + i, List.of("g0", "g1"));
                            if (i % 2 == 0) {
                                log.done("sg-a-" + thread + "-" + i);
                            }
                        }
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(failures).isEmpty();
        }
        try (DecisionLog log = DecisionLog.open(dir)) {
            assertThat(log.undone()).hasSize(8 * 25).containsKey("sg-a-7-49").doesNotContainKey("sg-a-7-48");
        }
    }

    @Test
    void compactionKeepsOnlyUndoneDecisions() throws Exception {
        try (DecisionLog log = DecisionLog.open(dir)) {
            for (int i = 0; i < 100; i++) {
                log.commit("sg-a-1-" + i, List.of("g0", "g1"));
                if (i != 42) {
                    log.done("sg-a-1-" + i);
                }
            }
            log.compact();
            log.commit("sg-a-1-100", List.of("g0", "g1"));
        }
        assertThat(Files.readAllLines(dir.resolve(DecisionLog.FILE)))
                .containsExactly("C sg-a-1-42 g0,g1", "C sg-a-1-100 g0,g1");
    }

    @Test
    void oneDirectoryServesOneLogAtATime() {
        try (DecisionLog first = DecisionLog.open(dir)) {
            assertThatThrownBy(() -> DecisionLog.open(dir)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another Shardgate engine");
        }
        DecisionLog.open(dir).close(); // released by close
    }

    @Test
    void theNodeIdIsCreatedOnceAndKept() {
        String id = NodeId.of(dir);
        assertThat(id).matches("[0-9a-f]{8}");
        assertThat(NodeId.of(dir)).isEqualTo(id);
    }
}
