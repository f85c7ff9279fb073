package io.shardgate.proxy.protocol;

/**
 * Turns multi-statements on (0) or off (1) for the connection; answered by EOF.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_set_option.html">COM_SET_OPTION</a>
 */
public record ComSetOption(int option) implements WirePacket {

    @Override
    public void encode(Payload out) {
        out.writeInt1(CommandType.SET_OPTION.code());
        out.writeInt2(option);
    }

    public static ComSetOption decode(Payload in) {
        Commands.expect(in, CommandType.SET_OPTION);
        return new ComSetOption(in.readInt2());
    }
}
