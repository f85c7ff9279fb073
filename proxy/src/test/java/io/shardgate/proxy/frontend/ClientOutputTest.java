package io.shardgate.proxy.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.shardgate.proxy.protocol.Packet;
import io.shardgate.proxy.protocol.PacketDecoder;
import io.shardgate.proxy.protocol.PacketEncoder;
import io.shardgate.proxy.protocol.WirePacket;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@link ClientOutput} puts on the wire, read back with the proxy's own decoder: payloads,
 * their order and their sequence ids, for packets framed into its batch, payloads relayed as they
 * are, and payloads of 16 MB or more that span several physical packets.
 */
class ClientOutputTest {

    private static final int MAX = PacketDecoder.MAX_PAYLOAD;

    private final EmbeddedChannel channel = new EmbeddedChannel(new PacketEncoder());
    private final ClientOutput out = new ClientOutput(channel, Duration.ofSeconds(5));

    @Test
    void manySmallPacketsLeaveInFewWritesWithConsecutiveSequenceIds() {
        out.replyTo(0);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            byte[] row = bytes(20 + i % 50, i);
            sent.add(row);
            out.write(raw(row));
            out.awaitWritable(); // as ResultSetWriter does after every row
        }
        out.flush();
        List<ByteBuf> writes = outbound();
        assertThat(writes.size()).as("channel writes for 1,000 rows of ~45 bytes").isLessThan(10);
        List<Packet> packets = decode(writes);
        assertThat(packets).hasSize(1_000);
        for (int i = 0; i < packets.size(); i++) {
            assertThat(packets.get(i).sequenceId()).isEqualTo((i + 1) & 0xFF);
            assertThat(payloadOf(packets.get(i))).isEqualTo(sent.get(i));
        }
        assertThat(out.sequence()).isEqualTo(1_001 & 0xFF);
        packets.forEach(Packet::release);
    }

    /** Around the 16 MB edge a payload takes two physical packets: the next one's id skips one. */
    @Test
    void largePayloadsKeepTheirPlaceAndTheirSequenceIds() {
        out.replyTo(3);
        byte[] small = bytes(10, 1);
        byte[] belowEdge = bytes(MAX - 1, 2);
        byte[] atEdge = bytes(MAX, 3);
        byte[] aboveEdge = bytes(MAX + 7, 4);
        byte[] relayed = bytes(100, 5);
        out.write(raw(small));
        out.write(raw(belowEdge));
        out.write(raw(atEdge));
        out.write(raw(small));
        out.writePayload(Unpooled.wrappedBuffer(relayed));
        out.write(raw(aboveEdge));
        out.write(raw(small));
        out.flush();
        List<Packet> packets = decode(outbound());
        assertThat(packets).extracting(p -> payloadOf(p).length)
                .containsExactly(10, MAX - 1, MAX, 10, 100, MAX + 7, 10);
        // ids: 4; 5; 6 and 7 (two physical packets); 8; 9; 10 and 11; 12
        assertThat(packets).extracting(Packet::sequenceId).containsExactly(4, 5, 7, 8, 9, 11, 12);
        assertThat(payloadOf(packets.get(2))).isEqualTo(atEdge);
        assertThat(payloadOf(packets.get(4))).isEqualTo(relayed);
        assertThat(payloadOf(packets.get(5))).isEqualTo(aboveEdge);
        assertThat(out.sequence()).isEqualTo(13);
        packets.forEach(Packet::release);
    }

    /** A packet that fails to encode leaves nothing behind: the packets around it arrive intact. */
    @Test
    void aPacketThatFailsToEncodeIsDroppedWhole() {
        out.replyTo(0);
        out.write(raw(bytes(5, 1)));
        WirePacket broken = payload -> {
            payload.writeBytes(new byte[] {9, 9, 9});
            throw new IllegalArgumentException("value cannot be encoded");
        };
        assertThatThrownBy(() -> out.write(broken)).isInstanceOf(IllegalArgumentException.class);
        out.write(raw(bytes(6, 2)));
        out.flush();
        List<Packet> packets = decode(outbound());
        assertThat(packets).extracting(Packet::sequenceId).containsExactly(1, 2);
        assertThat(payloadOf(packets.get(0))).isEqualTo(bytes(5, 1));
        assertThat(payloadOf(packets.get(1))).isEqualTo(bytes(6, 2));
        packets.forEach(Packet::release);
    }

    private List<ByteBuf> outbound() {
        List<ByteBuf> writes = new ArrayList<>();
        Object message;
        while ((message = channel.readOutbound()) != null) {
            writes.add((ByteBuf) message);
        }
        return writes;
    }

    private static List<Packet> decode(List<ByteBuf> writes) {
        EmbeddedChannel decoder = new EmbeddedChannel(new PacketDecoder(64L << 20));
        for (ByteBuf write : writes) {
            decoder.writeInbound(write);
        }
        List<Packet> packets = new ArrayList<>();
        Object message;
        while ((message = decoder.readInbound()) != null) {
            packets.add((Packet) message);
        }
        return packets;
    }

    private static byte[] payloadOf(Packet packet) {
        ByteBuf content = packet.content();
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        return bytes;
    }

    private static WirePacket raw(byte[] payload) {
        return out -> out.writeBytes(payload);
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) seed);
        if (length > 0) {
            bytes[length - 1] = (byte) (seed * 31 + 7);
        }
        return bytes;
    }
}
