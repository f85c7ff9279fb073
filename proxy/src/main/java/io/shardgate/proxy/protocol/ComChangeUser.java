package io.shardgate.proxy.protocol;

import java.util.Map;

/**
 * Re-authenticates the connection as another (or the same) user and resets the session; the
 * exchange that follows is the connection phase's (auth switch, more data, then OK or ERR).
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_change_user.html">COM_CHANGE_USER</a>
 */
public record ComChangeUser(String user, byte[] authResponse, String database, int characterSet,
                            String authPluginName, Map<String, String> attributes) {

    /** Decodes with the capabilities negotiated at connect (they decide which fields are present). */
    public static ComChangeUser decode(Payload in, int capabilities) {
        Commands.expect(in, CommandType.CHANGE_USER);
        String user = in.readNulString();
        byte[] authResponse = CapabilityFlags.has(capabilities, CapabilityFlags.SECURE_CONNECTION)
                ? in.readFixedBytes(in.readInt1()) : in.readNulBytes();
        String database = in.isReadable() ? in.readNulString() : "";
        int characterSet = 0;
        String plugin = null;
        Map<String, String> attributes = Map.of();
        if (in.readableBytes() >= 2) {
            characterSet = in.readInt2();
            if (CapabilityFlags.has(capabilities, CapabilityFlags.PLUGIN_AUTH) && in.isReadable()) {
                plugin = in.readNulString();
            }
            if (CapabilityFlags.has(capabilities, CapabilityFlags.CONNECT_ATTRS) && in.isReadable()) {
                attributes = ConnectAttributes.decode(in);
            }
        }
        return new ComChangeUser(user, authResponse, database.isEmpty() ? null : database, characterSet, plugin, attributes);
    }

    public void encode(Payload out, int capabilities) {
        out.writeInt1(CommandType.CHANGE_USER.code());
        out.writeNulString(user);
        if (CapabilityFlags.has(capabilities, CapabilityFlags.SECURE_CONNECTION)) {
            out.writeInt1(authResponse.length);
            out.writeBytes(authResponse);
        } else {
            out.writeNulBytes(authResponse);
        }
        out.writeNulString(database == null ? "" : database);
        out.writeInt2(characterSet);
        if (CapabilityFlags.has(capabilities, CapabilityFlags.PLUGIN_AUTH)) {
            out.writeNulString(authPluginName == null ? "" : authPluginName);
        }
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CONNECT_ATTRS)) {
            ConnectAttributes.encode(out, attributes);
        }
    }
}
