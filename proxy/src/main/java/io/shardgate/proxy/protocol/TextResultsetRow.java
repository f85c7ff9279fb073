package io.shardgate.proxy.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of a text result set: each value as a length-encoded string, NULL as 0xFB.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query_response_text_resultset_row.html">Text Resultset Row</a>
 */
public record TextResultsetRow(Object[] values, List<ColumnDefinition41> columns) implements WirePacket {

    @Override
    public void encode(Payload out) {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) {
                out.writeNull();
            } else {
                out.writeLenencBytes(TextProtocolValue.encode(value, columns.get(i)));
            }
        }
    }

    /** The row's values as text (null for NULL); for tests and tools, the server never reads rows. */
    public static List<String> decode(Payload in, int columnCount) {
        List<String> values = new ArrayList<>(columnCount);
        for (int i = 0; i < columnCount; i++) {
            if (in.peekNull()) {
                in.skip(1);
                values.add(null);
            } else {
                values.add(new String(in.readLenencBytes(), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
