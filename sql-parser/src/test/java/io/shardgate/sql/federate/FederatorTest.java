package io.shardgate.sql.federate;

import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.sql.FederationText;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The planner half of federation over in-memory "shards" whose scans record what was pushed down
 * (the scan here applies no WHERE: the queries below push none, or check only the pushed text).
 */
class FederatorTest {

    private static final FederatedTable USERS = new FederatedTable("users", List.of(
            new FederatedTable.Column("user_id", Types.INTEGER, "INT", 10, 0, false),
            new FederatedTable.Column("name", Types.VARCHAR, "VARCHAR", 40, 0, true),
            new FederatedTable.Column("tier", Types.INTEGER, "INT", 10, 0, true)));
    private static final FederatedTable LEDGER = new FederatedTable("ledger", List.of(
            new FederatedTable.Column("entry_id", Types.INTEGER, "INT", 10, 0, false),
            new FederatedTable.Column("user_id", Types.INTEGER, "INT", 10, 0, true),
            new FederatedTable.Column("delta", Types.DECIMAL, "DECIMAL", 12, 2, false)));

    private final Map<String, List<Object[]>> data = Map.of(
            "users", List.of(new Object[] {1, "alice", 1}, new Object[] {2, "Bob", null}, new Object[] {3, "ALICE", 2}),
            "ledger", List.of(new Object[] {10, 1, new BigDecimal("5.50")}, new Object[] {11, 1, new BigDecimal("1.00")},
                    new Object[] {12, 3, new BigDecimal("-2.25")}, new Object[] {13, null, new BigDecimal("9.99")}));
    private final List<String> scans = new ArrayList<>();

    private final ShardScans shards = (table, columns, where) -> {
        scans.add(table + " " + columns + (where == null ? "" : " WHERE " + where));
        List<Object[]> rows = data.get(table);
        List<String> all = (table.equals("users") ? USERS : LEDGER).columns().stream()
                .map(FederatedTable.Column::name).toList();
        return new ShardScans.Rows() {
            int i = -1;

            @Override
            public boolean next() {
                return ++i < rows.size();
            }

            @Override
            public Object value(int index) {
                return rows.get(i)[all.indexOf(columns.get(index))];
            }

            @Override
            public void close() {
            }
        };
    };

    private List<List<Object>> run(String sql, long limit) {
        FederatedRows rows = new Federator().execute("shop", FederationText.of(sql, List.of()), null,
                List.of(USERS, LEDGER), shards, new RowBudget(limit, "policies.federation-max-rows"));
        List<List<Object>> out = new ArrayList<>();
        try (rows) {
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < rows.columns().size(); i++) {
                    row.add(rows.value(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void joinsGroupsAndSortsWithMySqlSemantics() {
        List<List<Object>> rows = run("SELECT u.name, SUM(l.delta) AS total, AVG(l.delta) FROM users u "
                + "JOIN ledger l ON l.user_id = u.user_id GROUP BY u.name", 100);
        // 'alice' and 'ALICE' are one group under a case-insensitive collation; AVG has 4 more decimals
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get(1)).isEqualTo(new BigDecimal("4.25"));
        assertThat(rows.get(0).get(2)).isEqualTo(new BigDecimal("1.416667"));
        assertThat(run("SELECT name FROM users ORDER BY name, user_id", 100))
                .containsExactly(List.of("alice"), List.of("ALICE"), List.of("Bob"));
    }

    @Test
    void leftJoinKeepsUnmatchedRowsAndNullsSortFirst() {
        List<List<Object>> rows = run("SELECT u.user_id FROM users u LEFT JOIN ledger l "
                + "ON l.user_id = u.user_id ORDER BY u.tier, l.entry_id", 100);
        assertThat(rows).containsExactly(List.of(2), List.of(1), List.of(1), List.of(3));
    }

    @Test
    void antiJoinWithNotInSeesNulls() {
        assertThat(run("SELECT user_id FROM users WHERE user_id NOT IN (SELECT user_id FROM ledger)", 100)).isEmpty();
        assertThat(run("SELECT user_id FROM users u WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.user_id = u.user_id)",
                100)).containsExactly(List.of(2));
    }

    @Test
    void pushesConditionsAndColumnsToEachTable() {
        run("SELECT u.name FROM users u JOIN ledger l ON l.user_id = u.user_id WHERE u.tier IN (1, 2) AND l.delta > 0",
                100);
        assertThat(scans).anyMatch(s -> s.startsWith("users [user_id, name, tier]") || s.startsWith("users [user_id, name]"))
                .anyMatch(s -> s.startsWith("ledger [user_id") && s.contains("`delta` > 0"));
    }

    @Test
    void divisionOfExactNumbersGivesFourMoreDecimalsAsInMySql() {
        assertThat(run("SELECT u.user_id / 2, l.delta / 3, l.delta / 0 FROM users u JOIN ledger l "
                + "ON l.user_id = u.user_id ORDER BY l.entry_id LIMIT 1", 100))
                .containsExactly(java.util.Arrays.asList(new BigDecimal("0.5000"), new BigDecimal("1.833333"), null));
    }

    @Test
    void starColumnsKeepMySqlsRepeatedLabels() {
        try (FederatedRows rows = new Federator().execute("shop", FederationText.of(
                "SELECT * FROM users u JOIN ledger l ON l.user_id = u.user_id", List.of()), null,
                List.of(USERS, LEDGER), shards, new RowBudget(100, "-"))) {
            assertThat(rows.columns()).extracting(FederatedRows.Column::label)
                    .containsExactly("user_id", "name", "tier", "entry_id", "user_id", "delta");
        }
    }

    @Test
    void rowBudgetFailsClearly() {
        assertThatThrownBy(() -> run("SELECT * FROM users u JOIN ledger l ON l.user_id = u.user_id", 3))
                .isInstanceOf(ShardgateException.class)
                .satisfies(e -> assertThat(((ShardgateException) e).code()).isEqualTo(ErrorCode.FEDERATION_LIMIT))
                .hasMessageContaining("policies.federation-max-rows");
    }
}
