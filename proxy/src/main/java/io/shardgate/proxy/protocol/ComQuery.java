package io.shardgate.proxy.protocol;

/**
 * Runs a text statement (or several, with multi-statements on).
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query.html">COM_QUERY</a>
 */
public record ComQuery(String query) implements WirePacket {

    @Override
    public void encode(Payload out) {
        out.writeInt1(CommandType.QUERY.code());
        out.writeRestString(query);
    }

    public static ComQuery decode(Payload in) {
        Commands.expect(in, CommandType.QUERY);
        return new ComQuery(in.readRestString());
    }
}
