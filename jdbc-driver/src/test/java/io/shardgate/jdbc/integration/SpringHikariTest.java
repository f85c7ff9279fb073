package io.shardgate.jdbc.integration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shardgate.testing.MariaDbCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The driver as applications use it: a HikariCP pool over a {@code jdbc:shardgate:file:} URL, with
 * Spring's JdbcTemplate and transaction manager on top, against the shared MariaDB cluster.
 * (JPA/Hibernate: {@link JpaRoundTripTest}.)
 */
class SpringHikariTest {

    private static final String DATABASE = "sg_spring";
    private static Path rules;
    private static HikariDataSource pool;

    @BeforeAll
    static void start() {
        MariaDbCluster cluster = MariaDbCluster.shared(2, 2);
        ClusterRules.freshDatabase(cluster, DATABASE);
        rules = ClusterRules.file(cluster, DATABASE, "best-effort");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:shardgate:file:" + rules);
        config.setPoolName("application-pool");
        config.setMaximumPoolSize(4);
        pool = new HikariDataSource(config);
    }

    @AfterAll
    static void stop() throws Exception {
        if (pool != null) {
            pool.close();
        }
        Files.deleteIfExists(rules);
    }

    record Account(int userId, String name, BigDecimal balance) {
    }

    @Test
    void jdbcTemplateAndTransactionTemplateWorkOverHikariAndShardgate() {
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        jdbc.execute("CREATE TABLE accounts (user_id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, "
                + "balance DECIMAL(10,2) NOT NULL)");
        int[] inserted = jdbc.batchUpdate("INSERT INTO accounts (user_id, name, balance) VALUES (?, ?, ?)", List.of(
                new Object[] {1, "ann", new BigDecimal("100.00")}, new Object[] {2, "bo", new BigDecimal("50.00")},
                new Object[] {3, "cy", new BigDecimal("75.50")}, new Object[] {5, "di", new BigDecimal("10.00")}));
        assertThat(inserted).containsExactly(1, 1, 1, 1);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM accounts", Long.class)).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT name FROM accounts WHERE user_id = ?", String.class, 3)).isEqualTo("cy");
        assertThat(jdbc.query("SELECT user_id, name, balance FROM accounts WHERE balance >= ? ORDER BY balance DESC",
                (rs, i) -> new Account(rs.getInt(1), rs.getString(2), rs.getBigDecimal(3)), new BigDecimal("50.00")))
                .containsExactly(new Account(1, "ann", new BigDecimal("100.00")),
                        new Account(3, "cy", new BigDecimal("75.50")), new Account(2, "bo", new BigDecimal("50.00")));
        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
        assertThat(named.queryForObject("SELECT SUM(balance) FROM accounts WHERE user_id IN (:ids)",
                Map.of("ids", List.of(1, 2, 5)), BigDecimal.class)).isEqualByComparingTo("160.00");

        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
        // a transfer inside group g0 (keys 1 and 5) and one across groups (1 → 2) both commit
        transactions.executeWithoutResult(status -> {
            assertThat(jdbc.update("UPDATE accounts SET balance = balance - ? WHERE user_id = ?", 30, 1)).isEqualTo(1);
            assertThat(jdbc.update("UPDATE accounts SET balance = balance + ? WHERE user_id = ?", 30, 5)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT balance FROM accounts WHERE user_id = ?", BigDecimal.class, 1))
                    .as("the transaction reads its own write").isEqualByComparingTo("70.00");
        });
        transactions.executeWithoutResult(status -> {
            jdbc.update("UPDATE accounts SET balance = balance - ? WHERE user_id = ?", 20, 1);
            jdbc.update("UPDATE accounts SET balance = balance + ? WHERE user_id = ?", 20, 2);
        });
        assertThat(balances(jdbc)).containsExactly(new BigDecimal("50.00"), new BigDecimal("70.00"),
                new BigDecimal("75.50"), new BigDecimal("40.00"));

        // a failure inside the callback rolls back what it did on both groups
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            jdbc.update("UPDATE accounts SET balance = 0 WHERE user_id = ?", 1);
            jdbc.update("UPDATE accounts SET balance = 0 WHERE user_id = ?", 2);
            throw new IllegalStateException("payment provider said no");
        })).hasMessage("payment provider said no");
        assertThat(balances(jdbc)).as("unchanged after the rollback").containsExactly(new BigDecimal("50.00"),
                new BigDecimal("70.00"), new BigDecimal("75.50"), new BigDecimal("40.00"));

        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("every connection back in the pool").isZero();
    }

    private static List<BigDecimal> balances(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT balance FROM accounts ORDER BY user_id", BigDecimal.class);
    }
}
