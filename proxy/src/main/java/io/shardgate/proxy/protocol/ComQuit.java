package io.shardgate.proxy.protocol;

/**
 * The client is closing the connection; no reply.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_quit.html">COM_QUIT</a>
 */
public record ComQuit() implements WirePacket {

    @Override
    public void encode(Payload out) {
        out.writeInt1(CommandType.QUIT.code());
    }

    public static ComQuit decode(Payload in) {
        Commands.expect(in, CommandType.QUIT);
        return new ComQuit();
    }
}
