package io.shardgate.proxy.protocol;

/**
 * Fetches up to {@code rows} rows from a prepared statement's open cursor.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_stmt_fetch.html">COM_STMT_FETCH</a>
 */
public record ComStmtFetch(long statementId, long rows) implements WirePacket {

    @Override
    public void encode(Payload out) {
        out.writeInt1(CommandType.STMT_FETCH.code());
        out.writeInt4(statementId);
        out.writeInt4(rows);
    }

    public static ComStmtFetch decode(Payload in) {
        Commands.expect(in, CommandType.STMT_FETCH);
        long statementId = in.readInt4();
        return new ComStmtFetch(statementId, in.readInt4());
    }
}
