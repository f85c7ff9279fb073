package io.shardgate.proxy.protocol;

/**
 * Asks the client to authenticate again with another plugin, with fresh plugin data (for
 * mysql_native_password and caching_sha2_password: the 20-byte scramble and a NUL).
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_auth_switch_request.html">Protocol::AuthSwitchRequest</a>
 */
public record AuthSwitchRequest(String pluginName, byte[] pluginData) implements WirePacket {

    public static final int HEADER = 0xFE;

    @Override
    public void encode(Payload out) {
        out.writeInt1(HEADER);
        out.writeNulString(pluginName);
        out.writeNulBytes(pluginData);
    }

    public static AuthSwitchRequest decode(Payload in) {
        if (in.readInt1() != HEADER) {
            throw Payload.malformed("not an AuthSwitchRequest");
        }
        String plugin = in.readNulString();
        byte[] data = in.readRestBytes();
        if (data.length > 0 && data[data.length - 1] == 0) {
            data = java.util.Arrays.copyOf(data, data.length - 1);
        }
        return new AuthSwitchRequest(plugin, data);
    }
}
