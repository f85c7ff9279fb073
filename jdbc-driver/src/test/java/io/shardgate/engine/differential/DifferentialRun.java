package io.shardgate.engine.differential;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * One differential run: the schema and data loaded into the sharded layout (through a
 * {@code jdbc:shardgate:} connection) and into the plain reference database, then every case run
 * on both and compared, in file order (writes change both sides the same way, and the entries after
 * them read the result back). Refused statements must fail on the sharded side with the error the
 * file names. Ends with a summary line on standard output.
 */
final class DifferentialRun {

    static final String QUERIES = "differential/queries.sql";
    static final String REFUSED = "differential/refused.sql";
    /** Cross-shard joins, computed by federation: each must also carry the CROSS_SHARD_JOIN warning (8003). */
    static final String FEDERATED = "differential/federated.sql";
    private static final int CROSS_SHARD_JOIN_WARNING = 8003;

    private final String backend;
    private final boolean h2;
    private final Connection sharded;
    private final Connection reference;
    private final ResultComparison comparison;
    private int compared;
    private int equal;
    private int notRun;
    private int refusals;
    private int federated;

    /**
     * @param h2 whether the backends are H2: cases marked not-h2 are skipped (visibly) and decimals
     *           compare by value only, since H2 gives some results another scale than MySQL
     */
    DifferentialRun(String backend, boolean h2, Connection sharded, Connection reference) {
        this.backend = backend;
        this.h2 = h2;
        this.sharded = sharded;
        this.reference = reference;
        this.comparison = new ResultComparison(!h2);
    }

    /** Creates the schema (DDL through Shardgate reaches every physical table) and loads the same rows on both sides. */
    void load() throws SQLException {
        for (String ddl : statements(resource("differential/schema.sql"))) {
            execute(sharded, ddl);
            execute(reference, ddl);
        }
        for (String insert : DifferentialData.inserts()) {
            long viaShardgate = execute(sharded, insert);
            long direct = execute(reference, insert);
            assertThat(viaShardgate).as("rows inserted through Shardgate by %s", abbreviate(insert)).isEqualTo(direct);
        }
    }

    /**
     * Checks that the load really is sharded: every physical table in every group (one connection
     * per group, to its own database) holds some of the rows, and each group has the whole
     * broadcast table. Otherwise equal answers would prove little.
     */
    static void assertSpread(List<Connection> groups) throws SQLException {
        for (int g = 0; g < groups.size(); g++) {
            for (String table : List.of("users", "orders", "order_items", "ledger")) {
                for (int t = 0; t < 2; t++) {
                    assertThat(count(groups.get(g), table + "_" + t)).as("rows in g%d.%s_%d", g, table, t).isPositive();
                }
            }
            assertThat(count(groups.get(g), "countries")).as("g%d's copy of countries", g).isEqualTo(8);
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One dynamic test per case, then the refusals, then the summary. */
    List<DynamicTest> tests() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DifferentialCase c : DifferentialCases.load(QUERIES)) {
            tests.add(DynamicTest.dynamicTest(c.where() + " " + abbreviate(c.sql()), () -> compare(c)));
        }
        for (DifferentialCase c : DifferentialCases.load(FEDERATED)) {
            tests.add(DynamicTest.dynamicTest("federated " + c.where() + " " + abbreviate(c.sql()), () -> {
                compare(c);
                if (!(h2 && c.notOnH2() != null)) {
                    assertFederated(c);
                }
            }));
        }
        for (DifferentialCase c : DifferentialCases.load(REFUSED)) {
            tests.add(DynamicTest.dynamicTest("refused " + c.where() + " " + abbreviate(c.sql()), () -> refuse(c)));
        }
        tests.add(DynamicTest.dynamicTest("summary", this::summary));
        return tests;
    }

    private void compare(DifferentialCase c) throws SQLException {
        compared++;
        if (h2 && c.notOnH2() != null) {
            notRun++;
            Assumptions.abort("not run on H2: " + c.notOnH2());
        }
        ResultTable expected;
        try {
            expected = run(reference, c);
        } catch (SQLException e) {
            throw new AssertionError("the reference database refused " + c + ": " + e.getMessage()
                    + " — the case itself is wrong", e);
        }
        ResultTable actual;
        try {
            actual = run(sharded, c);
        } catch (SQLException e) {
            fail("Shardgate failed where one database answers (" + backend + "): " + c + "\n    error "
                    + e.getErrorCode() + " " + e.getMessage() + "\n    expected " + describe(expected));
            return;
        }
        String difference = comparison.difference(c, expected, actual);
        if (difference != null) {
            fail("Shardgate's answer differs from one database (" + backend + "): " + c + "\n    " + difference);
        }
        equal++;
    }

    /** The statement really was a cross-shard join: Shardgate warned about it (and so federated it). */
    private void assertFederated(DifferentialCase c) throws SQLException {
        List<Integer> codes = new ArrayList<>();
        if (c.parameters().isEmpty()) {
            try (Statement statement = sharded.createStatement()) {
                statement.execute(c.sql());
                collect(statement.getWarnings(), codes);
            }
        } else {
            try (PreparedStatement statement = sharded.prepareStatement(c.sql())) {
                for (int i = 0; i < c.parameters().size(); i++) {
                    statement.setObject(i + 1, c.parameters().get(i));
                }
                statement.execute();
                collect(statement.getWarnings(), codes);
            }
        }
        assertThat(codes).as("warnings of %s (a federated case must be a cross-shard join)", c)
                .contains(CROSS_SHARD_JOIN_WARNING);
        federated++;
    }

    private static void collect(java.sql.SQLWarning warning, List<Integer> codes) {
        for (java.sql.SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            codes.add(w.getErrorCode());
        }
    }

    private void refuse(DifferentialCase c) {
        refusals++;
        try {
            ResultTable result = run(sharded, c);
            fail("Shardgate answered a statement it must refuse: " + c + "\n    got " + describe(result));
        } catch (SQLException e) {
            assertThat(e.getErrorCode()).as("error number of %s (message: %s)", c, e.getMessage())
                    .isEqualTo(c.expectedError());
            if (c.expectedText() != null) {
                assertThat(e.getMessage()).as("error message of %s", c).containsIgnoringCase(c.expectedText());
            }
        }
    }

    private void summary() {
        int joins = DifferentialCases.load(FEDERATED).size();
        int total = DifferentialCases.load(QUERIES).size() + joins;
        String line = "differential: " + total + " queries (" + joins + " federated cross-shard joins, " + federated
                + " of them checked flagged), " + equal + " equal (" + backend + ")"
                + (notRun > 0 ? ", " + notRun + " not run on H2 (documented H2 differences)" : "")
                + ", " + refusals + " refusals checked";
        System.out.println(line);
        assertThat(compared).as("every case ran").isEqualTo(total);
        assertThat(equal).as(line).isEqualTo(compared - notRun);
    }

    private static ResultTable run(Connection connection, DifferentialCase c) throws SQLException {
        if (c.parameters().isEmpty()) {
            try (Statement statement = connection.createStatement()) {
                return statement.execute(c.sql()) ? ResultTable.read(statement.getResultSet())
                        : ResultTable.count(statement.getUpdateCount());
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(c.sql())) {
            for (int i = 0; i < c.parameters().size(); i++) {
                statement.setObject(i + 1, c.parameters().get(i));
            }
            return statement.execute() ? ResultTable.read(statement.getResultSet())
                    : ResultTable.count(statement.getUpdateCount());
        }
    }

    private static long execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            return statement.getUpdateCount();
        }
    }

    private static String describe(ResultTable result) {
        if (result.isCount()) {
            return result.updateCount() + " affected rows";
        }
        List<List<Object>> rows = result.rows();
        return rows.size() + " rows " + result.labels() + " " + rows.subList(0, Math.min(5, rows.size()))
                + (rows.size() > 5 ? " …" : "");
    }

    static String abbreviate(String sql) {
        String line = sql.replaceAll("\\s+", " ").strip();
        return line.length() <= 110 ? line : line.substring(0, 107) + "...";
    }

    static String resource(String name) {
        try (InputStream in = DifferentialRun.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Statements of a script: '#' comment lines dropped, statements end with ';' at the end of a line. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.strip().startsWith("#") || line.isBlank()) {
                continue;
            }
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        return statements;
    }

    static String rules(String g0, String g1, String user, String password) {
        return resource("differential/rules.yaml").replace("{{g0}}", g0).replace("{{g1}}", g1)
                .replace("{{user}}", user).replace("{{password}}", password);
    }
}
