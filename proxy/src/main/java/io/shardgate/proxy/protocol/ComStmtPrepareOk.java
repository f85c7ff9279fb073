package io.shardgate.proxy.protocol;

/**
 * The answer to COM_STMT_PREPARE: statement id and the number of columns and parameters whose
 * definitions follow (each group ended by EOF unless CLIENT_DEPRECATE_EOF).
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_stmt_prepare.html#sect_protocol_com_stmt_prepare_response_ok">COM_STMT_PREPARE_OK</a>
 */
public record ComStmtPrepareOk(long statementId, int columns, int parameters, int warnings) implements WirePacket {

    @Override
    public void encode(Payload out) {
        out.writeInt1(0x00);
        out.writeInt4(statementId);
        out.writeInt2(columns);
        out.writeInt2(parameters);
        out.writeInt1(0x00);
        out.writeInt2(Math.min(warnings, 0xFFFF));
    }

    public static ComStmtPrepareOk decode(Payload in) {
        if (in.readInt1() != 0x00) {
            throw Payload.malformed("not a COM_STMT_PREPARE_OK");
        }
        long statementId = in.readInt4();
        int columns = in.readInt2();
        int parameters = in.readInt2();
        in.skip(1);
        int warnings = in.isReadable() ? in.readInt2() : 0;
        return new ComStmtPrepareOk(statementId, columns, parameters, warnings);
    }
}
