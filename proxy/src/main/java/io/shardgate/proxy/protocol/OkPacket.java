package io.shardgate.proxy.protocol;

/**
 * Success: affected rows, last insert id, status flags, warning count and an info string. With
 * CLIENT_DEPRECATE_EOF the same layout with header 0xFE ends a result set instead of an EOF packet.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_ok_packet.html">OK_Packet</a>
 */
public record OkPacket(int header, long affectedRows, long lastInsertId, int statusFlags, int warnings, String info)
        implements WirePacket {

    public static final int HEADER = 0x00;
    public static final int EOF_HEADER = 0xFE;

    public static OkPacket of(long affectedRows, long lastInsertId, int statusFlags, int warnings) {
        return new OkPacket(HEADER, affectedRows, lastInsertId, statusFlags, warnings, "");
    }

    /** The OK packet that replaces EOF at the end of a result set under CLIENT_DEPRECATE_EOF. */
    public static OkPacket endOfRows(int statusFlags, int warnings) {
        return new OkPacket(EOF_HEADER, 0, 0, statusFlags, warnings, "");
    }

    @Override
    public void encode(Payload out) {
        out.writeInt1(header);
        out.writeLenencInt(affectedRows);
        out.writeLenencInt(lastInsertId);
        out.writeInt2(statusFlags);
        out.writeInt2(Math.min(warnings, 0xFFFF));
        if (info != null && !info.isEmpty()) {
            out.writeRestString(info);
        }
    }

    public static OkPacket decode(Payload in) {
        int header = in.readInt1();
        if (header != HEADER && header != EOF_HEADER) {
            throw Payload.malformed("not an OK packet: header 0x" + Integer.toHexString(header));
        }
        long affected = in.readLenencInt();
        long lastInsertId = in.readLenencInt();
        int status = in.readInt2();
        int warnings = in.readInt2();
        return new OkPacket(header, affected, lastInsertId, status, warnings, in.readRestString());
    }
}
