package io.shardgate.engine;

import io.shardgate.engine.observe.EngineObserver;
import io.shardgate.engine.observe.StatementEvent;
import io.shardgate.engine.testing.H2Groups;
import io.shardgate.rules.config.DataNode;
import io.shardgate.rules.config.TableRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text statements whose values become parameters (LiteralParameters): siblings share one parse,
 * the answers stay what the literals say, and statements whose literals must stay are run as sent.
 * Real analyzer and router on two H2 groups (orders by order_id mod 2).
 */
class TextValuesTest {

    private final H2Groups h2 = new H2Groups(2);
    private final List<StatementEvent> events = new CopyOnWriteArrayList<>();
    private Engine engine;
    private EngineSession session;

    @BeforeEach
    void open() {
        Map<String, TableRule> tables = new LinkedHashMap<>();
        tables.put("orders", new TableRule.Sharded("orders", "order_id", new TableRule.AlgorithmSpec("mod", Map.of()),
                List.of(new DataNode("g0", "orders_0"), new DataNode("g1", "orders_1")), null, null));
        for (int g = 0; g < 2; g++) {
            h2.exec(g, "CREATE TABLE orders_" + g + " (order_id BIGINT PRIMARY KEY, user_id INT, total DECIMAL(10,2), "
                    + "note VARCHAR(20))");
        }
        engine = new Engine(List.of(h2.rules("shop", tables)));
        engine.addObserver(new EngineObserver() {
            @Override
            public void statementExecuted(StatementEvent event) {
                events.add(event);
            }
        });
        session = engine.openSession("shop");
    }

    @AfterEach
    void close() {
        engine.close();
        h2.close();
    }

    @Test
    void valuesBecomeParametersAndTheAnswersStayTheSame() {
        update("INSERT INTO orders (order_id, user_id, total, note) VALUES (1, 10, 1.50, 'it''s'), (2, 20, 2.25, 'b'), "
                + "(3, 30, 3.00, 'c'), (4, 40, NULL, 'd')");
        assertThat(lastEvent().statement().sql()).as("'it''s' needs escaping: it stays literal")
                .isEqualTo("INSERT INTO orders (order_id, user_id, total, note) "
                + "VALUES (?, ?, ?, 'it''s'), (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, NULL, ?)");
        assertThat(lastEvent().parameters()).hasSize(14).startsWith(1L, 10L, new BigDecimal("1.50"), 2L);

        assertThat(rows("SELECT user_id, note FROM orders WHERE order_id = 1")).containsExactly(List.of(10, "it's"));
        assertThat(lastEvent().statement().sql()).isEqualTo("SELECT user_id, note FROM orders WHERE order_id = ?");
        assertThat(lastEvent().plan().units()).as("routed by the value, as with the literal").hasSize(1);
        assertThat(rows("SELECT user_id, note FROM orders WHERE order_id = 4")).containsExactly(List.of(40, "d"));
        assertThat(rows("SELECT order_id FROM orders WHERE total > 2 AND note <> 'c' ORDER BY 1"))
                .containsExactly(List.of(2L));
        assertThat(rows("SELECT order_id FROM orders WHERE order_id IN (1, 3) ORDER BY order_id DESC"))
                .containsExactly(List.of(3L), List.of(1L));
        assertThat(rows("SELECT order_id FROM orders WHERE 1 = 1 AND order_id = 2")).containsExactly(List.of(2L));

        update("UPDATE orders SET note = 'x', total = total + 1 WHERE order_id = 3");
        assertThat(lastEvent().statement().sql()).isEqualTo("UPDATE orders SET note = ?, total = total + ? WHERE order_id = ?");
        assertThat(rows("SELECT note, total FROM orders WHERE order_id = 3"))
                .containsExactly(List.of("x", new BigDecimal("4.00")));
        update("DELETE FROM orders WHERE order_id = 4");
        assertThat(rows("SELECT COUNT(*) FROM orders")).containsExactly(List.of(3L));
    }

    @Test
    void siblingStatementsShareTheirParse() {
        update("INSERT INTO orders (order_id, user_id) VALUES (1, 10), (2, 20)");
        // warm up: the first of a kind is parsed, then each new text costs a lex and a cache lookup
        for (int id = 0; id < 200; id++) {
            rows("SELECT user_id FROM orders WHERE order_id = " + (id % 2 + 1) + " AND user_id > " + (-id));
        }
        int distinct = 2_000;
        long start = System.nanoTime();
        for (int id = 0; id < distinct; id++) {
            assertThat(rows("SELECT user_id FROM orders WHERE order_id = " + (id % 2 + 1) + " AND user_id > " + (-1000 - id)))
                    .hasSize(1);
        }
        double micros = (System.nanoTime() - start) / 1e3 / distinct;
        System.out.printf("%d distinct text point selects: %.1f µs each (through the engine on H2)%n", distinct, micros);
        assertThat(events.stream().skip(events.size() - distinct).map(e -> e.statement().sql()).distinct())
                .containsExactly("SELECT user_id FROM orders WHERE order_id = ? AND user_id > -?");
        assertThat(events.stream().skip(events.size() - distinct).map(StatementEvent::statement).distinct())
                .as("one analysis object: the parse cache answered every sibling").hasSize(1);
    }

    @Test
    void literalsThatNameOrPlaceAreKept() {
        update("INSERT INTO orders (order_id, user_id, total) VALUES (1, 10, 5), (2, 20, 7), (3, 30, 6)");
        assertThat(rows("SELECT order_id, 'k' AS kind, 3 FROM orders WHERE user_id >= 20 ORDER BY 1 DESC LIMIT 1"))
                .containsExactly(List.of(3L, "k", 3));
        assertThat(lastEvent().statement().sql())
                .isEqualTo("SELECT order_id, 'k' AS kind, 3 FROM orders WHERE user_id >= ? ORDER BY 1 DESC LIMIT 1");
        assertThat(rows("SELECT order_id FROM orders WHERE total > 1e0 * 6 ORDER BY 1")).containsExactly(List.of(2L));
    }

    private void update(String sql) {
        assertThat(session.execute(sql, List.of())).isInstanceOf(UpdateResult.class);
    }

    private List<List<Object>> rows(String sql) {
        return EngineSessionTest.rows(session.execute(sql, List.of()));
    }

    private StatementEvent lastEvent() {
        return events.get(events.size() - 1);
    }
}
