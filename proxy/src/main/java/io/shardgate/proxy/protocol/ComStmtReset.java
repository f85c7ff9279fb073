package io.shardgate.proxy.protocol;

/**
 * Drops the long data sent for a prepared statement and closes its cursor; answered by OK.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_stmt_reset.html">COM_STMT_RESET</a>
 */
public record ComStmtReset(long statementId) implements WirePacket {

    @Override
    public void encode(Payload out) {
        out.writeInt1(CommandType.STMT_RESET.code());
        out.writeInt4(statementId);
    }

    public static ComStmtReset decode(Payload in) {
        Commands.expect(in, CommandType.STMT_RESET);
        return new ComStmtReset(in.readInt4());
    }
}
