package io.shardgate.proxy.protocol;

import io.shardgate.error.ErrorCode;

/**
 * Failure: MySQL error number, SQLSTATE and message.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_err_packet.html">ERR_Packet</a>
 */
public record ErrPacket(int errorCode, String sqlState, String message) implements WirePacket {

    public static final int HEADER = 0xFF;

    public static ErrPacket of(ErrorCode code, Object... args) {
        return new ErrPacket(code.mysqlCode(), code.sqlState(), code.format(args));
    }

    @Override
    public void encode(Payload out) {
        out.writeInt1(HEADER);
        out.writeInt2(errorCode);
        out.writeInt1('#');
        out.writeRestString(normalizedState());
        out.writeRestString(message == null ? "" : message);
    }

    private String normalizedState() {
        String state = sqlState == null || sqlState.length() != 5 ? "HY000" : sqlState;
        return state;
    }

    public static ErrPacket decode(Payload in) {
        if (in.readInt1() != HEADER) {
            throw Payload.malformed("not an ERR packet");
        }
        int code = in.readInt2();
        String state = "HY000";
        if (in.isReadable() && in.peekInt1() == '#') {
            in.skip(1);
            state = in.readFixedString(5);
        }
        return new ErrPacket(code, state, in.readRestString());
    }
}
