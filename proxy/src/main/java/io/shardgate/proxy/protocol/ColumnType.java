package io.shardgate.proxy.protocol;

/**
 * The MySQL column types as they appear on the wire (column definitions and binary parameters).
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/field__types_8h.html">enum_field_types</a>
 */
public enum ColumnType {
    DECIMAL(0x00), TINY(0x01), SHORT(0x02), LONG(0x03), FLOAT(0x04), DOUBLE(0x05), NULL(0x06),
    TIMESTAMP(0x07), LONGLONG(0x08), INT24(0x09), DATE(0x0A), TIME(0x0B), DATETIME(0x0C), YEAR(0x0D),
    NEWDATE(0x0E), VARCHAR(0x0F), BIT(0x10), TIMESTAMP2(0x11), DATETIME2(0x12), TIME2(0x13),
    TYPED_ARRAY(0x14), VECTOR(0xF2), INVALID(0xF3), BOOL(0xF4), JSON(0xF5), NEWDECIMAL(0xF6),
    ENUM(0xF7), SET(0xF8), TINY_BLOB(0xF9), MEDIUM_BLOB(0xFA), LONG_BLOB(0xFB), BLOB(0xFC),
    VAR_STRING(0xFD), STRING(0xFE), GEOMETRY(0xFF);

    private static final ColumnType[] BY_CODE = new ColumnType[256];

    static {
        for (ColumnType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;

    ColumnType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with this wire code, or null if the code is not a MySQL type. */
    public static ColumnType of(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }

    public boolean isInteger() {
        return this == TINY || this == SHORT || this == LONG || this == LONGLONG || this == INT24 || this == YEAR;
    }

    public boolean isDecimal() {
        return this == DECIMAL || this == NEWDECIMAL;
    }

    public boolean isNumeric() {
        return isInteger() || isDecimal() || this == FLOAT || this == DOUBLE;
    }

    public boolean isTemporal() {
        return this == DATE || this == NEWDATE || this == DATETIME || this == TIMESTAMP || this == TIME
                || this == DATETIME2 || this == TIMESTAMP2 || this == TIME2;
    }

    public boolean isBlob() {
        return this == TINY_BLOB || this == MEDIUM_BLOB || this == LONG_BLOB || this == BLOB;
    }
}
