package io.shardgate.proxy.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of a binary result set (COM_STMT_EXECUTE, COM_STMT_FETCH): header 0x00, a NULL bitmap
 * whose first two bits are reserved (offset 2), then each non-null value in its column's binary form.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_binary_resultset.html#sect_protocol_binary_resultset_row">Binary Resultset Row</a>
 */
public record BinaryResultsetRow(Object[] values, List<ColumnDefinition41> columns) implements WirePacket {

    public static final int HEADER = 0x00;
    private static final int NULL_BITMAP_OFFSET = 2;

    @Override
    public void encode(Payload out) {
        out.writeInt1(HEADER);
        byte[] nullBitmap = new byte[(values.length + 7 + NULL_BITMAP_OFFSET) / 8];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                int bit = i + NULL_BITMAP_OFFSET;
                nullBitmap[bit / 8] |= (byte) (1 << (bit % 8));
            }
        }
        out.writeBytes(nullBitmap);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                BinaryProtocolValue.write(out, values[i], columns.get(i));
            }
        }
    }

    /** Reads a row back with the Java types a parameter would get; for tests. */
    public static List<Object> decode(Payload in, List<ColumnDefinition41> columns) {
        if (in.readInt1() != HEADER) {
            throw Payload.malformed("not a binary row");
        }
        byte[] nullBitmap = in.readFixedBytes((columns.size() + 7 + NULL_BITMAP_OFFSET) / 8);
        List<Object> values = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            int bit = i + NULL_BITMAP_OFFSET;
            boolean isNull = (nullBitmap[bit / 8] & (1 << (bit % 8))) != 0;
            values.add(isNull ? null : BinaryProtocolValue.read(in, columns.get(i).type(), columns.get(i).unsigned()));
        }
        return values;
    }
}
