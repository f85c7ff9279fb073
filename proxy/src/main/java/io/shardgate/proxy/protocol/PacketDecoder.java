package io.shardgate.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;

import java.util.List;

/**
 * Splits the byte stream into {@link Packet}s: a 3-byte little-endian payload length and a 1-byte
 * sequence id before each payload. A physical packet of exactly {@value #MAX_PAYLOAD} bytes is
 * continued by the next one (ids consecutive), ending with a shorter, possibly empty, packet; the
 * pieces are joined into one logical packet without copying. A logical packet larger than the
 * configured maximum fails the connection before it is buffered.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_packets.html#sect_protocol_basic_packets_sending_mt_16mb">Sending More Than 16Mb</a>
 */
public final class PacketDecoder extends ByteToMessageDecoder {

    /** The largest payload of one physical packet; a payload this long is continued. */
    public static final int MAX_PAYLOAD = 0xFF_FFFF;

    private static final int HEADER = 4;

    private final long maxPacketSize;
    private CompositeByteBuf pending;
    private int pendingSequence;
    private int pendingFirstSequence;
    private boolean failed;

    public PacketDecoder(long maxPacketSize) {
        this.maxPacketSize = maxPacketSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            // The stream is unusable after a framing error; the connection is being closed.
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            decodeOne(ctx, in, out);
        } catch (ShardgateException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private void decodeOne(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < HEADER) {
            return;
        }
        int start = in.readerIndex();
        int length = in.getUnsignedMediumLE(start);
        int sequence = in.getUnsignedByte(start + 3);
        if (pending != null && sequence != ((pendingSequence + 1) & 0xFF)) {
            throw new ShardgateException(ErrorCode.PACKETS_OUT_OF_ORDER,
                    "continuation packet has sequence id " + sequence + ", expected " + ((pendingSequence + 1) & 0xFF));
        }
        long total = (pending == null ? 0 : pending.readableBytes()) + (long) length;
        if (total > maxPacketSize) {
            throw new ShardgateException(ErrorCode.PACKET_TOO_LARGE, "at least " + total + " > " + maxPacketSize);
        }
        if (in.readableBytes() < HEADER + length) {
            return;
        }
        in.skipBytes(HEADER);
        ByteBuf piece = in.readRetainedSlice(length);
        if (length == MAX_PAYLOAD) {
            if (pending == null) {
                pending = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
                pendingFirstSequence = sequence;
            }
            pending.addComponent(true, piece);
            pendingSequence = sequence;
            return;
        }
        if (pending == null) {
            out.add(new Packet(sequence, piece));
        } else {
            pending.addComponent(true, piece);
            out.add(new Packet(pendingFirstSequence, sequence, pending));
            pending = null;
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }
}
