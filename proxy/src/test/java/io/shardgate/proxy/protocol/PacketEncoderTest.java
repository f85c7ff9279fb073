package io.shardgate.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.shardgate.proxy.protocol.PacketDecoderTest.bytes;
import static io.shardgate.proxy.protocol.PacketDecoderTest.concat;
import static io.shardgate.proxy.protocol.PacketDecoderTest.frame;
import static org.assertj.core.api.Assertions.assertThat;

class PacketEncoderTest {

    private static final int MAX = PacketDecoder.MAX_PAYLOAD;

    @Test
    void framesASmallPayloadWithLengthAndSequence() {
        assertThat(encode(3, new byte[] {1, 2, 3})).isEqualTo(new byte[] {3, 0, 0, 3, 1, 2, 3});
        assertThat(encode(0, new byte[0])).isEqualTo(new byte[] {0, 0, 0, 0});
    }

    /** Exactly 16,777,215 bytes need a second, empty packet, or the client would wait for more. */
    @Test
    void splitsAMaximalPayloadAndAddsTheEmptyTerminator() {
        byte[] payload = bytes(MAX, 7);
        assertThat(encode(254, payload)).isEqualTo(concat(frame(254, payload), frame(255, new byte[0])));
    }

    @Test
    void splitsLargerPayloadsWithConsecutiveSequenceIds() {
        byte[] payload = bytes(2 * MAX + 1, 8);
        byte[] expected = concat(frame(255, java.util.Arrays.copyOfRange(payload, 0, MAX)),
                frame(0, java.util.Arrays.copyOfRange(payload, MAX, 2 * MAX)),
                frame(1, java.util.Arrays.copyOfRange(payload, 2 * MAX, 2 * MAX + 1)));
        assertThat(encode(255, payload)).isEqualTo(expected);
        assertThat(PacketEncoder.physicalPackets(payload.length)).isEqualTo(3);
        assertThat(PacketEncoder.physicalPackets(MAX)).isEqualTo(2);
        assertThat(PacketEncoder.physicalPackets(MAX - 1)).isEqualTo(1);
    }

    /** What the encoder writes, the decoder reads back, around the 16 MB edges. */
    @Test
    void roundTripsThroughTheDecoder() {
        for (int length : new int[] {0, 1, 8191, 8192, MAX - 1, MAX, MAX + 1, 2 * MAX}) {
            byte[] payload = bytes(length, length);
            byte[] wire = encode(0, payload);
            EmbeddedChannel decoder = new EmbeddedChannel(new PacketDecoder(64L << 20));
            decoder.writeInbound(Unpooled.wrappedBuffer(wire));
            List<Packet> packets = PacketDecoderTest.readAll(decoder);
            assertThat(packets).hasSize(1);
            assertThat(packets.get(0).sequenceId()).isEqualTo((PacketEncoder.physicalPackets(length) - 1) & 0xFF);
            assertThat(PacketDecoderTest.payloadOf(packets.get(0))).isEqualTo(payload);
            packets.forEach(Packet::release);
        }
    }

    static byte[] encode(int sequence, byte[] payload) {
        EmbeddedChannel channel = new EmbeddedChannel(new PacketEncoder());
        channel.writeOutbound(new Packet(sequence, Unpooled.wrappedBuffer(payload)));
        ByteBuf all = Unpooled.buffer();
        ByteBuf piece;
        while ((piece = channel.readOutbound()) != null) {
            all.writeBytes(piece);
            piece.release();
        }
        byte[] bytes = new byte[all.readableBytes()];
        all.readBytes(bytes);
        all.release();
        channel.finish();
        return bytes;
    }
}
