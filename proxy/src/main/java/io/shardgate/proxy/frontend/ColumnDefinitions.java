package io.shardgate.proxy.frontend;

import io.shardgate.engine.ColumnMeta;
import io.shardgate.proxy.protocol.ColumnDefinition41;
import io.shardgate.proxy.protocol.ColumnFlags;
import io.shardgate.proxy.protocol.ColumnType;
import io.shardgate.proxy.protocol.TimeValue;

import java.sql.Types;
import java.util.List;
import java.util.Locale;

/**
 * Maps the engine's {@link ColumnMeta} to the wire's ColumnDefinition41: the MySQL type from the
 * backend's type name (which knows MEDIUMINT, YEAR, JSON, TEXT, ENUM …) or else the JDBC type;
 * collation 45 (utf8mb4) for text and 63 (binary) for everything else; the length in bytes; flags.
 */
final class ColumnDefinitions {

    private static final int MAX_BYTES_PER_CHAR = 4;

    private ColumnDefinitions() {
    }

    static List<ColumnDefinition41> from(List<ColumnMeta> columns) {
        return columns.stream().map(ColumnDefinitions::from).toList();
    }

    /** The definition of a prepared statement's parameter, as MySQL describes one. */
    static ColumnDefinition41 parameter() {
        return new ColumnDefinition41("", "", "", "?", "", ColumnDefinition41.BINARY, 0, ColumnType.VAR_STRING,
                ColumnFlags.BINARY, 0);
    }

    static ColumnDefinition41 from(ColumnMeta meta) {
        String typeName = meta.typeName() == null ? "" : meta.typeName().toUpperCase(Locale.ROOT);
        boolean unsigned = meta.unsigned() || typeName.contains("UNSIGNED");
        String base = baseName(typeName);
        ColumnType type = byName(base);
        if (type == null) {
            type = byJdbcType(meta.jdbcType());
        }
        boolean text = isText(type, base, meta);
        int flags = 0;
        if (!meta.nullable()) {
            flags |= ColumnFlags.NOT_NULL;
        }
        if (meta.primaryKey()) {
            flags |= ColumnFlags.PRI_KEY;
        }
        if (unsigned && type.isNumeric()) {
            flags |= ColumnFlags.UNSIGNED;
        }
        if (meta.zerofill() && type.isNumeric()) {
            flags |= ColumnFlags.ZEROFILL;
        }
        if (meta.autoIncrement()) {
            flags |= ColumnFlags.AUTO_INCREMENT;
        }
        if (!text) {
            flags |= ColumnFlags.BINARY;
        }
        if (type.isBlob()) {
            flags |= ColumnFlags.BLOB;
        }
        if (base.equals("ENUM")) {
            flags |= ColumnFlags.ENUM;
        } else if (base.equals("SET")) {
            flags |= ColumnFlags.SET;
        }
        long length = blobCapacity(base);
        if (length == 0) {
            length = meta.length() > 0 ? meta.length() : defaultLength(type, meta.decimals());
            if (text && type != ColumnType.JSON && !type.isBlob()) {
                length = Math.min(0xFFFF_FFFFL, length * MAX_BYTES_PER_CHAR);
            }
        }
        int decimals = meta.decimals();
        if ((type == ColumnType.FLOAT || type == ColumnType.DOUBLE) && decimals == 0) {
            decimals = TimeValue.NOT_FIXED_DECIMALS;
        }
        return new ColumnDefinition41(nz(meta.schema()), nz(meta.table()), nz(meta.originalTable()),
                nz(meta.label()), nz(meta.name()), text ? ColumnDefinition41.UTF8MB4_GENERAL_CI : ColumnDefinition41.BINARY,
                length, type, flags, Math.max(0, Math.min(decimals, 0xFF)));
    }

    /**
     * The byte capacity MySQL reports for TEXT/BLOB columns, from which clients tell TINYTEXT,
     * TEXT, MEDIUMTEXT and LONGTEXT apart (all travel as type BLOB); 0 for other types.
     */
    private static long blobCapacity(String base) {
        return switch (base) {
            case "TINYBLOB", "TINYTEXT" -> 255;
            case "BLOB", "TEXT" -> 65_535;
            case "MEDIUMBLOB", "MEDIUMTEXT" -> 16_777_215;
            case "LONGBLOB", "LONGTEXT", "JSON" -> 0xFFFF_FFFFL;
            default -> 0;
        };
    }

    /** "BIGINT UNSIGNED" → "BIGINT", "VARCHAR(20)" → "VARCHAR". */
    private static String baseName(String typeName) {
        String name = typeName;
        int paren = name.indexOf('(');
        if (paren >= 0) {
            name = name.substring(0, paren);
        }
        return name.replace("UNSIGNED", "").replace("ZEROFILL", "").trim();
    }

    private static ColumnType byName(String base) {
        return switch (base) {
            case "TINYINT", "BOOL", "BOOLEAN" -> ColumnType.TINY;
            case "SMALLINT" -> ColumnType.SHORT;
            case "MEDIUMINT" -> ColumnType.INT24;
            case "INT", "INTEGER" -> ColumnType.LONG;
            case "BIGINT" -> ColumnType.LONGLONG;
            case "FLOAT" -> ColumnType.FLOAT;
            case "DOUBLE", "DOUBLE PRECISION" -> ColumnType.DOUBLE;
            case "DECIMAL", "NUMERIC", "DEC", "DECFLOAT" -> ColumnType.NEWDECIMAL;
            case "DATE" -> ColumnType.DATE;
            case "DATETIME", "TIMESTAMP WITH TIME ZONE" -> ColumnType.DATETIME;
            case "TIMESTAMP" -> ColumnType.TIMESTAMP;
            case "TIME", "TIME WITH TIME ZONE" -> ColumnType.TIME;
            case "YEAR" -> ColumnType.YEAR;
            case "CHAR", "CHARACTER", "BINARY", "ENUM", "SET", "UUID" -> ColumnType.STRING;
            case "VARCHAR", "CHARACTER VARYING", "VARBINARY", "BINARY VARYING", "VARCHAR_IGNORECASE" -> ColumnType.VAR_STRING;
            case "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB", "TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT",
                 "BINARY LARGE OBJECT", "CHARACTER LARGE OBJECT" -> ColumnType.BLOB;
            case "JSON" -> ColumnType.JSON;
            case "BIT" -> ColumnType.BIT;
            case "GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON",
                 "GEOMETRYCOLLECTION" -> ColumnType.GEOMETRY;
            case "NULL" -> ColumnType.NULL;
            default -> null;
        };
    }

    private static ColumnType byJdbcType(int jdbcType) {
        return switch (jdbcType) {
            case Types.BIT -> ColumnType.BIT;
            case Types.BOOLEAN, Types.TINYINT -> ColumnType.TINY;
            case Types.SMALLINT -> ColumnType.SHORT;
            case Types.INTEGER -> ColumnType.LONG;
            case Types.BIGINT -> ColumnType.LONGLONG;
            case Types.REAL -> ColumnType.FLOAT;
            case Types.FLOAT, Types.DOUBLE -> ColumnType.DOUBLE;
            case Types.NUMERIC, Types.DECIMAL -> ColumnType.NEWDECIMAL;
            case Types.CHAR, Types.NCHAR, Types.BINARY -> ColumnType.STRING;
            case Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB, Types.LONGVARBINARY, Types.BLOB ->
                    ColumnType.BLOB;
            case Types.DATE -> ColumnType.DATE;
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> ColumnType.TIME;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> ColumnType.DATETIME;
            case Types.NULL -> ColumnType.NULL;
            default -> ColumnType.VAR_STRING;
        };
    }

    private static boolean isText(ColumnType type, String base, ColumnMeta meta) {
        if (type == ColumnType.JSON) {
            return true;
        }
        if (type == ColumnType.STRING || type == ColumnType.VAR_STRING || type == ColumnType.VARCHAR || type.isBlob()) {
            if (base.contains("BINARY") || base.contains("BLOB")) {
                return false;
            }
            if (base.contains("TEXT") || base.contains("CHAR") || base.equals("ENUM") || base.equals("SET")
                    || base.equals("UUID")) {
                return true;
            }
            return !meta.binary() && meta.jdbcType() != Types.BINARY && meta.jdbcType() != Types.VARBINARY
                    && meta.jdbcType() != Types.LONGVARBINARY && meta.jdbcType() != Types.BLOB;
        }
        return false;
    }

    private static long defaultLength(ColumnType type, int decimals) {
        return switch (type) {
            case TINY -> 4;
            case SHORT -> 6;
            case INT24 -> 9;
            case LONG -> 11;
            case LONGLONG -> 20;
            case FLOAT -> 12;
            case DOUBLE -> 22;
            case NEWDECIMAL, DECIMAL -> 65;
            case DATE -> 10;
            case DATETIME, TIMESTAMP -> decimals > 0 && decimals <= 6 ? 20 + decimals : 19;
            case TIME -> decimals > 0 && decimals <= 6 ? 11 + decimals : 10;
            case YEAR -> 4;
            case BIT -> 1;
            case BLOB -> 65_535;
            case JSON -> 0xFFFF_FFFFL;
            default -> 255;
        };
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
