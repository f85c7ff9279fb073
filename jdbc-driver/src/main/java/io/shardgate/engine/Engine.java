package io.shardgate.engine;

import io.shardgate.engine.execute.PlanExecutor;
import io.shardgate.engine.keygen.KeyGenerators;
import io.shardgate.engine.keygen.WorkerId;
import io.shardgate.engine.merge.ResultMerger;
import io.shardgate.engine.observe.EngineObserver;
import io.shardgate.engine.observe.Observers;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.algorithm.ShardingAlgorithms;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.route.Router;
import io.shardgate.sql.LiteralParameters;
import io.shardgate.sql.SqlAnalyzer;
import io.shardgate.sql.SqlStatement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The Shardgate engine: the logical databases of one or more rule files, their backend pools,
 * and the shared machinery (parse cache, parallel executor, key generators) behind every session.
 * The proxy and the JDBC driver each build one and open a session per client connection.
 * Thread-safe; {@link #close()} closes every session and pool.
 */
public final class Engine implements AutoCloseable {

    private final Map<String, LogicalDatabase> databases = new LinkedHashMap<>();
    private final Function<String, SqlStatement> analyzer;
    private final EngineOptions options;
    private final ExecutorService executor;
    private final PlanExecutor planExecutor;
    private final ResultMerger merger;
    private final KeyGenerators keys;
    private final Set<ShardingSession> sessions = ConcurrentHashMap.newKeySet();
    private final Observers observers = new Observers();
    private volatile boolean closed;
    private final Set<String> refusedTemplates = ConcurrentHashMap.newKeySet();
    /** Looks a text up in the parse cache without parsing (none with an analyzer given from outside). */
    private Function<String, SqlStatement> cachedAnalyses = sql -> null;
    private static final int MAX_REFUSED_TEMPLATES = 10_000;
    private static final boolean LITERAL_PARAMETERS =
            !"false".equalsIgnoreCase(System.getProperty("shardgate.literalParameters"));

    public Engine(List<RuleSet> rules) {
        this(rules, EngineOptions.defaults());
    }

    public Engine(List<RuleSet> rules, EngineOptions options) {
        this(rules, options, new SqlAnalyzer(options.parseCacheSize()));
    }

    private Engine(List<RuleSet> rules, EngineOptions options, SqlAnalyzer analyzer) {
        this(rules, options, analyzer::analyze, Engine::router, WorkerId.ofThisProcess());
        this.cachedAnalyses = analyzer::cached;
    }

    /**
     * @param analyzer parses and analyzes SQL text
     * @param routers  builds the router of each logical database
     * @param workerId where snowflake worker ids come from
     */
    public Engine(List<RuleSet> rules, EngineOptions options, Function<String, SqlStatement> analyzer,
                  Function<RuleSet, StatementRouter> routers, WorkerId workerId) {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("an engine needs at least one rule file");
        }
        this.analyzer = analyzer;
        this.options = options;
        for (RuleSet ruleSet : rules) {
            String key = ruleSet.database().toLowerCase(Locale.ROOT);
            if (databases.containsKey(key)) {
                throw new IllegalArgumentException("logical database " + ruleSet.database()
                        + " is defined twice (" + databases.get(key).rules().source() + " and " + ruleSet.source() + ")");
            }
            databases.put(key, new LogicalDatabase(ruleSet, routers.apply(ruleSet)));
        }
        databases.values().forEach(db -> db.replicas().reportLag(observers::followerLag));
        databases.values().stream().filter(db -> db.deadlocks() != null)
                .forEach(db -> db.deadlocks().reportDeadlocks(observers::crossShardDeadlock));
        this.executor = executor(options.executorThreads());
        this.planExecutor = new PlanExecutor(executor);
        this.merger = new ResultMerger(options.maxBufferedRows());
        this.keys = new KeyGenerators(workerId);
    }

    private static StatementRouter router(RuleSet rules) {
        Router router = new Router(rules, new ShardingAlgorithms());
        return router::route;
    }

    private static ExecutorService executor(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "shardgate-exec-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * A new session, in {@code database} (null: none selected yet).
     *
     * @throws ShardgateException UNKNOWN_DATABASE when no rule file defines {@code database}
     */
    public EngineSession openSession(String database) {
        if (closed) {
            throw new ShardgateException(ErrorCode.BACKEND_UNAVAILABLE, "the Shardgate engine is closed");
        }
        ShardingSession session = new ShardingSession(this);
        if (database != null && !database.isEmpty()) {
            session.useDatabase(database);
        }
        sessions.add(session);
        return session;
    }

    /** The logical database names, in rule-file order. */
    public List<String> databases() {
        return databases.values().stream().map(LogicalDatabase::name).toList();
    }

    /** A logical database by name (any case), or null. */
    public LogicalDatabase database(String name) {
        return name == null ? null : databases.get(name.toLowerCase(Locale.ROOT));
    }

    public EngineOptions options() {
        return options;
    }

    /** Adds an observer of statements and replication lag (metrics, hotspots, logs). */
    public void addObserver(EngineObserver observer) {
        observers.add(observer);
    }

    /** Every observer as one: what the engine's parts report to (never throws). */
    public EngineObserver observer() {
        return observers;
    }

    SqlStatement analyze(String sql) {
        return analyzer.apply(sql);
    }

    /** The analysis of {@code sql} if the parse cache holds it, else null; never parses. */
    SqlStatement cachedAnalysis(String sql) {
        return cachedAnalyses.apply(sql);
    }

    /**
     * A text statement's template (its values turned into parameters by {@link LiteralParameters}),
     * analyzed; null when the template does not parse (a value that must stay literal there), and
     * then the text is analyzed as it is. Such templates are remembered, so each costs one failed
     * parse; {@code -Dshardgate.literalParameters=false} turns templates off.
     */
    SqlStatement analyzeTemplate(String template) {
        if (!LITERAL_PARAMETERS || refusedTemplates.contains(template)) {
            return null;
        }
        try {
            return analyzer.apply(template);
        } catch (RuntimeException e) {
            if (refusedTemplates.size() < MAX_REFUSED_TEMPLATES) {
                refusedTemplates.add(template);
            }
            return null;
        }
    }

    PlanExecutor planExecutor() {
        return planExecutor;
    }

    ResultMerger merger() {
        return merger;
    }

    KeyGenerators keys() {
        return keys;
    }

    void closed(ShardingSession session) {
        sessions.remove(session);
    }

    /** Closes every open session (rolling back their transactions), the executor and every pool. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ShardingSession session : new ArrayList<>(sessions)) {
            try {
                session.close();
            } catch (RuntimeException ignored) {
                // closing the pools below releases whatever the session still held
            }
        }
        executor.shutdownNow();
        for (LogicalDatabase database : databases.values()) {
            database.close();
        }
    }
}
