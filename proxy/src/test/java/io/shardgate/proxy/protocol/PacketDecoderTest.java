package io.shardgate.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacketDecoderTest {

    private static final int MAX = PacketDecoder.MAX_PAYLOAD;

    /** Several packets (including an empty one) arrive intact whatever TCP splits them into. */
    @Test
    void decodesPacketsSplitAtEveryByteBoundary() {
        byte[] wire = concat(frame(0, bytes(5, 1)), frame(1, new byte[0]), frame(7, bytes(300, 2)), frame(255, bytes(1, 3)));
        for (int cut = 0; cut <= wire.length; cut++) {
            for (int second = cut; second <= wire.length; second += 7) {
                EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(1 << 20));
                channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(wire, 0, cut)));
                channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(wire, cut, second)));
                channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(wire, second, wire.length)));
                List<Packet> packets = readAll(channel);
                assertThat(packets).extracting(Packet::sequenceId).containsExactly(0, 1, 7, 255);
                assertThat(payloadOf(packets.get(0))).isEqualTo(bytes(5, 1));
                assertThat(payloadOf(packets.get(1))).isEmpty();
                assertThat(payloadOf(packets.get(2))).isEqualTo(bytes(300, 2));
                assertThat(payloadOf(packets.get(3))).isEqualTo(bytes(1, 3));
                packets.forEach(Packet::release);
                assertThat(channel.finish()).isFalse();
            }
        }
    }

    /** A payload of exactly 16,777,215 bytes is followed by an empty packet and comes out as one. */
    @Test
    void joinsAMaximalPacketWithItsEmptyTerminator() {
        byte[] payload = bytes(MAX, 9);
        byte[] wire = concat(frame(0, payload), frame(1, new byte[0]));
        for (int cut : new int[] {1, 3, 4, 5, MAX, MAX + 3, MAX + 4, MAX + 5, wire.length - 1}) {
            EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(64L << 20));
            channel.writeInbound(Unpooled.wrappedBuffer(wire, 0, cut));
            assertThat((Object) channel.readInbound()).isNull();
            channel.writeInbound(Unpooled.wrappedBuffer(wire, cut, wire.length - cut));
            List<Packet> packets = readAll(channel);
            assertThat(packets).hasSize(1);
            assertThat(packets.get(0).sequenceId()).isEqualTo(1);
            assertThat(packets.get(0).content().readableBytes()).isEqualTo(MAX);
            assertThat(payloadOf(packets.get(0))).isEqualTo(payload);
            packets.forEach(Packet::release);
        }
    }

    @Test
    void joinsPayloadsLargerThanOnePacket() {
        byte[] payload = bytes(2 * MAX + 1000, 4);
        byte[] wire = concat(frame(250, Arrays.copyOfRange(payload, 0, MAX)), frame(251, Arrays.copyOfRange(payload, MAX, 2 * MAX)),
                frame(252, Arrays.copyOfRange(payload, 2 * MAX, payload.length)), frame(0, bytes(2, 5)));
        EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(64L << 20));
        int step = 4_000_000;
        for (int offset = 0; offset < wire.length; offset += step) {
            channel.writeInbound(Unpooled.wrappedBuffer(wire, offset, Math.min(step, wire.length - offset)));
        }
        List<Packet> packets = readAll(channel);
        assertThat(packets).extracting(Packet::sequenceId).containsExactly(252, 0);
        assertThat(payloadOf(packets.get(0))).isEqualTo(payload);
        packets.forEach(Packet::release);
    }

    @Test
    void rejectsContinuationsOutOfSequence() {
        byte[] wire = concat(frame(0, bytes(MAX, 1)), frame(5, bytes(3, 1)));
        EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(64L << 20));
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(wire)))
                .isInstanceOf(DecoderException.class)
                .hasCauseInstanceOf(ShardgateException.class)
                .cause().satisfies(e -> assertThat(((ShardgateException) e).code()).isEqualTo(ErrorCode.PACKETS_OUT_OF_ORDER));
        channel.finishAndReleaseAll();
    }

    /** A client announcing a packet above max_allowed_packet is refused before the bytes are buffered. */
    @Test
    void rejectsPacketsAboveTheLimitFromTheHeaderAlone() {
        EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(1000));
        ByteBuf header = Unpooled.buffer().writeMediumLE(1001).writeByte(0);
        assertThatThrownBy(() -> channel.writeInbound(header))
                .isInstanceOf(DecoderException.class)
                .cause().satisfies(e -> assertThat(((ShardgateException) e).code()).isEqualTo(ErrorCode.PACKET_TOO_LARGE));
        channel.finishAndReleaseAll();
    }

    static byte[] frame(int sequence, byte[] payload) {
        byte[] frame = new byte[payload.length + 4];
        frame[0] = (byte) payload.length;
        frame[1] = (byte) (payload.length >> 8);
        frame[2] = (byte) (payload.length >> 16);
        frame[3] = (byte) sequence;
        System.arraycopy(payload, 0, frame, 4, payload.length);
        return frame;
    }

    static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        int total = 0;
        for (byte[] part : parts) {
            total += part.length;
        }
        byte[] all = new byte[total];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }

    static List<Packet> readAll(EmbeddedChannel channel) {
        List<Packet> packets = new ArrayList<>();
        Packet packet;
        while ((packet = channel.readInbound()) != null) {
            packets.add(packet);
        }
        return packets;
    }

    static byte[] payloadOf(Packet packet) {
        ByteBuf content = packet.content();
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        return bytes;
    }
}
