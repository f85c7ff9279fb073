package io.shardgate.proxy.protocol;

/**
 * Changes the default database (what USE does).
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_init_db.html">COM_INIT_DB</a>
 */
public record ComInitDb(String schema) implements WirePacket {

    @Override
    public void encode(Payload out) {
        out.writeInt1(CommandType.INIT_DB.code());
        out.writeRestString(schema);
    }

    public static ComInitDb decode(Payload in) {
        Commands.expect(in, CommandType.INIT_DB);
        return new ComInitDb(in.readRestString());
    }
}
