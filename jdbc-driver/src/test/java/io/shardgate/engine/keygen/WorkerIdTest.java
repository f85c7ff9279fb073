package io.shardgate.engine.keygen;

import io.shardgate.rules.config.TableRule;
import io.shardgate.rules.route.RouteContext;
import io.shardgate.sql.InsertStatement;
import io.shardgate.sql.SqlValue;
import io.shardgate.sql.StatementKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerIdTest {

    private static TableRule.KeyGenerator generator(Map<String, Object> params) {
        return new TableRule.KeyGenerator("order_id", "snowflake", params);
    }

    @Test
    void ruleFileWorkerIdComesFirst() {
        WorkerId ids = new WorkerId(p -> "5", e -> "6", "host/1");
        assertThat(ids.resolve(generator(Map.of("worker-id", 3)))).isEqualTo(3);
        assertThat(ids.resolve(generator(Map.of("worker-id", "4")))).isEqualTo(4);
    }

    @Test
    void systemPropertyThenEnvironmentThenDerived() {
        assertThat(new WorkerId(p -> "5", e -> "6", "h/1").resolve(generator(Map.of()))).isEqualTo(5);
        assertThat(new WorkerId(p -> null, e -> "6", "h/1").resolve(generator(Map.of()))).isEqualTo(6);
        WorkerId derived = new WorkerId(p -> null, e -> null, "app-7f9c/4242");
        assertThat(derived.resolve(generator(Map.of()))).isEqualTo(derived.derived()).isBetween(0, 1023);
    }

    @Test
    void derivedIdsSpreadOverHostsAndProcesses() {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int pid = 1000; pid < 1100; pid++) {
            seen.add(new WorkerId(p -> null, e -> null, "worker-host/" + pid).derived());
        }
        assertThat(seen.size()).as("100 processes on one host").isGreaterThan(90);
    }

    @Test
    void badWorkerIdsAreExplained() {
        WorkerId ids = new WorkerId(p -> "x", e -> null, "h/1");
        assertThatThrownBy(() -> ids.resolve(generator(Map.of()))).hasMessageContaining("shardgate.worker-id")
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> ids.resolve(generator(Map.of("worker-id", 5000))))
                .hasMessageContaining("worker-id of column order_id").hasMessageContaining("between 0 and 1023");
    }

    @Test
    void insertThatOmitsTheKeyColumnGetsOneKeyPerRow() {
        TableRule.Sharded orders = new TableRule.Sharded("orders", "user_id", null, List.of(),
                generator(Map.of()), null);
        AtomicLong next = new AtomicLong(100);
        RouteContext.KeySource keys = (table, gen) -> next.incrementAndGet();
        InsertStatement insert = new InsertStatement("INSERT INTO orders (user_id, total) VALUES (1, 2), (3, ?)",
                StatementKind.INSERT, List.of(), 1, Map.of(), "orders", List.of("user_id", "total"),
                List.of(List.of(new SqlValue.Literal(1L), new SqlValue.Literal(2L)),
                        List.of(new SqlValue.Literal(3L), new SqlValue.Param(0))),
                false, List.of(), null);
        InsertKeys.Filled filled = InsertKeys.fill(insert, orders, keys).orElseThrow();
        assertThat(filled.column()).isEqualTo("order_id");
        assertThat(filled.keys()).containsExactly(101L, 102L);
        assertThat(filled.literals()).containsExactly("101", "102");

        InsertStatement named = new InsertStatement("INSERT INTO orders (order_id, user_id) VALUES (7, 1)",
                StatementKind.INSERT, List.of(), 0, Map.of(), "orders", List.of("order_id", "user_id"),
                List.of(List.of(new SqlValue.Literal(7L), new SqlValue.Literal(1L))), false, List.of(), null);
        assertThat(InsertKeys.fill(named, orders, keys)).isEmpty();
    }
}
