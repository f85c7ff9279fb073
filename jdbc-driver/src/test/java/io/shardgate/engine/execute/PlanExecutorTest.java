package io.shardgate.engine.execute;

import io.shardgate.engine.BackendException;
import io.shardgate.engine.backend.Backends;
import io.shardgate.engine.backend.SessionVariables;
import io.shardgate.engine.replica.Replicas;
import io.shardgate.engine.replica.SessionPositions;
import io.shardgate.engine.testing.H2Groups;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.config.ReadRule;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.route.RouteUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import static io.shardgate.engine.testing.Scripted.leaderUnit;
import static io.shardgate.engine.testing.Scripted.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanExecutorTest {

    private H2Groups h2;
    private Backends backends;
    private Replicas replicas;
    private ExecutorService pool;
    private PlanExecutor executor;
    private final RunningStatements running = new RunningStatements();

    @BeforeEach
    void setUp() {
        h2 = new H2Groups(3);
        h2.execAll("CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(20))");
        h2.exec(0, "INSERT INTO t VALUES (1, 'a'), (4, 'd')");
        h2.exec(1, "INSERT INTO t VALUES (2, 'b')");
        h2.exec(2, "INSERT INTO t VALUES (3, 'c')");
        RuleSet rules = h2.rules("shop", Map.of());
        backends = new Backends(rules);
        replicas = new Replicas(rules, backends);
        pool = Executors.newFixedThreadPool(4, r -> new Thread(r, "shardgate-exec-test"));
        executor = new PlanExecutor(pool);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        replicas.close();
        backends.close();
        h2.close();
    }

    /** The engine's own source for autocommit statements (H2 groups: every unit on its group's leader). */
    private ConnectionSource pooled() {
        return replicas.connections(new SessionVariables(), false, false, new SessionPositions(),
                ReadRule.Consistency.EVENTUAL);
    }

    @Test
    void oneUnitRunsOnTheCallingThreadAndGivesItsConnectionBackWhenDrained() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        ConnectionSource source = recordingThreads(pooled(), threads);
        Executed executed = executor.execute(List.of(unit("g0", "SELECT id FROM t ORDER BY id")), List.of(), source,
                PlanExecutor.Shape.QUERY, running);
        assertThat(threads).containsExactly(Thread.currentThread().getName());
        ResultSetCursor cursor = executed.cursors().get(0);
        assertThat(backends.activeConnections(backends.leader("g0"))).isEqualTo(1);
        List<Object> ids = new ArrayList<>();
        while (cursor.next()) {
            ids.add(cursor.value(0));
        }
        assertThat(ids).containsExactly(1L, 4L);
        assertThat(backends.activeConnections(backends.leader("g0"))).isZero();
        assertThat(running.size()).isZero();
    }

    @Test
    void severalUnitsRunInParallelOnTheExecutorWithTheirOwnParameters() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        ConnectionSource source = recordingThreads(pooled(), threads);
        List<RouteUnit> units = List.of(
                unit("g0", "SELECT name FROM t WHERE id = ?", 1),
                unit("g1", "SELECT name FROM t WHERE id = ?", 0),
                unit("g2", "SELECT name FROM t WHERE id IN (?, ?)", 2, 1));
        Executed executed = executor.execute(units, List.of(2L, 4L, 3L), source, PlanExecutor.Shape.QUERY, running);
        List<Object> names = new ArrayList<>();
        for (ResultSetCursor cursor : executed.cursors()) {
            while (cursor.next()) {
                names.add(cursor.value(0));
            }
        }
        assertThat(names).containsExactly("d", "b", "c");
        assertThat(threads).contains("shardgate-exec-test").hasSizeGreaterThan(1);
        for (String group : List.of("g0", "g1", "g2")) {
            assertThat(backends.activeConnections(backends.leader(group))).isZero();
        }
    }

    @Test
    void closingACursorEarlyReleasesItsConnection() {
        Executed executed = executor.execute(List.of(unit("g0", "SELECT id FROM t"), unit("g1", "SELECT id FROM t")),
                List.of(), pooled(), PlanExecutor.Shape.QUERY, running);
        assertThat(backends.activeConnections(backends.leader("g0"))
                + backends.activeConnections(backends.leader("g1"))).isEqualTo(2);
        executed.cursors().get(0).next();
        executed.close();
        assertThat(backends.activeConnections(backends.leader("g0"))
                + backends.activeConnections(backends.leader("g1"))).isZero();
    }

    @Test
    void writesReportAffectedRowsAndGeneratedKeys() {
        h2.exec(1, "CREATE TABLE seq (id BIGINT AUTO_INCREMENT PRIMARY KEY, v INT)");
        Executed executed = executor.execute(List.of(leaderUnit("g1", "INSERT INTO seq (v) VALUES (?), (?)", 0, 1)),
                List.of(10, 20), pooled(), PlanExecutor.Shape.INSERT, running);
        assertThat(executed.affectedRows()).isEqualTo(2);
        assertThat(executed.generatedKeys()).containsExactly(1L, 2L);
    }

    @Test
    void aBroadcastWriteThatFailsOnOneGroupSaysWhereItFailedAndWhereItWasApplied() {
        h2.exec(2, "DROP TABLE t");
        List<RouteUnit> units = List.of(
                leaderUnit("g0", "UPDATE t SET name = 'x'"),
                leaderUnit("g1", "UPDATE t SET name = 'x'"),
                leaderUnit("g2", "UPDATE t SET name = 'x'"));
        assertThatThrownBy(() -> executor.execute(units, List.of(), pooled(), PlanExecutor.Shape.WRITE, running))
                .isInstanceOfSatisfying(BackendException.class, e -> {
                    assertThat(e.group()).isEqualTo("g2");
                    assertThat(e.errorNumber()).as("H2's 42104, told as MySQL's unknown table").isEqualTo(1146);
                    assertThat(e.getMessage()).contains("group g2 leader")
                            .contains("failed on group(s) g2").contains("applied on group(s) g0, g1");
                });
        assertThat(h2.query(0, "SELECT name FROM t WHERE id = 1")).isEqualTo("x");
    }

    @Test
    void aFailingQueryUnitClosesTheOthers() {
        List<RouteUnit> units = List.of(unit("g0", "SELECT id FROM t"), unit("g1", "SELECT nope FROM t"));
        assertThatThrownBy(() -> executor.execute(units, List.of(), pooled(), PlanExecutor.Shape.QUERY, running))
                .isInstanceOf(BackendException.class).hasMessageContaining("nope");
        assertThat(backends.activeConnections(backends.leader("g0"))).isZero();
    }

    @Test
    void cancelInterruptsTheRunningBackendStatement() throws Exception {
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<?> slow = caller.submit(() -> {
                Executed executed = executor.execute(List.of(
                                unit("g0", "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 100000) a, SYSTEM_RANGE(1, 100000) b"),
                                unit("g1", "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 100000) a, SYSTEM_RANGE(1, 100000) b")),
                        List.of(), pooled(), PlanExecutor.Shape.QUERY, running);
                executed.cursors().forEach(c -> c.next());
                return null;
            });
            await(() -> running.size() == 2, "both units started");
            // KILL QUERY only reaches a statement the server is running: repeat until it lands
            await(() -> {
                running.cancelAll();
                return slow.isDone();
            }, "the statement ends");
            assertThatThrownBy(() -> slow.get(20, java.util.concurrent.TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ShardgateException.class)
                    .satisfies(e -> assertThat(((ShardgateException) e.getCause()).code())
                            .isEqualTo(ErrorCode.QUERY_INTERRUPTED));
        } finally {
            caller.shutdownNow();
        }
        await(() -> backends.activeConnections(backends.leader("g0")) == 0
                && backends.activeConnections(backends.leader("g1")) == 0, "connections returned");
    }

    @Test
    void unitsSharingATransactionConnectionRunInSequenceOnIt() {
        List<String> order = new ArrayList<>();
        ConnectionSource pooled = pooled();
        java.util.Map<String, Lease> held = new java.util.HashMap<>();
        ConnectionSource shared = new ConnectionSource() {
            final java.util.Map<String, Lease> leases = held;

            @Override
            public Lease lease(RouteUnit unit) {
                order.add(unit.sql() + "@" + Thread.currentThread().getName());
                Lease lease = leases.computeIfAbsent(unit.group(), g -> pooled.lease(unit));
                return new Lease() {
                    public java.sql.Connection connection() {
                        return lease.connection();
                    }

                    public io.shardgate.engine.backend.BackendServer server() {
                        return lease.server();
                    }

                    public boolean shared() {
                        return true;
                    }

                    public void release() {
                    }
                };
            }

            @Override
            public Object lane(RouteUnit unit, int index) {
                return unit.group();
            }
        };
        Executed executed = executor.execute(List.of(unit("g0", "SELECT 1"), unit("g0", "SELECT 2")), List.of(),
                shared, PlanExecutor.Shape.QUERY, running);
        assertThat(order).containsExactly("SELECT 1@" + Thread.currentThread().getName(),
                "SELECT 2@" + Thread.currentThread().getName());
        List<Object> values = new ArrayList<>();
        for (ResultSetCursor cursor : executed.cursors()) {
            while (cursor.next()) {
                values.add(cursor.value(0));
            }
        }
        assertThat(values).containsExactly(1, 2);
        executed.close();
        held.values().forEach(Lease::release);
    }

    private static ConnectionSource recordingThreads(ConnectionSource source, Set<String> threads) {
        return new ConnectionSource() {
            @Override
            public Lease lease(RouteUnit unit) {
                threads.add(Thread.currentThread().getName());
                return source.lease(unit);
            }

            @Override
            public Object lane(RouteUnit unit, int index) {
                return source.lane(unit, index);
            }
        };
    }

    static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.onSpinWait();
        }
    }

    @SuppressWarnings("unused")
    private static String show(Object[] row) {
        return Arrays.toString(row);
    }
}
