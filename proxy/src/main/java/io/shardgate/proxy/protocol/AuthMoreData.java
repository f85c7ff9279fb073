package io.shardgate.proxy.protocol;

/**
 * Extra auth data from the server: caching_sha2_password's fast-auth-success (0x03) and
 * perform-full-authentication (0x04) markers, and the PEM public key.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_auth_more_data.html">Protocol::AuthMoreData</a>
 */
public record AuthMoreData(byte[] data) implements WirePacket {

    public static final int HEADER = 0x01;

    @Override
    public void encode(Payload out) {
        out.writeInt1(HEADER);
        out.writeBytes(data);
    }

    public static AuthMoreData decode(Payload in) {
        if (in.readInt1() != HEADER) {
            throw Payload.malformed("not an AuthMoreData packet");
        }
        return new AuthMoreData(in.readRestBytes());
    }
}
