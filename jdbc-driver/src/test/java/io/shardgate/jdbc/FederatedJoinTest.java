package io.shardgate.jdbc;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cross-shard joins through the JDBC driver: federated (joined in Shardgate, flagged, bounded by
 * policies.federation-max-rows, shown by EXPLAIN ROUTE) or rejected by policy with a message that
 * names the tables, their shard keys and the fixes. customers (by id) and payments (by
 * payment_id) have their own placements, so every join of them is cross-shard.
 */
class FederatedJoinTest {

    private static final String FEDERATE = "jdbc:shardgate:classpath:federated-federate-rules.yaml";
    private static final String REJECT = "jdbc:shardgate:classpath:federated-reject-rules.yaml";

    @BeforeAll
    static void load() throws SQLException {
        for (String url : List.of(FEDERATE, REJECT)) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS customers");
                s.execute("DROP TABLE IF EXISTS payments");
                s.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(20), tier INT)");
                s.execute("CREATE TABLE payments (payment_id INT PRIMARY KEY, customer_id INT, amount DECIMAL(8,2))");
                StringBuilder customers = new StringBuilder("INSERT INTO customers (id, name, tier) VALUES ");
                for (int id = 1; id <= 30; id++) {
                    customers.append(id == 1 ? "" : ", ").append("(").append(id).append(", '")
                            .append(id % 2 == 0 ? "Ann" : "ann").append(id % 3).append("', ")
                            .append(id % 5 == 0 ? "NULL" : Integer.toString(id % 3)).append(")");
                }
                s.executeUpdate(customers.toString());
                StringBuilder payments = new StringBuilder("INSERT INTO payments (payment_id, customer_id, amount) VALUES ");
                for (int id = 1; id <= 60; id++) {
                    payments.append(id == 1 ? "" : ", ").append("(").append(id).append(", ").append(1 + id % 25)
                            .append(", ").append(id).append(".25)");
                }
                s.executeUpdate(payments.toString());
            }
        }
    }

    @Test
    void federatedJoinGivesTheOneDatabaseAnswerAndIsFlagged() throws SQLException {
        try (Connection c = DriverManager.getConnection(FEDERATE); Statement s = c.createStatement()) {
            // 'ann1'/'Ann1' are one group under MySQL's case-insensitive collation; customers 26..30 pay nothing
            List<List<Object>> rows = rows(s, "SELECT LOWER(c.name) AS n, COUNT(*), SUM(p.amount) FROM customers c "
                    + "JOIN payments p ON p.customer_id = c.id WHERE c.id <= 25 AND p.payment_id <= 20 GROUP BY c.name "
                    + "ORDER BY c.name");
            assertThat(rows).extracting(r -> r.get(0)).containsExactly("ann0", "ann1", "ann2");
            assertThat(rows.stream().mapToLong(r -> ((Number) r.get(1)).longValue()).sum()).isEqualTo(20);
            assertThat(rows.stream().map(r -> (BigDecimal) r.get(2)).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo("215.00"); // 1.25 + … + 20.25, 45 rows read
            List<String> warnings = new ArrayList<>();
            for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                warnings.add(w.getErrorCode() + " " + w.getMessage());
            }
            assertThat(warnings).anyMatch(w -> w.startsWith("8003 ") && w.contains("customers")
                    && w.contains("payments") && w.contains("cross-shard-join=federate"));

            List<List<Object>> unmatched = rows(s, "SELECT c.id FROM customers c WHERE c.id > 20 AND NOT EXISTS "
                    + "(SELECT 1 FROM payments p WHERE p.customer_id = c.id AND p.payment_id > 20) ORDER BY c.id");
            assertThat(unmatched).extracting(r -> ((Number) r.get(0)).intValue()).containsExactly(26, 27, 28, 29, 30);
        }
    }

    @Test
    void pastTheRowLimitTheJoinFailsWithAnErrorThatNamesTheSetting() throws SQLException {
        try (Connection c = DriverManager.getConnection(FEDERATE); Statement s = c.createStatement()) {
            // 30 + 60 rows to read, 50 allowed
            assertThatThrownBy(() -> rows(s, "SELECT COUNT(*) FROM customers c JOIN payments p ON p.customer_id = c.id"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(1038);
                        assertThat(e.getSQLState()).isEqualTo("HY001");
                        assertThat(e.getMessage()).contains("more than 50 rows")
                                .contains("policies.federation-max-rows");
                    });
            // conditions are pushed to the shards: only 9 + 19 rows travel, within the limit
            assertThat(rows(s, "SELECT COUNT(*) FROM customers c JOIN payments p ON p.customer_id = c.id "
                    + "WHERE c.id < 10 AND p.payment_id < 20")).extracting(r -> ((Number) r.get(0)).intValue())
                    .containsExactly(8);
        }
    }

    @Test
    void federatedJoinInsideATransactionSeesItsOwnWrites() throws SQLException {
        try (Connection c = DriverManager.getConnection(FEDERATE); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO payments (payment_id, customer_id, amount) VALUES (1000, 30, 7.00)");
            assertThat(rows(s, "SELECT c.id, p.amount FROM customers c JOIN payments p ON p.customer_id = c.id "
                    + "WHERE c.id > 25 AND p.payment_id > 40")).containsExactly(List.of(30, new BigDecimal("7.00")));
            c.rollback();
            assertThat(rows(s, "SELECT c.id FROM customers c JOIN payments p ON p.customer_id = c.id "
                    + "WHERE c.id > 25 AND p.payment_id > 40")).isEmpty();
            assertThatThrownBy(() -> rows(s, "SELECT c.id FROM customers c JOIN payments p ON p.customer_id = c.id "
                    + "WHERE c.id > 25 FOR UPDATE"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage())
                            .contains("locking read").contains("cross-shard join"));
        }
    }

    @Test
    void explainRouteShowsTheFederatedPlan() throws SQLException {
        try (Connection c = DriverManager.getConnection(FEDERATE); Statement s = c.createStatement()) {
            List<List<Object>> plan = rows(s, "EXPLAIN ROUTE SELECT c.name, p.amount FROM customers c "
                    + "JOIN payments p ON p.customer_id = c.id WHERE c.tier = 1");
            assertThat(plan).anyMatch(r -> r.get(0).equals("flag") && r.get(1).toString().contains("CROSS_SHARD_JOIN"));
            List<String> federate = plan.stream().filter(r -> r.get(0).equals("federate"))
                    .map(r -> r.get(1).toString()).toList();
            assertThat(federate).anyMatch(l -> l.contains("Join"))
                    .anyMatch(l -> l.contains("customers") && l.contains("filters"))
                    .anyMatch(l -> l.contains("payments"));
        }
    }

    @Test
    void rejectPolicyNamesTablesShardKeysAndFixes() throws SQLException {
        try (Connection c = DriverManager.getConnection(REJECT); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> rows(s, "SELECT c.name, p.amount FROM customers c JOIN payments p "
                    + "ON p.customer_id = c.id"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(1105);
                        // same algorithm and nodes, so co-located, but not joined on their shard keys
                        assertThat(e.getMessage()).contains("customers").contains("payments")
                                .contains("customers.id = payments.payment_id")
                                .contains("cross-shard-join=reject").contains("co-located-with")
                                .contains("broadcast").contains("cross-shard-join: federate");
                    });
            // a join that stays on one shard is not a cross-shard join and runs
            assertThat(rows(s, "SELECT c.id, p.payment_id FROM customers c JOIN payments p ON p.customer_id = c.id "
                    + "WHERE c.id = 4 AND p.payment_id = 28")).containsExactly(List.of(4, 28));
        }
    }

    private static List<List<Object>> rows(Statement s, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
