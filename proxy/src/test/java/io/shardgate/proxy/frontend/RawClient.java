package io.shardgate.proxy.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.shardgate.proxy.protocol.AuthMoreData;
import io.shardgate.proxy.protocol.CapabilityFlags;
import io.shardgate.proxy.protocol.HandshakeResponse41;
import io.shardgate.proxy.protocol.HandshakeV10;
import io.shardgate.proxy.protocol.OkPacket;
import io.shardgate.proxy.protocol.Payload;
import io.shardgate.proxy.protocol.WirePacket;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A minimal blocking MySQL client over a socket, built from the protocol classes, so tests can
 * check exact packets, flags and sequence ids that drivers hide.
 */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    HandshakeV10 greeting;
    int sequence;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Connects as app/secret with caching_sha2 fast auth and the given capabilities; asserts OK. */
    static RawClient login(int port, int capabilities) throws IOException {
        RawClient client = new RawClient(port);
        client.greeting = HandshakeV10.decode(client.read());
        byte[] auth = CachingSha2Password.scramble("secret", client.greeting.authPluginData());
        client.write(new HandshakeResponse41(capabilities, 1 << 24, 45, "app", auth, "shop", "caching_sha2_password", Map.of()));
        Payload reply = client.read();
        assertThat(AuthMoreData.decode(reply).data()).containsExactly(3);
        OkPacket ok = OkPacket.decode(client.read());
        assertThat(ok.header()).isZero();
        return client;
    }

    static int defaultCapabilities() {
        return CapabilityFlags.SERVER_DEFAULT;
    }

    /** Starts a command: sequence 0. */
    void command(WirePacket packet) throws IOException {
        sequence = 0;
        write(packet);
    }

    void write(WirePacket packet) throws IOException {
        ByteBuf buf = Unpooled.buffer();
        packet.encode(new Payload(buf));
        byte[] payload = new byte[buf.readableBytes()];
        buf.readBytes(payload);
        writeRaw(sequence++, payload);
    }

    void writeRaw(int seq, byte[] payload) throws IOException {
        byte[] frame = new byte[payload.length + 4];
        frame[0] = (byte) payload.length;
        frame[1] = (byte) (payload.length >> 8);
        frame[2] = (byte) (payload.length >> 16);
        frame[3] = (byte) seq;
        System.arraycopy(payload, 0, frame, 4, payload.length);
        out.write(frame);
        out.flush();
    }

    /** Reads one packet (no continuation support needed here) and checks its sequence id. */
    Payload read() throws IOException {
        int length = in.readUnsignedByte() | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16;
        int seq = in.readUnsignedByte();
        assertThat(seq).as("sequence id of the server's packet").isEqualTo(sequence & 0xFF);
        sequence = seq + 1;
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Payload(Unpooled.wrappedBuffer(payload));
    }

    /** True when the server closed the connection. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (EOFException | java.net.SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
