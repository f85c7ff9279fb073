package io.shardgate.proxy.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.shardgate.engine.BackendException;
import io.shardgate.engine.Engine;
import io.shardgate.engine.LogicalDatabase;
import io.shardgate.engine.backend.BackendServer;
import io.shardgate.engine.backend.PoolUsage;
import io.shardgate.engine.observe.EngineObserver;
import io.shardgate.engine.observe.FollowerLag;
import io.shardgate.engine.observe.StatementEvent;
import io.shardgate.proxy.hotspot.Hotspots;
import io.shardgate.rules.route.RouteFlag;
import io.shardgate.rules.route.RoutePlan;
import io.shardgate.sql.StatementKind;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The proxy's Prometheus metrics, kept in a Micrometer registry: statements by kind and route
 * variant, latency per group, errors by code, route flags, backend pool usage, follower lag, and
 * the hotspot view (shard shares; heaviest keys by rank only, never by value). Fed by the engine
 * as an {@link EngineObserver}; survives rule reloads (pool gauges follow whatever engine
 * {@code engines} supplies now). Label values are bounded by the rule files (databases, groups,
 * shards, servers), the statement kinds, the route variants and the error catalogue.
 */
public final class ProxyMetrics implements EngineObserver {

    /** Ranks of hot keys published per table. */
    static final int HOT_KEY_RANKS = 5;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Supplier<Engine> engines;
    private final Hotspots hotspots;
    /** Statement kinds and route variants as label values, each with "unparsed" / "none" last. */
    private static final String[] KINDS = labels(StatementKind.values(), "unparsed");
    private static final String[] VARIANTS = labels(RoutePlan.Variant.values(), "none");
    private final Map<String, AtomicReferenceArray<Counter>> statementCounters = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Timer>> latencies = new ConcurrentHashMap<>();
    private final Map<RouteFlag.Kind, Counter> flagCounters = new java.util.EnumMap<>(RouteFlag.Kind.class);
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private final Map<List<String>, Duration> lags = new ConcurrentHashMap<>();
    private final Set<List<String>> registered = ConcurrentHashMap.newKeySet();

    public ProxyMetrics(Supplier<Engine> engines, Hotspots hotspots) {
        this.engines = engines;
        this.hotspots = hotspots;
        Gauge.builder("shardgate.info", () -> 1).description("Shardgate build information.")
                .tag("version", "0.1.0").register(registry);
        for (RouteFlag.Kind kind : RouteFlag.Kind.values()) {
            // present at 0, so rate() works from the first scrape
            flagCounters.put(kind, flag(kind.name().toLowerCase(Locale.ROOT)));
        }
    }

    @Override
    public void statementExecuted(StatementEvent event) {
        // every statement passes here: meters are found by array index and map lookups, no key objects
        String database = event.rules() == null ? "" : event.rules().database();
        RoutePlan plan = event.plan();
        int kind = event.statement() == null ? KINDS.length - 1 : event.statement().kind().ordinal();
        int variant = plan == null ? VARIANTS.length - 1 : plan.variant().ordinal();
        AtomicReferenceArray<Counter> counters = statementCounters.computeIfAbsent(database,
                db -> new AtomicReferenceArray<>(KINDS.length * VARIANTS.length));
        int slot = kind * VARIANTS.length + variant;
        Counter counter = counters.get(slot);
        if (counter == null) {
            counter = Counter.builder("shardgate.statements")
                    .description("Statements executed, by logical database, statement kind and route variant "
                            + "(none: not routed to a backend).")
                    .tags("database", database, "kind", KINDS[kind], "variant", VARIANTS[variant]).register(registry);
            counters.set(slot, counter); // a race registers the same meter twice: the registry returns one
        }
        counter.increment();
        if (plan != null) {
            Duration took = Duration.ofNanos(event.nanos());
            for (String group : plan.groups()) {
                latency(database, group).record(took);
            }
            for (RouteFlag flag : plan.flags()) {
                flagCounters.get(flag.kind()).increment();
            }
        }
        if (event.error() != null) {
            int code = event.error() instanceof BackendException backend ? backend.errorNumber()
                    : event.error().code().mysqlCode();
            errors.computeIfAbsent(Integer.toString(code), key -> Counter.builder("shardgate.errors")
                    .description("Statements that failed, by MySQL error number.")
                    .tag("code", key).register(registry)).increment();
        }
    }

    @Override
    public void followerLag(FollowerLag lag) {
        BackendServer server = lag.follower();
        List<String> key = List.of(server.database(), server.group(), server.role());
        if (lag.lag() == null) {
            lags.remove(key);
        } else {
            lags.put(key, lag.lag());
        }
        if (registered.add(List.of("lag", key.get(0), key.get(1), key.get(2)))) {
            Gauge.builder("shardgate.follower.lag.seconds", () -> {
                        Duration last = lags.get(key);
                        return last == null ? Double.NaN : last.toNanos() / 1e9;
                    })
                    .description("Replication lag of a follower as last measured (NaN: unknown).")
                    .tags("database", key.get(0), "group", key.get(1), "follower", key.get(2)).register(registry);
        }
    }

    @Override
    public void crossShardDeadlock(String database, List<String> groups) {
        Counter.builder("shardgate.cross.shard.deadlocks")
                .description("Deadlocks across groups that Shardgate found and broke by rolling back one transaction.")
                .tag("database", database).register(registry).increment();
    }

    private static String[] labels(Enum<?>[] values, String last) {
        String[] labels = new String[values.length + 1];
        for (int i = 0; i < values.length; i++) {
            labels[i] = values[i].name().toLowerCase(Locale.ROOT);
        }
        labels[values.length] = last;
        return labels;
    }

    private Timer latency(String database, String group) {
        return latencies.computeIfAbsent(database, db -> new ConcurrentHashMap<>()).computeIfAbsent(group,
                g -> Timer.builder("shardgate.statement.duration")
                        .description("Time from receiving a statement until its result was ready to stream, per "
                                + "group it ran on (a multi-group statement counts in each).")
                        .tags("database", database, "group", g)
                        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(30)).register(registry));
    }

    private Counter flag(String name) {
        return Counter.builder("shardgate.flagged.statements")
                .description("Statements that raised a route flag (cross-shard join or transaction, scatter "
                        + "read or write, broadcast write, hint override).")
                .tag("flag", name).register(registry);
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        registerPools();
        registerHotspots();
        return registry.scrape();
    }

    /** The registry, for tests and for embedding applications that publish elsewhere. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private void registerPools() {
        Engine engine = engines.get();
        for (String name : engine.databases()) {
            for (BackendServer server : engine.database(name).backends().servers()) {
                List<String> key = List.of("pool", server.database(), server.group(), server.role());
                if (!registered.add(key)) {
                    continue;
                }
                pool(server, "active", PoolUsage::active);
                pool(server, "idle", PoolUsage::idle);
                pool(server, "pending", PoolUsage::pending);
                Gauge.builder("shardgate.pool.max.connections", () -> usage(server).max())
                        .description("The most connections a backend pool may open (0: not started yet).")
                        .tags("database", server.database(), "group", server.group(), "server", server.role())
                        .register(registry);
            }
        }
    }

    private void pool(BackendServer server, String state, ToDoubleFunction<PoolUsage> value) {
        Gauge.builder("shardgate.pool.connections", () -> value.applyAsDouble(usage(server)))
                .description("Backend pool connections per server: active (lent to statements), idle, pending "
                        + "(statements waiting for one).")
                .tags("database", server.database(), "group", server.group(), "server", server.role(), "state", state)
                .register(registry);
    }

    /** The pool usage of the server with this database, group and role in the current engine. */
    private PoolUsage usage(BackendServer server) {
        LogicalDatabase database = engines.get().database(server.database());
        if (database == null) {
            return PoolUsage.NOT_STARTED;
        }
        for (BackendServer current : database.backends().servers()) {
            if (current.group().equals(server.group()) && current.follower() == server.follower()) {
                return database.backends().poolUsage(current);
            }
        }
        return PoolUsage.NOT_STARTED;
    }

    private void registerHotspots() {
        for (Hotspots.ShardShare share : hotspots.shardShares()) {
            List<String> key = List.of("shard", share.database(), share.table(), share.shard());
            if (!registered.add(key)) {
                continue;
            }
            Gauge.builder("shardgate.shard.traffic.share", () -> shareOf(key))
                    .description("A shard's share (0..1) of the statements on its table since start.")
                    .tags("database", share.database(), "table", share.table(), "shard", share.shard())
                    .register(registry);
            FunctionCounter.builder("shardgate.shard.statements", this, metrics -> statementsOf(key))
                    .description("Statements that touched a shard of a sharded table.")
                    .tags("database", share.database(), "table", share.table(), "shard", share.shard())
                    .register(registry);
            for (int rank = 1; rank <= HOT_KEY_RANKS; rank++) {
                List<String> rankKey = List.of("key", share.database(), share.table(), Integer.toString(rank));
                if (registered.add(rankKey)) {
                    int r = rank;
                    Gauge.builder("shardgate.hot.key.share", () -> hotKeyShare(share.database(), share.table(), r))
                            .description("Share (0..1) of a table's shard-key values taken by its r-th heaviest key; "
                                    + "the key itself only in SHOW SHARDGATE HOTSPOTS (values may be personal data).")
                            .tags("database", share.database(), "table", share.table(), "rank", Integer.toString(rank))
                            .register(registry);
                }
            }
        }
    }

    private double shareOf(List<String> key) {
        return hotspots.shardShares().stream().filter(s -> s.database().equals(key.get(1))
                && s.table().equals(key.get(2)) && s.shard().equals(key.get(3)))
                .mapToDouble(Hotspots.ShardShare::share).findFirst().orElse(0);
    }

    private double statementsOf(List<String> key) {
        return hotspots.shardShares().stream().filter(s -> s.database().equals(key.get(1))
                && s.table().equals(key.get(2)) && s.shard().equals(key.get(3)))
                .mapToDouble(Hotspots.ShardShare::statements).findFirst().orElse(0);
    }

    private double hotKeyShare(String database, String table, int rank) {
        return hotspots.hotKeys(rank).stream().filter(k -> k.database().equals(database) && k.table().equals(table)
                && k.rank() == rank).mapToDouble(Hotspots.HotKey::share).findFirst().orElse(0);
    }
}
