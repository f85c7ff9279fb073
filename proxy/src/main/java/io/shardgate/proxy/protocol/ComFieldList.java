package io.shardgate.proxy.protocol;

/**
 * Lists a table's columns (deprecated, but the mysql CLI's auto-rehash sends it per table). The
 * answer is one {@link Column} per column, then EOF (or OK with header 0xFE under DEPRECATE_EOF).
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_field_list.html">COM_FIELD_LIST</a>
 */
public record ComFieldList(String table, String wildcard) implements WirePacket {

    @Override
    public void encode(Payload out) {
        out.writeInt1(CommandType.FIELD_LIST.code());
        out.writeNulString(table);
        out.writeRestString(wildcard == null ? "" : wildcard);
    }

    public static ComFieldList decode(Payload in) {
        Commands.expect(in, CommandType.FIELD_LIST);
        String table = in.readNulString();
        return new ComFieldList(table, in.readRestString());
    }

    /** A column definition followed by its default value, as only COM_FIELD_LIST answers carry. */
    public record Column(ColumnDefinition41 definition, String defaultValue) implements WirePacket {

        @Override
        public void encode(Payload out) {
            definition.encode(out);
            if (defaultValue == null) {
                out.writeNull();
            } else {
                out.writeLenencString(defaultValue);
            }
        }
    }
}
