package io.shardgate.proxy.protocol;

/**
 * The first 32 bytes of a HandshakeResponse41 with the SSL capability set, sent in the clear
 * before the TLS handshake; the real response follows inside TLS.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_ssl_request.html">Protocol::SSLRequest</a>
 */
public record SslRequest(int capabilities, long maxPacketSize, int characterSet) implements WirePacket {

    public static final int LENGTH = 32;

    /** True when the payload is an SSLRequest rather than a full handshake response. */
    public static boolean matches(Payload in) {
        return in.readableBytes() == LENGTH
                && CapabilityFlags.has((int) in.buffer().getUnsignedIntLE(in.buffer().readerIndex()), CapabilityFlags.SSL);
    }

    @Override
    public void encode(Payload out) {
        out.writeInt4(capabilities);
        out.writeInt4(maxPacketSize);
        out.writeInt1(characterSet);
        out.writeZeros(23);
    }

    public static SslRequest decode(Payload in) {
        int capabilities = (int) in.readInt4();
        long maxPacketSize = in.readInt4();
        int characterSet = in.readInt1();
        in.skip(23);
        return new SslRequest(capabilities, maxPacketSize, characterSet);
    }
}
