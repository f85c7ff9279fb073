package io.shardgate.proxy.protocol;

/**
 * Kills a connection by its id (the proxy's own ids).
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_process_kill.html">COM_PROCESS_KILL</a>
 */
public record ComProcessKill(long connectionId) implements WirePacket {

    @Override
    public void encode(Payload out) {
        out.writeInt1(CommandType.PROCESS_KILL.code());
        out.writeInt4(connectionId);
    }

    public static ComProcessKill decode(Payload in) {
        Commands.expect(in, CommandType.PROCESS_KILL);
        return new ComProcessKill(in.readInt4());
    }
}
