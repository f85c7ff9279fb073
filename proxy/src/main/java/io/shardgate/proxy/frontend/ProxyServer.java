package io.shardgate.proxy.frontend;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.shardgate.proxy.protocol.PacketDecoder;
import io.shardgate.proxy.protocol.PacketEncoder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The MySQL-protocol server: accepts clients, authenticates them against the
 * {@link SessionFactory}'s accounts and runs their commands on engine sessions. Statements run on
 * the given executor (blocking JDBC work never runs on Netty's event loops); the caller owns and
 * shuts down that executor. No static state: several servers may run in one JVM.
 *
 * <pre>{@code
 * ProxyServer server = new ProxyServer(sessions, TlsConfig.selfSigned("localhost"), Executors.newCachedThreadPool());
 * InetSocketAddress bound = server.start("0.0.0.0", 3307);
 * }</pre>
 */
public final class ProxyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final FrontendConnection.Shared shared;
    private static final Transport TRANSPORT = Transport.best();

    private final PacketEncoder encoder = new PacketEncoder();
    private EventLoopGroup acceptor;
    private EventLoopGroup io;
    private Channel serverChannel;

    public ProxyServer(SessionFactory sessions, TlsConfig tls, Executor workers) {
        this(sessions, tls, workers, ProxyOptions.defaults());
    }

    public ProxyServer(SessionFactory sessions, TlsConfig tls, Executor workers, ProxyOptions options) {
        this.shared = new FrontendConnection.Shared(Objects.requireNonNull(sessions, "sessions"),
                Objects.requireNonNull(tls, "tls"), Objects.requireNonNull(options, "options"), new ConnectionRegistry(),
                new ServerStatistics(), CachingSha2Password.withGeneratedKey(), new SecureRandom(),
                Objects.requireNonNull(workers, "workers"),
                options.directLane() ? new DirectLane(TRANSPORT) : null, TRANSPORT);
    }

    /**
     * Binds and starts accepting clients; port 0 picks a free port.
     *
     * @return the address actually bound
     */
    public synchronized InetSocketAddress start(String host, int port) {
        if (serverChannel != null) {
            throw new IllegalStateException("the proxy is already listening on " + serverChannel.localAddress());
        }
        Transport transport = shared.transport();
        acceptor = new MultiThreadIoEventLoopGroup(1, transport.handlers());
        io = new MultiThreadIoEventLoopGroup(shared.options().ioThreads(), transport.handlers());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, io)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        shared.options().writeBufferLowWaterMark(), shared.options().writeBufferHighWaterMark()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        FrontendConnection connection = new FrontendConnection(shared.registry().newId(), channel, shared);
                        channel.pipeline()
                                .addLast(FrontendHandler.DECODER, new PacketDecoder(shared.options().maxPacketSize()))
                                .addLast(FrontendHandler.ENCODER, encoder)
                                .addLast(FrontendHandler.HANDLER,
                                        new FrontendHandler(connection, shared.tls(), shared.options().maxPacketSize()));
                    }
                });
        ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutdownGroups();
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + bound.cause().getMessage()
                    + "; is another server using the port? choose another one with --port", bound.cause());
        }
        serverChannel = bound.channel();
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /**
     * Stops accepting, closes every client connection, waits (up to 10 s) until their engine
     * sessions are closed (open transactions rolled back), then stops the event loops.
     */
    public synchronized void stop() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
        }
        List<FrontendConnection> open = new ArrayList<>(shared.registry().all());
        open.forEach(FrontendConnection::kill);
        try {
            // Let open sessions roll back and return their backend connections before we return.
            CompletableFuture.allOf(open.stream().map(FrontendConnection::released).toArray(CompletableFuture[]::new))
                    .get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("{} client sessions were still busy {} s after stop; not waiting for them", open.stream()
                    .filter(c -> !c.released().isDone()).count(), STOP_GRACE.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("releasing client sessions failed", e);
        }
        shutdownGroups();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Graceful stop: stops accepting; every connection finishes the statement it is running, then
     * gets ERR 1053 (server shutdown) and is closed, rolling back its open transaction. Statements
     * still running after {@code timeout} are cancelled and their connections closed.
     */
    public synchronized void shutdown(Duration timeout) {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
        }
        List<FrontendConnection> open = new ArrayList<>(shared.registry().all());
        LOG.info("stopping: no new connections; {} open connection(s) finish their running statement (up to {} s)",
                open.size(), timeout.toSeconds());
        open.forEach(connection -> connection.shutdown("the proxy is stopping; statements that were running have "
                + "finished, open transactions were rolled back; reconnect, to another instance if there is one"));
        if (!awaitReleased(open, timeout)) {
            List<FrontendConnection> busy = open.stream().filter(c -> !c.released().isDone()).toList();
            LOG.warn("{} connection(s) still running a statement after {} s; cancelling them", busy.size(),
                    timeout.toSeconds());
            busy.forEach(FrontendConnection::kill);
            awaitReleased(busy, STOP_GRACE);
        }
        shutdownGroups();
    }

    private static boolean awaitReleased(List<FrontendConnection> connections, Duration timeout) {
        try {
            CompletableFuture.allOf(connections.stream().map(FrontendConnection::released)
                    .toArray(CompletableFuture[]::new)).get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            LOG.warn("releasing client sessions failed", e);
            return true;
        }
    }

    /** Client connections currently open. */
    public int connectionCount() {
        return shared.registry().size();
    }

    private void shutdownGroups() {
        for (EventLoopGroup group : new EventLoopGroup[] {acceptor, io}) {
            // Bounded: a stop that never returns would keep `serve` from exiting on SIGTERM (seen once
            // with an event loop that kept selecting after its group was asked to shut down).
            if (group != null && !group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS)) {
                LOG.warn("the event loops did not stop within 10 s; exiting without waiting for them");
            }
        }
        acceptor = null;
        io = null;
    }
}
