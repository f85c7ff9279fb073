package io.shardgate.proxy.protocol;

/**
 * The first packet of a result set: how many column definitions follow.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query_response_text_resultset.html">Text Resultset</a>
 */
public record ColumnCount(long count) implements WirePacket {

    @Override
    public void encode(Payload out) {
        out.writeLenencInt(count);
    }

    public static ColumnCount decode(Payload in) {
        return new ColumnCount(in.readLenencInt());
    }
}
