package io.shardgate.proxy.protocol;

/**
 * End of column definitions or rows for clients without CLIENT_DEPRECATE_EOF: warnings and status.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_eof_packet.html">EOF_Packet</a>
 */
public record EofPacket(int warnings, int statusFlags) implements WirePacket {

    public static final int HEADER = 0xFE;

    @Override
    public void encode(Payload out) {
        out.writeInt1(HEADER);
        out.writeInt2(Math.min(warnings, 0xFFFF));
        out.writeInt2(statusFlags);
    }

    /** True for an EOF packet (header 0xFE and shorter than 9 bytes, so not a length-encoded integer). */
    public static boolean matches(Payload in) {
        return in.readableBytes() < 9 && in.isReadable() && in.peekInt1() == HEADER;
    }

    public static EofPacket decode(Payload in) {
        if (in.readInt1() != HEADER) {
            throw Payload.malformed("not an EOF packet");
        }
        int warnings = in.readInt2();
        return new EofPacket(warnings, in.readInt2());
    }
}
