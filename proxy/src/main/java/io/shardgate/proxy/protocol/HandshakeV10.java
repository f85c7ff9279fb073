package io.shardgate.proxy.protocol;

import java.util.Arrays;

/**
 * The server's greeting: protocol 10, version string, connection id, the 20-byte scramble (split
 * 8 + 12 with a NUL), capabilities, default collation, status and the default auth plugin.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_handshake_v10.html">Protocol::HandshakeV10</a>
 */
public record HandshakeV10(String serverVersion, long connectionId, byte[] authPluginData, int capabilities,
                           int characterSet, int statusFlags, String authPluginName) implements WirePacket {

    private static final int PROTOCOL_VERSION = 10;

    @Override
    public void encode(Payload out) {
        out.writeInt1(PROTOCOL_VERSION);
        out.writeNulString(serverVersion);
        out.writeInt4(connectionId);
        out.writeBytes(Arrays.copyOfRange(authPluginData, 0, 8));
        out.writeInt1(0);
        out.writeInt2(capabilities & 0xFFFF);
        out.writeInt1(characterSet);
        out.writeInt2(statusFlags);
        out.writeInt2(capabilities >>> 16);
        out.writeInt1(CapabilityFlags.has(capabilities, CapabilityFlags.PLUGIN_AUTH) ? authPluginData.length + 1 : 0);
        out.writeZeros(10);
        // part 2 is max(13, length - 8) bytes: the rest of the scramble and its NUL terminator.
        out.writeNulBytes(Arrays.copyOfRange(authPluginData, 8, authPluginData.length));
        if (CapabilityFlags.has(capabilities, CapabilityFlags.PLUGIN_AUTH)) {
            out.writeNulString(authPluginName);
        }
    }

    public static HandshakeV10 decode(Payload in) {
        int version = in.readInt1();
        if (version != PROTOCOL_VERSION) {
            throw Payload.malformed("not a HandshakeV10: protocol version " + version);
        }
        String serverVersion = in.readNulString();
        long connectionId = in.readInt4();
        byte[] part1 = in.readFixedBytes(8);
        in.skip(1);
        int capabilities = in.readInt2();
        int characterSet = in.readInt1();
        int status = in.readInt2();
        capabilities |= in.readInt2() << 16;
        int dataLength = in.readInt1();
        in.skip(10);
        byte[] part2 = in.readFixedBytes(Math.max(13, dataLength - 8));
        byte[] scramble = new byte[8 + part2.length - 1];
        System.arraycopy(part1, 0, scramble, 0, 8);
        System.arraycopy(part2, 0, scramble, 8, part2.length - 1);
        String plugin = CapabilityFlags.has(capabilities, CapabilityFlags.PLUGIN_AUTH) && in.isReadable() ? in.readNulString() : null;
        return new HandshakeV10(serverVersion, connectionId, scramble, capabilities, characterSet, status, plugin);
    }
}
