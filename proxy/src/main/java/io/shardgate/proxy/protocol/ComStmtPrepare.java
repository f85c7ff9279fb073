package io.shardgate.proxy.protocol;

/**
 * Prepares a statement; answered by {@link ComStmtPrepareOk} and the parameter and column definitions.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_stmt_prepare.html">COM_STMT_PREPARE</a>
 */
public record ComStmtPrepare(String query) implements WirePacket {

    @Override
    public void encode(Payload out) {
        out.writeInt1(CommandType.STMT_PREPARE.code());
        out.writeRestString(query);
    }

    public static ComStmtPrepare decode(Payload in) {
        Commands.expect(in, CommandType.STMT_PREPARE);
        return new ComStmtPrepare(in.readRestString());
    }
}
