package io.shardgate.proxy.protocol;

/**
 * Appends data to one parameter of a prepared statement before it is executed; no reply.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_stmt_send_long_data.html">COM_STMT_SEND_LONG_DATA</a>
 */
public record ComStmtSendLongData(long statementId, int parameterId, byte[] data) implements WirePacket {

    @Override
    public void encode(Payload out) {
        out.writeInt1(CommandType.STMT_SEND_LONG_DATA.code());
        out.writeInt4(statementId);
        out.writeInt2(parameterId);
        out.writeBytes(data);
    }

    public static ComStmtSendLongData decode(Payload in) {
        Commands.expect(in, CommandType.STMT_SEND_LONG_DATA);
        long statementId = in.readInt4();
        int parameterId = in.readInt2();
        return new ComStmtSendLongData(statementId, parameterId, in.readRestBytes());
    }
}
