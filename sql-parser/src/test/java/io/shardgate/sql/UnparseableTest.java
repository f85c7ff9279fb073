package io.shardgate.sql;

import io.shardgate.sql.lex.MySqlLexer;
import io.shardgate.sql.lex.SqlTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whatever comes in, analysis classifies it and never throws. */
class UnparseableTest {

    private final SqlAnalyzer analyzer = new SqlAnalyzer(0);

    @ParameterizedTest
    @ValueSource(strings = {"FOO BAR", "SELECT FROM WHERE", "SELECT * FROM", "INSERT INTO", "UPDATE SET", "DELETE",
            "((((", ")))", "'unterminated", "`unterminated", "/* open", "SELECT 'a' 'b", "?", ";;;", "SELECT @",
            "SELECT 1 +", "WITH", "SHOW", "SET", "USE", "KILL", "EXPLAIN", "CREATE", "DROP INDEX", "RENAME TABLE a",
            "INSERT INTO t (a) VALUES (1", "INSERT INTO t SET", "UPDATE t SET a", "SELECT * FROM t WHERE a IN ()",
            "SELECT * FROM t LIMIT", "\u0000\u0001", "SELECT ï¿½ FROM Ã©tÃ©", "SELECT * FROM t WHERE a = 1 XOR",
            "DESCRIBE", "START", "ROLLBACK TO", "SAVEPOINT", "RELEASE", "EXPLAIN ROUTE"})
    void garbageIsClassifiedWithoutExceptions(String sql) {
        SqlStatement s = analyzer.analyze(sql);
        assertThat(s.sql()).isEqualTo(sql);
        assertThat(s.kind()).isNotNull();
        assertThat(s.tables()).isNotNull();
        assertThat(s.tokens()).isNotNull();
        new SqlRewriter().rewrite(s, RewriteSpec.tablesOnly(Map.of("t", "t_1", "a", "a_1")));
    }

    @Test
    void unparsedStatementsKeepKindTablesAndCalcitesMessage() {
        OtherStatement s = (OtherStatement) analyzer.analyze("SELECT a FROM orders o WHERE o.user_id = 1 INTO OUTFILE '/tmp/x'");
        assertThat(s.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(s.parsed()).isFalse();
        assertThat(s.parseError()).contains("line 1, column");
        assertThat(s.tableNames()).containsExactly("orders");
        OtherStatement foo = (OtherStatement) analyzer.analyze("FOO BAR");
        assertThat(foo.kind()).isEqualTo(StatementKind.OTHER);
        assertThat(foo.parseError()).startsWith("unknown statement 'FOO'");
    }

    @Test
    void errorPositionsPointIntoTheOriginalText() {
        OtherStatement s = (OtherStatement) analyzer.analyze("SELECT *\n  FROM t\n  WHERE a = = 1");
        assertThat(s.parseError()).contains("line 3, column 11"); // the first '=' of '= ='
    }

    @Test
    void nullIsTheOnlyThingThatThrows() {
        assertThatThrownBy(() -> analyzer.analyze(null)).isInstanceOf(NullPointerException.class);
    }

    /** Truncations and token shuffles of every data-driven case: never an exception. */
    @Test
    void prefixesAndShufflesOfRealStatementsNeverThrow() throws IOException {
        List<String> sqls = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/analysis"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                AnalysisCasesTest.read(file, new ArrayList<>()).forEach(c -> sqls.add(c.sql()));
            }
        }
        assertThat(sqls).hasSizeGreaterThan(100);
        Random random = new Random(42);
        int analyzed = 0;
        for (String sql : sqls) {
            SqlTokens tokens = MySqlLexer.tokenize(sql);
            if (tokens.size() > 1) {
                // a prefix cut at a random token: what a truncated or half-typed statement looks like
                analyzed += check(sql.substring(0, tokens.end(random.nextInt(tokens.size() - 1))));
            }
            if (tokens.size() > 3) {
                List<String> words = new ArrayList<>();
                for (int i = 0; i < tokens.size(); i++) {
                    words.add(tokens.text(i));
                }
                java.util.Collections.shuffle(words, random);
                analyzed += check(String.join(" ", words));
            }
        }
        assertThat(analyzed).isGreaterThan(200);
    }

    /** Soups of SQL fragments: analysis neither throws nor hits an internal error, rewriting neither. */
    @Test
    void fragmentSoupsNeverBreakTheAnalyzer() {
        String[] fragments = {"SELECT", "INSERT INTO t", "UPDATE t SET", "DELETE FROM t", "SET", "SHOW", "(", ")", ",",
                "?", "'x'", "\"y\"", "`t`", "t", "a", "b.c", "=", "<", "AND", "OR", "NOT", "IN", "BETWEEN", "FROM",
                "WHERE", "JOIN", "ON", "LEFT", "GROUP BY", "ORDER BY", "LIMIT", "1", "-2", "3.5", "UNION", "*",
                "COUNT(*)", "AVG(x)", "/*+ shardgate: leader */", "-- c\n", "/*!50000", "*/", "@v", "@@s.v",
                "FOR UPDATE", "LOCK IN SHARE MODE", "WITH", "AS", "DISTINCT", "HAVING", "DESC", ";", "VALUES", "TABLE",
                "CREATE TABLE", "DROP", "IF EXISTS", "EXPLAIN", "ROUTE", "DESCRIBE", "ON DUPLICATE KEY UPDATE",
                "USING", "OFFSET", "ROW", "x'0f'", "b'1'", "INTERVAL 1 DAY", "date", "value", "MATCH", "AGAINST",
                "CASE WHEN", "THEN", "END", "EXISTS", ".", "NULL", "DEFAULT", "WITH ROLLUP", "PARTITION (p)"};
        Random random = new Random(7);
        for (int n = 0; n < 600; n++) {
            StringBuilder sql = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int i = 0; i < length; i++) {
                sql.append(fragments[random.nextInt(fragments.length)]).append(random.nextInt(4) == 0 ? "" : " ");
            }
            SqlStatement s = analyzer.analyze(sql.toString());
            if (s instanceof OtherStatement other && other.parseError() != null) {
                assertThat(other.parseError()).as(sql.toString()).doesNotStartWith("statement could not be analyzed");
            }
            check(sql.toString());
        }
    }

    private int check(String sql) {
        SqlStatement s = analyzer.analyze(sql);
        assertThat(s.sql()).isEqualTo(sql);
        for (TableRef t : s.tables()) {
            assertThat(t.start()).as(sql).isBetween(0, sql.length());
            assertThat(t.end()).as(sql).isBetween(t.start(), sql.length());
        }
        Map<String, String> renames = new java.util.HashMap<>();
        s.tableNames().forEach(n -> renames.put(n, n + "_9"));
        RewrittenSql r = new SqlRewriter().rewrite(s, new RewriteSpec(renames, 10L, true, null, null, null));
        for (int p : r.parameterIndexes()) {
            assertThat(p).as(sql).isBetween(0, s.parameterCount() - 1);
        }
        return 1;
    }
}
