package io.shardgate.jdbc;

import io.shardgate.engine.Engine;
import io.shardgate.engine.EngineOptions;
import io.shardgate.engine.keygen.WorkerId;
import io.shardgate.engine.testing.H2Groups;
import io.shardgate.engine.testing.Scripted;
import io.shardgate.rules.config.DataNode;
import io.shardgate.rules.config.Policies;
import io.shardgate.rules.config.TableRule;
import io.shardgate.rules.route.MergeSpec;
import io.shardgate.rules.route.RouteFlag;
import io.shardgate.sql.SelectStatement;
import io.shardgate.sql.StatementKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.shardgate.engine.testing.Scripted.insert;
import static io.shardgate.engine.testing.Scripted.leaderUnit;
import static io.shardgate.engine.testing.Scripted.plan;
import static io.shardgate.engine.testing.Scripted.select;
import static io.shardgate.engine.testing.Scripted.table;
import static io.shardgate.engine.testing.Scripted.tx;
import static io.shardgate.engine.testing.Scripted.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Statements, prepared statements, result sets, transactions and errors through the JDBC API. */
class JdbcStatementTest {

    private final H2Groups h2 = new H2Groups(2);
    private final Scripted script = new Scripted();
    private Engine engine;
    private ShardgateDataSource dataSource;

    @BeforeEach
    void setUp() {
        Map<String, TableRule> tables = new LinkedHashMap<>();
        tables.put("orders", new TableRule.Sharded("orders", "user_id", new TableRule.AlgorithmSpec("mod", Map.of()),
                List.of(new DataNode("g0", "orders_0"), new DataNode("g1", "orders_1")), null, null));
        for (int g = 0; g < 2; g++) {
            h2.exec(g, "CREATE TABLE orders_" + g + " (order_id BIGINT PRIMARY KEY, user_id INT NOT NULL, "
                    + "total DECIMAL(10,2), placed TIMESTAMP, shipped DATE, note VARCHAR(20))");
        }
        h2.exec(0, "INSERT INTO orders_0 VALUES (1, 2, 10.50, TIMESTAMP '2024-05-01 10:00:00', DATE '2024-05-03', NULL)");
        h2.exec(1, "INSERT INTO orders_1 VALUES (2, 1, 20.00, TIMESTAMP '2024-05-02 11:30:00', NULL, 'gift')");
        engine = new Engine(List.of(h2.rules("shop", tables, Policies.DEFAULT)), new EngineOptions(4, 1000, 16),
                script.analyzer(), rules -> script.router(), new WorkerId(p -> "3", e -> null, "t/1"));
        dataSource = new ShardgateDataSource(engine, "shop");

        SelectStatement all = select("SELECT * FROM orders ORDER BY user_id", table("orders"));
        script.on(all, plan(all, new MergeSpec(0, List.of(), List.of(), List.of(new MergeSpec.SortKey(1, false)),
                        false, 0, -1, false), List.of(new RouteFlag(RouteFlag.Kind.SCATTER_READ, "scatter read: orders")),
                List.of(), unit("g0", "SELECT * FROM orders_0 ORDER BY user_id"),
                unit("g1", "SELECT * FROM orders_1 ORDER BY user_id")));
        SelectStatement byUser = select("SELECT order_id, note FROM orders WHERE user_id = ?", table("orders"));
        script.on(byUser, context -> plan(byUser, MergeSpec.NONE,
                unit("g1", "SELECT order_id, note FROM orders_1 WHERE user_id = ?", 0)));
        var ins = insert("INSERT INTO orders (order_id, user_id) VALUES (?, ?)", "orders", List.of("order_id", "user_id"));
        script.on(ins, plan(ins, MergeSpec.NONE, List.of(), List.of(),
                leaderUnit("g0", "INSERT INTO orders_0 (order_id, user_id) VALUES (?, ?)", 0, 1)));
        var generated = insert("INSERT INTO orders (user_id) VALUES (8)", "orders", List.of("user_id"));
        script.on(generated, plan(generated, MergeSpec.NONE, List.of(), List.of(555L),
                leaderUnit("g0", "INSERT INTO orders_0 (user_id, order_id) VALUES (8, 555)")));
        script.on(tx("SAVEPOINT `a`", StatementKind.SAVEPOINT, "a", false));
    }

    @AfterEach
    void tearDown() {
        dataSource.close();
        engine.close();
        h2.close();
    }

    @Test
    void resultSetGettersConvertLikeConnectorJ() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM orders ORDER BY user_id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("ORDER_ID")).isEqualTo(2L);
            assertThat(rs.getInt(2)).isEqualTo(1);
            assertThat(rs.getString("total")).isEqualTo("20.00");
            assertThat(rs.getBigDecimal("total")).isEqualByComparingTo("20");
            assertThat(rs.getDouble("total")).isEqualTo(20.0);
            assertThat(rs.getTimestamp("placed")).isEqualTo(Timestamp.valueOf("2024-05-02 11:30:00"));
            assertThat(rs.getString("placed")).isEqualTo("2024-05-02 11:30:00");
            assertThat(rs.getObject("placed", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 5, 2, 11, 30));
            assertThat(rs.getDate("shipped")).isNull();
            assertThat(rs.wasNull()).isTrue();
            assertThat(rs.getInt("shipped")).isZero();
            assertThat(rs.getString("note")).isEqualTo("gift");
            assertThat(rs.wasNull()).isFalse();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject("shipped", LocalDate.class)).isEqualTo(LocalDate.of(2024, 5, 3));
            assertThat(rs.getBoolean("user_id")).isTrue();
            assertThat(rs.getRow()).isEqualTo(2);
            assertThat(rs.next()).isFalse();
            assertThatThrownBy(() -> rs.getString(1)).hasMessageContaining("past its last row");
        }
        assertThat(activeConnections()).as("a drained result gives its backends back").isZero();
    }

    @Test
    void metadataIsLogicalAndFlaggedStatementsCarryWarnings() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT * FROM orders ORDER BY user_id");
            ResultSetMetaData meta = rs.getMetaData();
            assertThat(meta.getColumnCount()).isEqualTo(6);
            assertThat(meta.getTableName(1)).isEqualTo("orders");
            assertThat(meta.getCatalogName(1)).isEqualTo("shop");
            assertThat(meta.isNullable(2)).isEqualTo(ResultSetMetaData.columnNoNulls);
            assertThat(meta.getColumnClassName(3)).isEqualTo(BigDecimal.class.getName());
            SQLWarning warning = s.getWarnings();
            assertThat((Object) warning).isNotNull();
            assertThat(warning.getErrorCode()).isEqualTo(8001);
            assertThat(warning.getMessage()).contains("scatter read");
            // the result set has its own chain (a streamed result appends its backends' warnings to each)
            assertThat(rs.getWarnings().getErrorCode()).isEqualTo(8001);
            assertThat(rs.getWarnings().getMessage()).isEqualTo(warning.getMessage());
            assertThat((Object) c.getWarnings()).isNotNull();
            rs.close();
            assertThat(activeConnections()).as("closing early gives the backends back").isZero();
        }
    }

    @Test
    void preparedStatementsBindParametersPerExecutionAndBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT order_id, note FROM orders WHERE user_id = ?")) {
                assertThatThrownBy(ps::executeQuery).hasMessageContaining("No value specified for parameter 1");
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(2)).isEqualTo("gift");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (order_id, user_id) VALUES (?, ?)")) {
                for (int i = 10; i < 13; i++) {
                    ps.setLong(1, i);
                    ps.setInt(2, 2 * i);
                    ps.addBatch();
                }
                assertThat(ps.executeBatch()).containsExactly(1, 1, 1);
                ps.setLong(1, 1); // duplicate key
                ps.setInt(2, 4);
                assertThatThrownBy(ps::executeUpdate).isInstanceOfSatisfying(
                        SQLIntegrityConstraintViolationException.class, e -> {
                            // H2's 23505 told as MySQL tells a duplicate key, as an application written for MySQL expects
                            assertThat(e.getSQLState()).isEqualTo("23000");
                            assertThat(e.getErrorCode()).isEqualTo(1062);
                            assertThat(e.getMessage()).doesNotContain("; SQL statement:");
                        });
            }
        }
        assertThat(h2.query(0, "SELECT COUNT(*) FROM orders_0")).isEqualTo(4L);
    }

    @Test
    void generatedKeysAndLastInsertIdComeFromTheRoutePlan() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO orders (user_id) VALUES (8)", Statement.RETURN_GENERATED_KEYS))
                    .isEqualTo(1);
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getLong(1)).isEqualTo(555L);
                assertThat(keys.getMetaData().getColumnLabel(1)).isEqualTo("GENERATED_KEY");
            }
            assertThat(c.unwrap(ShardgateConnection.class).session().lastInsertId()).isEqualTo(555L);
        }
    }

    @Test
    void jdbcTransactionsCommitRollBackAndUseSavepoints() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO orders (order_id, user_id) VALUES (?, ?)")) {
            c.setAutoCommit(false);
            ps.setLong(1, 20);
            ps.setInt(2, 20);
            ps.executeUpdate();
            assertThat(h2.query(0, "SELECT COUNT(*) FROM orders_0 WHERE order_id = 20")).isEqualTo(0L);
            c.rollback();
            assertThat(h2.query(0, "SELECT COUNT(*) FROM orders_0 WHERE order_id = 20")).isEqualTo(0L);

            ps.executeUpdate();
            Savepoint a = c.setSavepoint("a");
            ps.setLong(1, 21);
            ps.executeUpdate();
            c.rollback(a);
            c.commit();
            assertThat(h2.query(0, "SELECT GROUP_CONCAT(order_id) FROM orders_0 WHERE order_id >= 20")).isEqualTo("20");
            c.setAutoCommit(true);
            assertThatThrownBy(c::setSavepoint).hasMessageContaining("setAutoCommit(false)");
        }
    }

    @Test
    void engineErrorsBecomeTheSqlExceptionOfTheirSqlState() throws SQLException {
        SelectStatement having = select("SELECT user_id FROM orders GROUP BY user_id HAVING COUNT(*) > 1",
                table("orders"));
        script.on(having, plan(having, new MergeSpec(0, List.of(new MergeSpec.SortKey(0, false)), List.of(), List.of(),
                false, 0, -1, true), unit("g0", "x"), unit("g1", "x")));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery(having.sql())).isInstanceOfSatisfying(SQLSyntaxErrorException.class,
                    e -> {
                        assertThat(e.getErrorCode()).isEqualTo(1235);
                        assertThat(e.getSQLState()).isEqualTo("42000");
                        assertThat(e.getMessage()).contains("HAVING across shards");
                    });
            assertThatThrownBy(() -> s.executeUpdate("SELECT * FROM orders ORDER BY user_id"))
                    .hasMessageContaining("use executeQuery()");
            assertThat(activeConnections()).isZero();
        }
    }

    @Test
    void maxRowsCutsTheResultAndClosingTheConnectionEndsEverything() throws SQLException {
        Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        s.setMaxRows(1);
        ResultSet rs = s.executeQuery("SELECT * FROM orders ORDER BY user_id");
        List<Long> ids = new ArrayList<>();
        while (rs.next()) {
            ids.add(rs.getLong(1));
        }
        assertThat(ids).containsExactly(2L);
        ResultSet open = c.createStatement().executeQuery("SELECT * FROM orders ORDER BY user_id");
        assertThat(activeConnections()).isEqualTo(2);
        c.close();
        assertThat(open.isClosed()).isTrue();
        assertThat(activeConnections()).as("closing the connection closes its statements' results").isZero();
        assertThatThrownBy(c::createStatement).isInstanceOf(java.sql.SQLNonTransientConnectionException.class);
    }

    private int activeConnections() {
        var backends = engine.database("shop").backends();
        return backends.activeConnections(backends.leader("g0")) + backends.activeConnections(backends.leader("g1"));
    }
}
