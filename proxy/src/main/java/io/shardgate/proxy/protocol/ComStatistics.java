package io.shardgate.proxy.protocol;

/**
 * Asks for a one-line status string (uptime, threads, questions …).
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_statistics.html">COM_STATISTICS</a>
 */
public record ComStatistics() implements WirePacket {

    @Override
    public void encode(Payload out) {
        out.writeInt1(CommandType.STATISTICS.code());
    }

    public static ComStatistics decode(Payload in) {
        Commands.expect(in, CommandType.STATISTICS);
        return new ComStatistics();
    }

    /** The answer: the status line as the whole payload (no header byte). */
    public record Response(String text) implements WirePacket {

        @Override
        public void encode(Payload out) {
            out.writeRestString(text);
        }
    }
}
