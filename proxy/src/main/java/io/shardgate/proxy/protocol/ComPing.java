package io.shardgate.proxy.protocol;

/**
 * Checks that the server is alive; answered by OK.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_ping.html">COM_PING</a>
 */
public record ComPing() implements WirePacket {

    @Override
    public void encode(Payload out) {
        out.writeInt1(CommandType.PING.code());
    }

    public static ComPing decode(Payload in) {
        Commands.expect(in, CommandType.PING);
        return new ComPing();
    }
}
