package io.shardgate.proxy.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client's answer to the greeting: its capabilities, max packet size, collation, user, the
 * auth response for the plugin it chose, and optionally the database, plugin name and connection
 * attributes. Fields after the user are read only when the capability that introduces them is set.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_handshake_response.html">Protocol::HandshakeResponse41</a>
 */
public record HandshakeResponse41(int capabilities, long maxPacketSize, int characterSet, String user,
                                  byte[] authResponse, String database, String authPluginName,
                                  Map<String, String> attributes) implements WirePacket {

    @Override
    public void encode(Payload out) {
        out.writeInt4(capabilities);
        out.writeInt4(maxPacketSize);
        out.writeInt1(characterSet);
        out.writeZeros(23);
        out.writeNulString(user);
        if (CapabilityFlags.has(capabilities, CapabilityFlags.PLUGIN_AUTH_LENENC_CLIENT_DATA)) {
            out.writeLenencBytes(authResponse);
        } else {
            out.writeInt1(authResponse.length);
            out.writeBytes(authResponse);
        }
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CONNECT_WITH_DB)) {
            out.writeNulString(database == null ? "" : database);
        }
        if (CapabilityFlags.has(capabilities, CapabilityFlags.PLUGIN_AUTH)) {
            out.writeNulString(authPluginName == null ? "" : authPluginName);
        }
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CONNECT_ATTRS)) {
            ConnectAttributes.encode(out, attributes);
        }
    }

    public static HandshakeResponse41 decode(Payload in) {
        int capabilities = (int) in.readInt4();
        if (!CapabilityFlags.has(capabilities, CapabilityFlags.PROTOCOL_41)) {
            throw Payload.malformed("client does not speak protocol 4.1 (capabilities 0x"
                    + Integer.toHexString(capabilities) + ")");
        }
        long maxPacketSize = in.readInt4();
        int characterSet = in.readInt1();
        in.skip(23);
        String user = in.readNulString();
        byte[] authResponse;
        if (CapabilityFlags.has(capabilities, CapabilityFlags.PLUGIN_AUTH_LENENC_CLIENT_DATA)) {
            authResponse = in.readLenencBytes();
        } else if (CapabilityFlags.has(capabilities, CapabilityFlags.SECURE_CONNECTION)) {
            authResponse = in.readFixedBytes(in.readInt1());
        } else {
            authResponse = in.readNulBytes();
        }
        String database = null;
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CONNECT_WITH_DB) && in.isReadable()) {
            database = in.readNulString();
            if (database.isEmpty()) {
                database = null;
            }
        }
        String plugin = null;
        if (CapabilityFlags.has(capabilities, CapabilityFlags.PLUGIN_AUTH) && in.isReadable()) {
            plugin = in.readNulString();
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CONNECT_ATTRS) && in.isReadable()) {
            attributes = ConnectAttributes.decode(in);
        }
        return new HandshakeResponse41(capabilities, maxPacketSize, characterSet, user, authResponse, database,
                plugin, attributes);
    }
}
