package io.shardgate.proxy.frontend;

import io.netty.channel.EventLoop;
import io.shardgate.engine.DirectRoute;
import io.shardgate.engine.backend.BackendServer;
import io.shardgate.proxy.backend.BackendEndpoint;
import io.shardgate.proxy.backend.BackendLink;
import io.shardgate.proxy.backend.BackendLinkException;
import io.shardgate.proxy.backend.BackendLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The direct lane: prepared-statement executions that one backend answers verbatim (a point select
 * by shard key, say) run entirely on the client's event loop over the proxy's own MySQL-protocol
 * connections to the backends, with no worker thread, no JDBC and no row decoding. Each event loop
 * has its own backend links (at most the group's {@code pool.max-size} per server and loop), so a
 * statement never waits for another thread. Everything else, and anything the lane cannot do for a
 * server (TLS the URL did not turn off, an unknown auth plugin, an unreachable server), goes the
 * engine's way, which is always correct; the lane is only faster.
 */
final class DirectLane {

    private static final Logger LOG = LoggerFactory.getLogger(DirectLane.class);
    private static final long REFUSED_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Map<EventLoop, BackendLinks> links = new ConcurrentHashMap<>();
    private final Map<BackendServer, Optional<BackendEndpoint>> endpoints = new ConcurrentHashMap<>();
    private final Map<BackendEndpoint, Long> pausedUntil = new ConcurrentHashMap<>();
    private final Transport transport;

    DirectLane(Transport transport) {
        this.transport = transport;
    }

    /**
     * Starts {@code execution} on {@code loop} (the caller's event loop); false when the lane cannot
     * take it now (nothing happened then: run it through the engine).
     */
    boolean start(EventLoop loop, DirectExecution execution) {
        DirectRoute route = execution.route();
        BackendEndpoint endpoint = endpoints.computeIfAbsent(route.server(), server -> {
            Optional<BackendEndpoint> found = BackendEndpoint.of(server.source());
            if (found.isEmpty()) {
                LOG.info("direct lane: {} stays on the JDBC path (its URL has options only JDBC honours)",
                        server.describe());
            }
            return found;
        }).orElse(null);
        if (endpoint == null || paused(endpoint)) {
            return false;
        }
        BackendLinks pool = links.computeIfAbsent(loop, l -> new BackendLinks(l, transport.socketChannel()));
        BackendLink idle = pool.idle(endpoint);
        if (idle != null) {
            execution.start(idle);
            return true;
        }
        return pool.open(endpoint, route.pool().maxSize(), route.pool().connectionTimeout(), execution::start,
                cause -> {
                    pause(endpoint, route.server(), cause);
                    execution.onFailure(cause);
                }) != null;
    }

    /** Gives a link back to its loop's pool (closed unless it is ready for the next command). */
    void release(EventLoop loop, BackendLink link) {
        if (link == null) {
            return;
        }
        BackendLinks pool = links.get(loop);
        if (pool == null) {
            link.close();
        } else {
            pool.release(link);
        }
    }

    private boolean paused(BackendEndpoint endpoint) {
        Long until = pausedUntil.get(endpoint);
        if (until == null) {
            return false;
        }
        if (System.nanoTime() - until < 0) {
            return true;
        }
        pausedUntil.remove(endpoint, until);
        return false;
    }

    /** A server the lane could not use: for good when it needs what the lane lacks, else for a moment. */
    private void pause(BackendEndpoint endpoint, BackendServer server, BackendLinkException cause) {
        if (cause.kind() == BackendLinkException.Kind.UNSUITABLE) {
            endpoints.put(server, Optional.empty());
            LOG.info("direct lane: {} stays on the JDBC path: {}", server.describe(), cause.getMessage());
        } else {
            pausedUntil.put(endpoint, System.nanoTime() + REFUSED_PAUSE_NANOS);
            LOG.debug("direct lane: {} refused a connection, JDBC path for 2 s: {}", server.describe(),
                    cause.getMessage());
        }
    }
}
