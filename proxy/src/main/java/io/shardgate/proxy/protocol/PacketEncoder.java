package io.shardgate.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.util.List;

/**
 * Frames outbound {@link Packet}s: payloads of {@value PacketDecoder#MAX_PAYLOAD} bytes or more are
 * split into physical packets with consecutive sequence ids, followed by an empty packet when the
 * payload is an exact multiple, as the protocol requires. Small payloads are copied behind their
 * header (one buffer per packet); large ones are sliced, not copied.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_packets.html#sect_protocol_basic_packets_sending_mt_16mb">Sending More Than 16Mb</a>
 */
@ChannelHandler.Sharable
public final class PacketEncoder extends MessageToMessageEncoder<Packet> {

    private static final int COPY_BELOW = 8192;

    public PacketEncoder() {
        super(Packet.class);
    }

    /** How many physical packets a payload of {@code length} bytes takes (sequence ids consumed). */
    public static int physicalPackets(int length) {
        return length / PacketDecoder.MAX_PAYLOAD + 1;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Packet packet, List<Object> out) {
        ByteBuf payload = packet.content();
        int sequence = packet.sequenceId();
        int length;
        do {
            length = Math.min(payload.readableBytes(), PacketDecoder.MAX_PAYLOAD);
            if (length < COPY_BELOW) {
                ByteBuf frame = ctx.alloc().buffer(4 + length);
                frame.writeMediumLE(length).writeByte(sequence);
                frame.writeBytes(payload, length);
                out.add(frame);
            } else {
                ByteBuf header = ctx.alloc().buffer(4);
                header.writeMediumLE(length).writeByte(sequence);
                out.add(ctx.alloc().compositeBuffer(2).addComponents(true, header, payload.readRetainedSlice(length)));
            }
            sequence = (sequence + 1) & 0xFF;
        } while (length == PacketDecoder.MAX_PAYLOAD);
    }
}
