package io.shardgate.rules.config;

import io.shardgate.rules.algorithm.ShardingAlgorithms;
import io.shardgate.rules.algorithm.TestClassLoaders;
import io.shardgate.rules.config.TableRule.AlgorithmSpec;
import io.shardgate.rules.config.TableRule.Broadcast;
import io.shardgate.rules.config.TableRule.KeyGenerator;
import io.shardgate.rules.config.TableRule.Sharded;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RuleLoaderTest {

    static final Path EXAMPLE = Path.of("..", "docs", "examples", "shop.yaml");
    static final Path VALID = Path.of("src", "test", "resources", "rules", "valid");
    static final Map<String, String> ENV = Map.of(
            "APP_PASSWORD", "app-secret", "DB_PASSWORD", "db-secret", "EAST_HOST", "east-1", "WEIGHT", "2",
            "EVENT_SHARDS", "east.events_${0..1}");

    private final RuleLoader loader = new RuleLoader(ENV::get);

    @Test
    void theDesignExampleLoadsIntoTheExpectedRules() {
        RuleSet rules = loader.load(EXAMPLE);

        DataSourceRule g0Leader = new DataSourceRule("jdbc:mysql://10.0.0.1:3306/shop_0", "app", "db-secret", 1);
        GroupRule g0 = new GroupRule("g0", g0Leader, List.of(
                new DataSourceRule("jdbc:mysql://10.0.0.2:3306/shop_0", "app", "db-secret", 2),
                new DataSourceRule("jdbc:mysql://10.0.0.3:3306/shop_0", "app", "db-secret", 1)),
                new GroupRule.Pool(32, 0, Duration.ofSeconds(5)));
        GroupRule g1 = new GroupRule("g1", new DataSourceRule("jdbc:mysql://10.0.1.1:3306/shop_1", "app", "db-secret", 1),
                List.of(), GroupRule.Pool.DEFAULT);
        AlgorithmSpec hashMod = new AlgorithmSpec("hash-mod", Map.of());
        Map<String, GroupRule> groups = new LinkedHashMap<>();
        groups.put("g0", g0);
        groups.put("g1", g1);
        Map<String, TableRule> tables = new LinkedHashMap<>();
        tables.put("orders", new Sharded("orders", "user_id", hashMod, nodes("g0.orders_0", "g0.orders_1", "g1.orders_0",
                "g1.orders_1"), new KeyGenerator("order_id", "snowflake", Map.of()), null));
        tables.put("order_items", new Sharded("order_items", "user_id", hashMod, nodes("g0.order_items_0",
                "g0.order_items_1", "g1.order_items_0", "g1.order_items_1"), null, "orders"));
        tables.put("countries", new Broadcast("countries"));
        RuleSet expected = new RuleSet(EXAMPLE.toString(), "shop", List.of(new UserRule("app", "app-secret")), groups, "g0",
                tables, ReadRule.DEFAULT, WriteRule.DEFAULT, Policies.DEFAULT);

        assertThat(rules).isEqualTo(expected);
        assertThat(rules.groups().keySet()).containsExactly("g0", "g1");
        assertThat(rules.tables().keySet()).containsExactly("orders", "order_items", "countries");
    }

    @Test
    void theSummaryCountsDatabasesGroupsTablesAndShards() {
        assertThat(RuleLoader.summary(List.of(loader.load(EXAMPLE))))
                .isEqualTo("valid: 1 database (shop), 2 groups, 3 tables (2 sharded, 1 broadcast), 4 shards");
        List<RuleSet> two = loader.loadAll(List.of(EXAMPLE, VALID.resolve("crm.yaml")));
        assertThat(RuleLoader.summary(two))
                .isEqualTo("valid: 2 databases (shop, crm), 4 groups, 4 tables (3 sharded, 1 broadcast), 6 shards");
    }

    @Test
    void aMinimalFileTakesEveryDefault() {
        RuleSet rules = loader.load(VALID.resolve("minimal.yaml"));
        assertThat(rules.database()).isEqualTo("app");
        assertThat(rules.users()).isEmpty();
        assertThat(rules.defaultGroup()).isEqualTo("main");
        assertThat(rules.tables()).isEmpty();
        assertThat(rules.groups().get("main")).isEqualTo(new GroupRule("main",
                new DataSourceRule("jdbc:mysql://db0:3306/app", null, null, 1), List.of(), GroupRule.Pool.DEFAULT));
        assertThat(rules.reads()).isEqualTo(ReadRule.DEFAULT);
        assertThat(rules.writes()).isEqualTo(WriteRule.DEFAULT);
        assertThat(rules.policies()).isEqualTo(Policies.DEFAULT);
        assertThat(RuleLoader.summary(List.of(rules)))
                .isEqualTo("valid: 1 database (app), 1 group, 0 tables (0 sharded, 0 broadcast), 0 shards");
    }

    @Test
    void everyAcceptedKeyIsRead() {
        RuleSet rules = loader.load(VALID.resolve("everything.yaml"));
        assertThat(rules.database()).isEqualTo("Shop");
        assertThat(rules.users()).containsExactly(new UserRule("app", "app-secret"), new UserRule("reporting", ""),
                new UserRule("batch", ""));

        GroupRule east = rules.groups().get("east");
        assertThat(east.leader()).isEqualTo(new DataSourceRule("jdbc:mysql://east-1:3306/shop", "writer", "db-secret", 3));
        assertThat(east.followers()).containsExactly(
                new DataSourceRule("jdbc:mysql://east-2:3306/shop", "reader", "p@ss${env:literal}", 2),
                new DataSourceRule("jdbc:mysql://east-3:3306/shop", "reader", "db-secret", 1));
        assertThat(east.pool()).isEqualTo(new GroupRule.Pool(64, 4, Duration.ofMillis(750)));
        GroupRule west = rules.groups().get("west");
        assertThat(west.followers()).containsExactly(west.leader());
        assertThat(rules.defaultGroup()).isEqualTo("west");

        AlgorithmSpec range = new AlgorithmSpec("range", Map.of("bounds", List.of(1000L, 5000L, 9000L)));
        assertThat(rules.table("ORDERS")).isEqualTo(new Sharded("orders", "user_id", range,
                nodes("east.orders_00", "east.orders_01", "west.orders_00", "west.orders_01"),
                new KeyGenerator("order_id", "snowflake", Map.of("worker-id", 3L)), null));
        assertThat(rules.table("order_items")).isEqualTo(new Sharded("order_items", "user_id", range,
                nodes("east.order_items_00", "east.order_items_01", "west.order_items_00", "west.order_items_01"),
                null, "orders"));
        assertThat(rules.table("order_notes")).isEqualTo(new Sharded("order_notes", "user_id", range,
                nodes("east.notes_a", "east.notes_b", "west.notes_c", "west.notes_d"), null, "orders"));
        assertThat(rules.table("sessions")).isEqualTo(new Sharded("sessions", "token",
                new AlgorithmSpec("consistent-hash", Map.of("vnodes", 64L)),
                nodes("east.sessions_0", "east.sessions_1", "east.sessions_2", "west.sessions_x"), null, null));
        assertThat(((Sharded) rules.table("events")).nodes()).isEqualTo(nodes("east.events_0", "east.events_1"));
        assertThat(rules.table("countries")).isEqualTo(new Broadcast("countries"));
        assertThat(rules.table("currencies")).isEqualTo(new Broadcast("currencies"));
        assertThat(rules.table("plain")).isEqualTo(new Sharded("plain", "id", new AlgorithmSpec("hash-mod", Map.of()),
                nodes("east.plain"), null, null));
        assertThat(rules.table("unlisted")).isNull();
        assertThat(rules.tables().keySet()).containsExactly("orders", "order_items", "order_notes", "sessions", "events",
                "countries", "currencies", "plain");

        assertThat(rules.reads()).isEqualTo(new ReadRule(ReadRule.Balance.WEIGHTED, ReadRule.Consistency.BOUNDED,
                Duration.ofMinutes(1), Duration.ofMillis(250)));
        assertThat(rules.writes()).isEqualTo(new WriteRule(WriteRule.Ack.QUORUM, Duration.ofHours(1)));
        assertThat(rules.policies()).isEqualTo(new Policies(Policies.CrossShardJoin.REJECT,
                Policies.CrossShardTransaction.XA, Policies.ScatterWrite.REJECT, 5000));
        assertThat(rules.transactions()).isEqualTo(new TransactionRule("/var/lib/shardgate/xa"));
        assertThat(rules.transactions().xaLogDir("shop")).isEqualTo("/var/lib/shardgate/xa");
        assertThat(TransactionRule.DEFAULT.xaLogDir("shop")).isEqualTo("shardgate-xa/shop");
    }

    @Test
    void loadedCollectionsAreUnmodifiable() {
        RuleSet rules = loader.load(VALID.resolve("everything.yaml"));
        assertThatThrownBy(() -> rules.tables().put("x", new Broadcast("x"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> rules.groups().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> rules.users().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((Sharded) rules.table("orders")).nodes().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void passwordsNeverShowInPrintedRules() {
        RuleSet rules = loader.load(EXAMPLE);
        assertThat(rules.toString()).doesNotContain("app-secret").doesNotContain("db-secret").contains("password=***");
    }

    @Test
    void environmentVariablesAreReplacedAnywhereSeveralPerString() {
        Map<String, String> env = Map.of("HOST", "db0", "PORT", "3307", "NAME", "shop", "EMPTY", "");
        RuleSet rules = new RuleLoader(env::get).load("env.yaml", """
                database: "${env:NAME}"
                users: [ { name: "${env:NAME}-app", password: "${env:EMPTY}" } ]
                groups:
                  g0: { leader: { url: "jdbc:mysql://${env:HOST}:${env:PORT}/${env:NAME}?x=$${env:HOST}" } }
                """);
        assertThat(rules.database()).isEqualTo("shop");
        assertThat(rules.users()).containsExactly(new UserRule("shop-app", ""));
        assertThat(rules.groups().get("g0").leader().url()).isEqualTo("jdbc:mysql://db0:3307/shop?x=${env:HOST}");
    }

    @Test
    void withoutAnInjectedLookupTheProcessEnvironmentIsUsed() {
        String name = System.getenv().keySet().stream().filter(key -> key.matches("[A-Za-z_][A-Za-z0-9_]*")
                && !System.getenv(key).isBlank()).findFirst().orElseThrow();
        RuleSet rules = new RuleLoader().load("process-env.yaml", "database: \"${env:" + name + "}\"\n"
                + "groups: { g0: { leader: { url: \"jdbc:h2:mem:x\" } } }\n");
        assertThat(rules.database()).isEqualTo(System.getenv(name).strip());
    }

    @Test
    void aCoLocatedTableMayComeBeforeItsTargetAndInheritsItsKey() {
        RuleSet rules = loader.load("forward.yaml", """
                database: shop
                groups: { g0: { leader: { url: "jdbc:h2:mem:g0" } } }
                tables:
                  order_items: { co-located-with: orders }
                  orders: { shard-key: user_id, algorithm: mod, shards: "g0.orders_${0..1}" }
                """);
        assertThat(rules.table("order_items")).isEqualTo(new Sharded("order_items", "user_id",
                new AlgorithmSpec("mod", Map.of()), nodes("g0.order_items_0", "g0.order_items_1"), null, "orders"));
    }

    @Test
    void severalFilesMustNameDistinctDatabases() {
        RuleValidationException failure = catchThrowableOfType(RuleValidationException.class,
                () -> loader.loadAll(List.of(EXAMPLE, VALID.resolve("shop-again.yaml"))));
        assertThat(failure.problems()).containsExactly(new RuleProblem(VALID.resolve("shop-again.yaml").toString(), 1, 11,
                "database 'SHOP' is also defined at " + EXAMPLE + ":3:11; expected one rule file per logical database"));
    }

    @Test
    void problemsOfEveryFileAreReportedTogether() {
        Path missing = VALID.resolve("no-such-file.yaml");
        RuleValidationException failure = catchThrowableOfType(RuleValidationException.class,
                () -> loader.loadAll(List.of(missing, VALID.resolve("../invalid/empty.yaml"))));
        assertThat(failure.problems()).extracting(RuleProblem::toString).containsExactly(
                missing + ": no such file; expected the path of a YAML rule file",
                VALID.resolve("../invalid/empty.yaml") + ":1:1: the rule file is empty; expected a map with at least "
                        + "database and groups");
    }

    @Test
    void userAlgorithmsLoadByClassNameAndByServiceType() {
        RuleSet rules = new RuleLoader(ENV::get, new ShardingAlgorithms(TestClassLoaders.withTestServices()))
                .load(VALID.resolve("custom-algorithms.yaml"));
        assertThat(((Sharded) rules.table("by_class")).algorithm())
                .isEqualTo(new AlgorithmSpec("io.shardgate.rules.algorithm.testing.TextHashProvider", Map.of()));
        assertThat(((Sharded) rules.table("by_service")).algorithm()).isEqualTo(new AlgorithmSpec("test-tens", Map.of()));

        RuleValidationException failure = catchThrowableOfType(RuleValidationException.class,
                () -> loader.load(VALID.resolve("custom-algorithms.yaml")));
        assertThat(failure.problems()).singleElement().extracting(RuleProblem::message).asString()
                .startsWith("tables.by_service.algorithm 'test-tens' is not a known algorithm;");
    }

    @Test
    void aProblemWithoutAPositionPrintsJustTheFile() {
        assertThat(new RuleProblem("a.yaml", 0, 0, "no such file; expected a file")).hasToString("a.yaml: no such file; expected a file");
        assertThat(new RuleProblem("a.yaml", 3, 7, "bad; expected good")).hasToString("a.yaml:3:7: bad; expected good");
    }

    static List<DataNode> nodes(String... names) {
        return java.util.Arrays.stream(names).map(name -> {
            int dot = name.indexOf('.');
            return new DataNode(name.substring(0, dot), name.substring(dot + 1));
        }).toList();
    }
}
