package io.shardgate.proxy.protocol;

/**
 * One column of a result set (or one parameter of a prepared statement): names, collation,
 * display length in bytes, type, flags and decimals.
 *
 * @param characterSet collation id: 45 (utf8mb4_general_ci) for text, 63 (binary) for the rest
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query_response_text_resultset_column_definition.html">Protocol::ColumnDefinition41</a>
 */
public record ColumnDefinition41(String schema, String table, String orgTable, String name, String orgName,
                                 int characterSet, long columnLength, ColumnType type, int flags, int decimals)
        implements WirePacket {

    public static final int UTF8MB4_GENERAL_CI = 45;
    public static final int BINARY = 63;

    private static final String CATALOG = "def";
    private static final int FIXED_FIELDS_LENGTH = 0x0C;

    public boolean unsigned() {
        return (flags & ColumnFlags.UNSIGNED) != 0;
    }

    @Override
    public void encode(Payload out) {
        out.writeLenencString(CATALOG);
        out.writeLenencString(schema);
        out.writeLenencString(table);
        out.writeLenencString(orgTable);
        out.writeLenencString(name);
        out.writeLenencString(orgName);
        out.writeLenencInt(FIXED_FIELDS_LENGTH);
        out.writeInt2(characterSet);
        out.writeInt4(Math.min(columnLength, 0xFFFF_FFFFL));
        out.writeInt1(type.code());
        out.writeInt2(flags);
        out.writeInt1(decimals);
        out.writeInt2(0);
    }

    public static ColumnDefinition41 decode(Payload in) {
        String catalog = in.readLenencString();
        if (!CATALOG.equals(catalog)) {
            throw Payload.malformed("column definition catalog is '" + catalog + "', not 'def'");
        }
        String schema = in.readLenencString();
        String table = in.readLenencString();
        String orgTable = in.readLenencString();
        String name = in.readLenencString();
        String orgName = in.readLenencString();
        in.readLenencInt();
        int characterSet = in.readInt2();
        long length = in.readInt4();
        int typeCode = in.readInt1();
        ColumnType type = ColumnType.of(typeCode);
        if (type == null) {
            throw Payload.malformed("unknown column type 0x" + Integer.toHexString(typeCode));
        }
        int flags = in.readInt2();
        int decimals = in.readInt1();
        in.skip(2);
        return new ColumnDefinition41(schema, table, orgTable, name, orgName, characterSet, length, type, flags, decimals);
    }
}
