package io.shardgate.sql;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQL cases as data: every {@code src/test/resources/analysis/*.txt} file holds cases of the form
 * <pre>
 * === title
 * SQL (one or more lines)
 * ---
 * expected summary ({@link StatementSummary})
 * </pre>
 * Run with {@code -Dshardgate.rewriteExpected=true} to write the actual summaries into the files
 * (then review the diff).
 */
class AnalysisCasesTest {

    private static final Path DIR = Path.of("src/test/resources/analysis");
    private static final boolean REWRITE = Boolean.getBoolean("shardgate.rewriteExpected");

    record Case(String title, String sql, String expected) {
    }

    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        SqlAnalyzer analyzer = new SqlAnalyzer(0);
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                List<String> header = new ArrayList<>();
                List<Case> cases = read(file, header);
                if (REWRITE) {
                    write(file, header, cases, analyzer);
                    cases = read(file, new ArrayList<>());
                }
                for (Case c : cases) {
                    tests.add(DynamicTest.dynamicTest(file.getFileName() + ": " + c.title(), () ->
                            assertThat(StatementSummary.of(analyzer.analyze(c.sql())))
                                    .as("summary of %s", c.sql())
                                    .isEqualTo(c.expected())));
                }
            }
        }
        assertThat(tests).as("cases in " + DIR.toAbsolutePath()).isNotEmpty();
        return tests.stream();
    }

    static List<Case> read(Path file, List<String> header) throws IOException {
        List<Case> cases = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int i = 0;
        while (i < lines.size() && !lines.get(i).startsWith("=== ")) {
            header.add(lines.get(i++));
        }
        while (i < lines.size()) {
            String title = lines.get(i++).substring(4).strip();
            List<String> sql = new ArrayList<>();
            while (i < lines.size() && !lines.get(i).equals("---") && !lines.get(i).startsWith("=== ")) {
                sql.add(lines.get(i++));
            }
            List<String> expected = new ArrayList<>();
            if (i < lines.size() && lines.get(i).equals("---")) {
                i++;
                while (i < lines.size() && !lines.get(i).startsWith("=== ")) {
                    expected.add(lines.get(i++));
                }
            }
            cases.add(new Case(title, String.join("\n", trim(sql)), String.join("\n", trim(expected))));
        }
        return cases;
    }

    private static List<String> trim(List<String> lines) {
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        return lines.subList(0, end);
    }

    private static void write(Path file, List<String> header, List<Case> cases, SqlAnalyzer analyzer)
            throws IOException {
        StringBuilder out = new StringBuilder();
        header.forEach(h -> out.append(h).append('\n'));
        for (Case c : cases) {
            out.append("=== ").append(c.title()).append('\n').append(c.sql()).append("\n---\n")
                    .append(StatementSummary.of(analyzer.analyze(c.sql()))).append("\n\n");
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }
}
