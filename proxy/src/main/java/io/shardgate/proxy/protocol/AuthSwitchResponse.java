package io.shardgate.proxy.protocol;

/**
 * The client's auth data for the plugin the server switched to (also the shape of every later
 * client packet of the auth exchange: public-key request, cleartext or RSA-encrypted password).
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_auth_switch_response.html">Protocol::AuthSwitchResponse</a>
 */
public record AuthSwitchResponse(byte[] data) implements WirePacket {

    @Override
    public void encode(Payload out) {
        out.writeBytes(data);
    }

    public static AuthSwitchResponse decode(Payload in) {
        return new AuthSwitchResponse(in.readRestBytes());
    }
}
