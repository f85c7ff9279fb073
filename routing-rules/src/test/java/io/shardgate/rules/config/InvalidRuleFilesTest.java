package io.shardgate.rules.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every {@code rules/invalid/*.yaml} fails to load with exactly the problems in its sibling
 * {@code *.expected} (one {@code file:line:col: message} per line, as {@code shardgate validate}
 * prints them). Run with {@code -Dshardgate.rewrite=true} to rewrite the expected files after an
 * intended change, then review the diff.
 */
class InvalidRuleFilesTest {

    static final Path FOLDER = Path.of("src", "test", "resources", "rules", "invalid");
    /** Set for every case; a message that contains one of these values leaks a secret. */
    static final Map<String, String> ENV = Map.of("APP_PASSWORD", "app-secret-1", "DB_PASSWORD", "db-secret-2");

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().collect(Collectors.toList()).stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedProblems(Path file) throws IOException {
        String name = file.getFileName().toString();
        RuleLoader loader = new RuleLoader(ENV::get);
        RuleValidationException failure = catchThrowableOfType(RuleValidationException.class,
                () -> loader.load(name, Files.readString(file, StandardCharsets.UTF_8)));
        assertThat(failure).as("%s loaded without problems", name).isNotNull();
        List<String> actual = failure.problems().stream().map(RuleProblem::toString).collect(Collectors.toList());

        Path expectedFile = file.resolveSibling(name.replaceFirst("\\.yaml$", ".expected"));
        if (Boolean.getBoolean("shardgate.rewrite")) {
            Files.writeString(expectedFile, String.join("\n", actual) + "\n", StandardCharsets.UTF_8);
        }
        assertThat(expectedFile).as("expected problems of %s", name).exists();
        List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .collect(Collectors.toList());
        assertThat(actual).as("problems of %s (rerun with -Dshardgate.rewrite=true after an intended change)", name)
                .containsExactlyElementsOf(expected);
        assertThat(failure.getMessage()).doesNotContain(ENV.values()).doesNotContain("hunter2");
    }

    @Test
    void everyCaseHasItsExpectedFile() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            List<String> names = files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList());
            for (String name : names) {
                String twin = name.endsWith(".yaml") ? name.replaceFirst("\\.yaml$", ".expected")
                        : name.replaceFirst("\\.expected$", ".yaml");
                assertThat(names).as("partner of %s", name).contains(twin);
            }
        }
    }

    @Test
    void theExceptionMessageListsEveryProblemOnItsOwnLine() {
        assertThatThrownBy(() -> new RuleLoader(ENV::get).load("two.yaml", "database: shop\nfoo: 1\n"))
                .isInstanceOf(RuleValidationException.class)
                .hasMessage("""
                        invalid rules, 2 problems:
                        two.yaml:1:1: the rule file has no groups; expected at least one group with a leader, \
                        e.g. groups: { g0: { leader: { url: "jdbc:mysql://host:3306/db" } } }
                        two.yaml:2:1: unknown key 'foo' at the top level; expected one of: database, users, groups, \
                        default-group, tables, reads, writes, policies, transactions""");
    }
}
