package io.shardgate.engine.observe;

import io.shardgate.engine.Engine;
import io.shardgate.engine.EngineSession;
import io.shardgate.engine.ExecutionResult;
import io.shardgate.engine.testing.H2Groups;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.config.DataNode;
import io.shardgate.rules.config.TableRule;
import io.shardgate.rules.route.RouteFlag;
import io.shardgate.rules.route.RoutePlan;
import io.shardgate.sql.StatementKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the engine reports to its observers: one event per statement, with its route, time and error. */
class EngineObserverTest {

    private final H2Groups h2 = new H2Groups(2);
    private final List<StatementEvent> events = new CopyOnWriteArrayList<>();
    private Engine engine;

    private EngineSession open() {
        Map<String, TableRule> tables = new LinkedHashMap<>();
        tables.put("orders", new TableRule.Sharded("orders", "user_id", new TableRule.AlgorithmSpec("mod", Map.of()),
                List.of(new DataNode("g0", "orders_0"), new DataNode("g1", "orders_1")), null, null));
        h2.exec(0, "CREATE TABLE orders_0 (order_id BIGINT PRIMARY KEY, user_id INT NOT NULL)");
        h2.exec(1, "CREATE TABLE orders_1 (order_id BIGINT PRIMARY KEY, user_id INT NOT NULL)");
        engine = new Engine(List.of(h2.rules("shop", tables)));
        engine.addObserver(new EngineObserver() {
            @Override
            public void statementExecuted(StatementEvent event) {
                events.add(event);
            }
        });
        engine.addObserver(new EngineObserver() {
            @Override
            public void statementExecuted(StatementEvent event) {
                throw new IllegalStateException("a broken observer must not cost the statement");
            }
        });
        return engine.openSession("shop");
    }

    @AfterEach
    void tearDown() {
        if (engine != null) {
            engine.close();
        }
        h2.close();
    }

    @Test
    void everyStatementIsReportedWithItsRouteParametersTimeAndError() {
        try (EngineSession session = open()) {
            run(session, "INSERT INTO orders (order_id, user_id) VALUES (?, ?)", 1L, 3);
            run(session, "SELECT COUNT(*) FROM orders");
            assertThatThrownBy(() -> run(session, "SELEC oops")).isInstanceOf(ShardgateException.class);
            run(session, "SET autocommit = 1");
        }
        assertThat(events).hasSize(4);

        StatementEvent insert = events.get(0);
        assertThat(insert.rules().database()).isEqualTo("shop");
        assertThat(insert.statement().kind()).isEqualTo(StatementKind.INSERT);
        assertThat(insert.parameters()).containsExactly(1L, 3);
        assertThat(insert.plan().variant()).isEqualTo(RoutePlan.Variant.SINGLE);
        assertThat(insert.plan().groups()).containsExactly("g1");
        assertThat(insert.nanos()).isPositive();
        assertThat(insert.failed()).isFalse();

        StatementEvent scatter = events.get(1);
        assertThat(scatter.plan().variant()).isEqualTo(RoutePlan.Variant.SCATTER);
        assertThat(scatter.plan().hasFlag(RouteFlag.Kind.SCATTER_READ)).isTrue();

        StatementEvent unparsed = events.get(2); // kept as an unanalyzed statement, refused when run
        assertThat(unparsed.statement().kind()).isEqualTo(StatementKind.OTHER);
        assertThat(unparsed.failed()).isTrue();
        assertThat(unparsed.error().code().mysqlCode()).isPositive();

        StatementEvent set = events.get(3);
        assertThat(set.plan()).isNull(); // answered by the session, not routed
        assertThat(set.failed()).isFalse();
    }

    private static void run(EngineSession session, String sql, Object... parameters) {
        try (ExecutionResult ignored = session.execute(sql, List.of(parameters))) {
            // results are not read
        }
    }
}
