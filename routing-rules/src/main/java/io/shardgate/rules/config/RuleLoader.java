package io.shardgate.rules.config;

import io.shardgate.rules.algorithm.ShardingAlgorithms;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Loads rule files (DESIGN §2) into validated {@link RuleSet}s. Every problem in every file is
 * collected and thrown together as a {@link RuleValidationException}, each pinned to its
 * {@code file:line:col}. Thread-safe; holds no state between loads.
 *
 * <pre>{@code
 * RuleSet rules = new RuleLoader().load(Path.of("rules.yaml"));
 * RuleSet inTest = new RuleLoader(Map.of("APP_PASSWORD", "secret")::get).load("test.yaml", yaml);
 * }</pre>
 */
public final class RuleLoader {

    private final EnvInterpolator env;
    private final ShardingAlgorithms algorithms;

    /** Reads {@code ${env:NAME}} from the process environment. */
    public RuleLoader() {
        this(System::getenv);
    }

    /** @param env the value of an environment variable, or null when it is not set */
    public RuleLoader(Function<String, String> env) {
        this(env, new ShardingAlgorithms());
    }

    /** @param algorithms the registry that algorithm types are checked against (and built with, to check parameters) */
    public RuleLoader(Function<String, String> env, ShardingAlgorithms algorithms) {
        this.env = new EnvInterpolator(env);
        this.algorithms = algorithms;
    }

    /** Loads one rule file; its path, as given, names it in {@link RuleSet#source()} and in problems. */
    public RuleSet load(Path file) {
        return loadAll(List.of(file)).get(0);
    }

    /** Loads rule text; {@code sourceName} names it in {@link RuleSet#source()} and in problems. */
    public RuleSet load(String sourceName, String yamlText) {
        Parsed parsed = parse(sourceName, yamlText);
        if (!parsed.problems().isEmpty()) {
            throw new RuleValidationException(parsed.problems());
        }
        return parsed.rules();
    }

    /**
     * Loads several rule files, one logical database each; database names must be distinct
     * (case-insensitively). Problems of all files are reported together, in the order of the files.
     */
    public List<RuleSet> loadAll(List<Path> files) {
        List<RuleProblem> problems = new ArrayList<>();
        List<RuleSet> ruleSets = new ArrayList<>();
        Map<String, RuleProblem> databases = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.toString();
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                problems.add(new RuleProblem(name, 0, 0, "no such file; expected the path of a YAML rule file"));
                continue;
            } catch (CharacterCodingException e) {
                problems.add(new RuleProblem(name, 0, 0, "the file is not UTF-8 text; expected a YAML rule file in UTF-8"));
                continue;
            } catch (IOException e) {
                problems.add(new RuleProblem(name, 0, 0, "cannot read the file (" + e.getMessage()
                        + "); expected a readable YAML rule file"));
                continue;
            }
            Parsed parsed = parse(name, text);
            problems.addAll(parsed.problems());
            if (parsed.rules() != null && parsed.rules().database() != null) {
                String database = parsed.rules().database().toLowerCase(Locale.ROOT);
                RuleProblem earlier = databases.putIfAbsent(database, parsed.databasePosition());
                if (earlier != null) {
                    RuleProblem here = parsed.databasePosition();
                    problems.add(new RuleProblem(here.file(), here.line(), here.column(), "database '"
                            + parsed.rules().database() + "' is also defined at " + earlier.file() + ":" + earlier.line()
                            + ":" + earlier.column() + "; expected one rule file per logical database"));
                }
            }
            ruleSets.add(parsed.rules());
        }
        if (!problems.isEmpty()) {
            throw new RuleValidationException(problems);
        }
        return List.copyOf(ruleSets);
    }

    /** The rules (null when unreadable), the problems sorted by position, and where the database was named. */
    private record Parsed(RuleSet rules, List<RuleProblem> problems, RuleProblem databasePosition) {
    }

    private Parsed parse(String sourceName, String yamlText) {
        YamlSource source = new YamlSource(sourceName, env);
        Optional<Node> root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(sourceName).setSchema(new CoreSchema()).build();
            root = new Compose(settings).composeString(yamlText);
        } catch (MarkedYamlEngineException e) {
            // Only the problem and its position: the library's message quotes the source line, which may hold a password.
            // Point at where the broken construct starts (an unclosed quote), naming where it broke.
            Mark problem = e.getProblemMark().orElse(null);
            Mark context = e.getContext() != null ? e.getContextMark().orElse(null) : null;
            String what = context == null || problem == null ? e.getProblem()
                    : e.getContext() + ", " + e.getProblem() + " at " + (problem.getLine() + 1) + ":" + (problem.getColumn() + 1);
            source.problem(context != null ? context : problem, "YAML syntax error: " + what
                    + "; expected valid YAML (check indentation, quotes and brackets)");
            return new Parsed(null, source.problems(), null);
        } catch (YamlEngineException e) {
            source.problem((Node) null, "YAML error: " + e.getMessage() + "; expected valid YAML");
            return new Parsed(null, source.problems(), null);
        }
        if (root.isEmpty()) {
            source.problem((Node) null, "the rule file is empty; expected a map with at least database and groups");
            return new Parsed(null, source.problems(), null);
        }
        RuleFileReader reader = new RuleFileReader(source, algorithms);
        RuleSet rules = reader.read(root.get());
        List<RuleProblem> problems = source.problems().stream()
                .sorted(Comparator.comparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column))
                .collect(Collectors.toList());
        Node databaseNode = reader.databaseNode();
        RuleProblem position = databaseNode == null ? null : new RuleProblem(sourceName,
                RuleFileReader.line(databaseNode),
                databaseNode.getStartMark().map(mark -> mark.getColumn() + 1).orElse(0), "");
        return new Parsed(rules, problems, position);
    }

    /**
     * One line for {@code shardgate validate}, e.g. {@code valid: 1 database (shop), 2 groups,
     * 3 tables (2 sharded, 1 broadcast), 4 shards}. Shards count the shard slots of tables that
     * are not co-located (co-located tables share their target's).
     */
    public static String summary(List<RuleSet> ruleSets) {
        int groups = 0;
        int sharded = 0;
        int broadcast = 0;
        int shards = 0;
        for (RuleSet rules : ruleSets) {
            groups += rules.groups().size();
            for (TableRule table : rules.tables().values()) {
                if (table instanceof TableRule.Sharded shardedTable) {
                    sharded++;
                    if (shardedTable.coLocatedWith() == null) {
                        shards += shardedTable.nodes().size();
                    }
                } else {
                    broadcast++;
                }
            }
        }
        String names = ruleSets.stream().map(RuleSet::database).collect(Collectors.joining(", "));
        return "valid: " + count(ruleSets.size(), "database", "databases") + " (" + names + "), "
                + count(groups, "group", "groups") + ", "
                + count(sharded + broadcast, "table", "tables") + " (" + sharded + " sharded, " + broadcast + " broadcast), "
                + count(shards, "shard", "shards");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
