package io.shardgate.proxy.server;

import io.shardgate.engine.Engine;
import io.shardgate.proxy.admin.AdminServer;
import io.shardgate.proxy.admin.LeaderHealth;
import io.shardgate.proxy.admin.PoolMetrics;
import io.shardgate.engine.EngineOptions;
import io.shardgate.proxy.frontend.ProxyOptions;
import io.shardgate.proxy.frontend.ProxyServer;
import io.shardgate.proxy.frontend.TlsConfig;
import io.shardgate.rules.config.RuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running Shardgate proxy: the engine over the rule files, the MySQL-protocol server in front
 * of it, and the worker threads that run statements off the event loop. Built in one line; what
 * {@code serve} and {@code demo} start, and what tests start on an ephemeral port.
 */
public final class ShardgateServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShardgateServer.class);

    private final Engine engine;
    private final ExecutorService workers;
    private final ProxyServer proxy;
    private final InetSocketAddress address;
    private volatile AdminServer admin;
    private volatile InetSocketAddress adminAddress;

    private ShardgateServer(Engine engine, ExecutorService workers, ProxyServer proxy, InetSocketAddress address) {
        this.engine = engine;
        this.workers = workers;
        this.proxy = proxy;
        this.address = address;
    }

    /** Starts the admin HTTP port (/health, /metrics) on {@code host:port} (port 0 = any free port). */
    public synchronized ShardgateServer withAdmin(String host, int port) {
        AdminServer server = new AdminServer(new LeaderHealth(engine)::check, new PoolMetrics(engine)::scrape, workers);
        adminAddress = server.start(host, port);
        admin = server;
        LOG.info("Shardgate admin (/health, /metrics) on {}:{}", adminAddress.getHostString(), adminAddress.getPort());
        return this;
    }

    public int adminPort() {
        return adminAddress == null ? -1 : adminAddress.getPort();
    }

    /** Starts the engine and the proxy on {@code host:port} (port 0 = any free port). */
    public static ShardgateServer start(List<RuleSet> rules, String host, int port, TlsConfig tls) {
        Engine engine = new Engine(rules, EngineOptions.defaults());
        ExecutorService workers = Executors.newCachedThreadPool(threads("shardgate-session-"));
        try {
            ProxyOptions options = ProxyOptions.defaults();
            ProxyServer proxy = new ProxyServer(new EngineSessions(engine, rules, options.maxPacketSize()), tls, workers,
                    options);
            InetSocketAddress address = proxy.start(host, port);
            LOG.info("Shardgate serving databases {} on {}:{}", engine.databases(), address.getHostString(),
                    address.getPort());
            return new ShardgateServer(engine, workers, proxy, address);
        } catch (RuntimeException e) {
            workers.shutdownNow();
            engine.close();
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

    public Engine engine() {
        return engine;
    }

    public int port() {
        return address.getPort();
    }

    /** Stops accepting, closes client connections (rolling back their transactions), then the pools. */
    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
        proxy.stop();
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.close();
        LOG.info("Shardgate stopped");
    }
}
