package io.shardgate.proxy.protocol;

/**
 * Resets the session (transaction, variables, prepared statements) without re-authenticating; answered by OK.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_reset_connection.html">COM_RESET_CONNECTION</a>
 */
public record ComResetConnection() implements WirePacket {

    @Override
    public void encode(Payload out) {
        out.writeInt1(CommandType.RESET_CONNECTION.code());
    }

    public static ComResetConnection decode(Payload in) {
        Commands.expect(in, CommandType.RESET_CONNECTION);
        return new ComResetConnection();
    }
}
