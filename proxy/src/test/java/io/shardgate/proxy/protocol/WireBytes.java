package io.shardgate.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.HexFormat;

/** Test helpers: hex captures to payloads and packets to bytes. */
final class WireBytes {

    private WireBytes() {
    }

    static Payload payload(String hex) {
        return new Payload(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", ""))));
    }

    static Payload payload(byte[] bytes) {
        return new Payload(Unpooled.wrappedBuffer(bytes));
    }

    static byte[] encode(WirePacket packet) {
        ByteBuf buf = Unpooled.buffer();
        packet.encode(new Payload(buf));
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }

    static String hex(WirePacket packet) {
        return HexFormat.of().formatHex(encode(packet));
    }
}
