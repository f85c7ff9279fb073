package io.shardgate.proxy.server;

import io.shardgate.engine.Engine;
import io.shardgate.engine.EngineOptions;
import io.shardgate.proxy.admin.AdminServer;
import io.shardgate.proxy.admin.LeaderHealth;
import io.shardgate.proxy.admin.ProxyMetrics;
import io.shardgate.proxy.frontend.ProxyOptions;
import io.shardgate.proxy.frontend.ProxyServer;
import io.shardgate.proxy.frontend.TlsConfig;
import io.shardgate.proxy.hotspot.Hotspots;
import io.shardgate.proxy.ops.AdminCommands;
import io.shardgate.proxy.ops.RuleReloader;
import io.shardgate.proxy.ops.StatementLog;
import io.shardgate.rules.config.RuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A running Shardgate proxy: the engine over the rule files (reloadable), the MySQL-protocol
 * server in front of it, the worker threads that run statements off the event loop, and what
 * operators watch (metrics, hotspots, the flagged-statement log). Built in one line; what
 * {@code serve} and {@code demo} start, and what tests start on an ephemeral port.
 */
public final class ShardgateServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShardgateServer.class);

    /** How long {@link #close()} lets running statements finish (serve --shutdown-timeout). */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private final ReloadableSessions sessions;
    private final ExecutorService workers;
    private final ProxyServer proxy;
    private final InetSocketAddress address;
    private final Hotspots hotspots;
    private final ProxyMetrics metrics;
    private final RuleReloader reloader;
    private volatile Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private volatile boolean stopping;
    private volatile AdminServer admin;
    private volatile InetSocketAddress adminAddress;

    private ShardgateServer(ReloadableSessions sessions, ExecutorService workers, ProxyServer proxy,
                            InetSocketAddress address, Hotspots hotspots, ProxyMetrics metrics, RuleReloader reloader) {
        this.sessions = sessions;
        this.workers = workers;
        this.proxy = proxy;
        this.address = address;
        this.hotspots = hotspots;
        this.metrics = metrics;
        this.reloader = reloader;
    }

    /** Starts the admin HTTP port (/health, /metrics) on {@code host:port} (port 0 = any free port). */
    public synchronized ShardgateServer withAdmin(String host, int port) {
        AdminServer server = new AdminServer(this::health, metrics::scrape, workers);
        adminAddress = server.start(host, port);
        admin = server;
        LOG.info("Shardgate admin (/health, /metrics) on {}:{}", adminAddress.getHostString(), adminAddress.getPort());
        return this;
    }

    /** How long {@link #close()} lets running statements finish before cancelling them. */
    public ShardgateServer withShutdownTimeout(Duration timeout) {
        this.shutdownTimeout = timeout;
        return this;
    }

    private AdminServer.Report health() {
        if (stopping) {
            return new AdminServer.Report(false, "stopping\n"); // so load balancers drain this instance
        }
        return new LeaderHealth(sessions.engine()).check();
    }

    public int adminPort() {
        return adminAddress == null ? -1 : adminAddress.getPort();
    }

    /** Starts the engine and the proxy on {@code host:port} (port 0 = any free port); rules not reloadable. */
    public static ShardgateServer start(List<RuleSet> rules, String host, int port, TlsConfig tls) {
        return start(rules, null, host, port, tls);
    }

    /**
     * Starts the engine and the proxy on {@code host:port} (port 0 = any free port).
     *
     * @param reloadFrom reads and validates the rule files again on a reload (SIGHUP,
     *                   RELOAD SHARDGATE RULES); null when the rules do not come from files
     */
    public static ShardgateServer start(List<RuleSet> rules, Supplier<List<RuleSet>> reloadFrom, String host, int port,
                                        TlsConfig tls) {
        Hotspots hotspots = new Hotspots();
        ReloadableSessions[] holder = new ReloadableSessions[1];
        ProxyMetrics metrics = new ProxyMetrics(() -> holder[0].engine(), hotspots);
        StatementLog statementLog = new StatementLog();
        ProxyOptions options = ProxyOptions.defaults();
        ReloadableSessions sessions = new ReloadableSessions(rules, ruleSets -> {
            Engine engine = new Engine(ruleSets, EngineOptions.defaults());
            engine.addObserver(metrics);
            engine.addObserver(hotspots);
            engine.addObserver(statementLog);
            return engine;
        }, options.maxPacketSize());
        holder[0] = sessions;
        RuleReloader reloader = new RuleReloader(reloadFrom, sessions::swap, sessions::generation);
        sessions.admin(new AdminCommands(reloader, hotspots));
        ExecutorService workers = Executors.newCachedThreadPool(threads("shardgate-session-"));
        try {
            ProxyServer proxy = new ProxyServer(sessions, tls, workers, options);
            InetSocketAddress address = proxy.start(host, port);
            LOG.info("Shardgate serving databases {} on {}:{}", sessions.engine().databases(), address.getHostString(),
                    address.getPort());
            return new ShardgateServer(sessions, workers, proxy, address, hotspots, metrics, reloader);
        } catch (RuntimeException e) {
            workers.shutdownNow();
            sessions.close();
            throw e;
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The engine of the rules in service now (a reload replaces it). */
    public Engine engine() {
        return sessions.engine();
    }

    public int port() {
        return address.getPort();
    }

    /** Reloads the rule files (what SIGHUP and RELOAD SHARDGATE RULES do). */
    public RuleReloader.Outcome reload() {
        return reloader.reload();
    }

    public RuleReloader reloader() {
        return reloader;
    }

    /** The rules generation in service (1 at start, +1 per successful reload). */
    public int generation() {
        return sessions.generation();
    }

    /** Rule generations whose engine is still open: 1, plus retired ones that sessions still run on. */
    public int openGenerations() {
        return sessions.openGenerations();
    }

    public Hotspots hotspots() {
        return hotspots;
    }

    public ProxyMetrics metrics() {
        return metrics;
    }

    /** Client connections open now. */
    public int connectionCount() {
        return proxy.connectionCount();
    }

    /**
     * Graceful stop: stops accepting, lets running statements finish (up to the shutdown
     * timeout), then closes client connections with ERR 1053 (open transactions roll back), and
     * closes the pools.
     */
    @Override
    public void close() {
        shutdown(shutdownTimeout);
    }

    public synchronized void shutdown(Duration timeout) {
        if (stopping) {
            return;
        }
        stopping = true;
        proxy.shutdown(timeout);
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sessions.close();
        if (admin != null) {
            admin.close();
        }
        LOG.info("Shardgate stopped");
    }
}
