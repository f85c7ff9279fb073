package io.shardgate.proxy.frontend;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderException;
import io.shardgate.proxy.protocol.Packet;
import io.shardgate.proxy.protocol.PacketDecoder;
import io.shardgate.proxy.protocol.SslRequest;

/**
 * The event-loop side of a connection: hands decoded packets to the {@link FrontendConnection}
 * (which works on a worker thread), relays writability and closure, and performs the one step that
 * must happen on the event loop: after an SSLRequest, TLS is put in front of the packet decoder
 * before another byte is decoded, and bytes already received (the TLS ClientHello) go through it.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {

    static final String DECODER = "mysql-decoder";
    static final String ENCODER = "mysql-encoder";
    static final String HANDLER = "mysql-frontend";
    private static final String TLS = "tls";
    private static final String TLS_DECODER = "mysql-decoder-tls";

    private final FrontendConnection connection;
    private final TlsConfig tls;
    private final long maxPacketSize;
    private boolean firstPacket = true;

    FrontendHandler(FrontendConnection connection, TlsConfig tls, long maxPacketSize) {
        this.connection = connection;
        this.tls = tls;
        this.maxPacketSize = maxPacketSize;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection.start();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Packet packet = (Packet) msg;
        if (firstPacket) {
            firstPacket = false;
            if (tls.enabled() && SslRequest.matches(packet.payload())) {
                int sequence = packet.sequenceId();
                packet.release();
                startTls(ctx);
                connection.tlsStarted(sequence);
                return;
            }
        }
        connection.receive(packet);
    }

    private void startTls(ChannelHandlerContext ctx) {
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addAfter(DECODER, TLS, tls.newHandler(ctx.alloc()));
        pipeline.addAfter(TLS, TLS_DECODER, new PacketDecoder(maxPacketSize));
        // Removing the plain decoder hands the bytes it still holds to the next handler: TLS.
        pipeline.remove(DECODER);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        connection.writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.closed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.failed(cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause);
    }
}
