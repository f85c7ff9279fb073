package io.shardgate.proxy.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The admin HTTP port: {@code GET /health} (200 when every group has a reachable leader, else
 * 503 with what is down) and {@code GET /metrics} (Prometheus text). Answers are computed on a
 * worker thread: a health probe may wait on a backend, which must never stall the event loop.
 */
public final class AdminServer implements AutoCloseable {

    /** One answer: whether all is well, and the body. */
    public record Report(boolean ok, String body) {
    }

    private final Supplier<Report> health;
    private final Supplier<String> metrics;
    private final Executor workers;
    private EventLoopGroup group;
    private Channel channel;

    public AdminServer(Supplier<Report> health, Supplier<String> metrics, Executor workers) {
        this.health = health;
        this.metrics = metrics;
        this.workers = workers;
    }

    public synchronized InetSocketAddress start(String host, int port) {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192), new Handler());
                    }
                }).bind(host, port).syncUninterruptibly().channel();
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
            group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            channel = null;
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String path = request.uri().split("\\?", 2)[0];
            workers.execute(() -> {
                FullHttpResponse response;
                try {
                    response = switch (path) {
                        case "/health", "/ready" -> {
                            Report report = health.get();
                            yield response(report.ok() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                                    report.body(), "text/plain; charset=utf-8");
                        }
                        case "/live" -> response(HttpResponseStatus.OK, "alive\n", "text/plain; charset=utf-8");
                        case "/metrics" -> response(HttpResponseStatus.OK, metrics.get(),
                                "text/plain; version=0.0.4; charset=utf-8");
                        default -> response(HttpResponseStatus.NOT_FOUND,
                                "unknown path " + path + "; try /health, /live or /metrics\n", "text/plain; charset=utf-8");
                    };
                } catch (RuntimeException e) {
                    response = response(HttpResponseStatus.INTERNAL_SERVER_ERROR, e + "\n", "text/plain; charset=utf-8");
                }
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            });
        }
    }

    private static FullHttpResponse response(HttpResponseStatus status, String body, String type) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }
}
