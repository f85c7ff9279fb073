package io.shardgate.proxy.protocol;

/**
 * Deallocates a prepared statement; no reply.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_stmt_close.html">COM_STMT_CLOSE</a>
 */
public record ComStmtClose(long statementId) implements WirePacket {

    @Override
    public void encode(Payload out) {
        out.writeInt1(CommandType.STMT_CLOSE.code());
        out.writeInt4(statementId);
    }

    public static ComStmtClose decode(Payload in) {
        Commands.expect(in, CommandType.STMT_CLOSE);
        return new ComStmtClose(in.readInt4());
    }
}
