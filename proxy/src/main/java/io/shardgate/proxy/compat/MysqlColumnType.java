package io.shardgate.proxy.compat;

import io.shardgate.engine.metadata.TableCatalog.ColumnInfo;

import java.sql.Types;
import java.util.Locale;

/**
 * A column's type in MySQL's words, from the JDBC description the catalog holds (which comes from
 * MySQL, MariaDB or H2): {@code dataType} as information_schema.COLUMNS.DATA_TYPE ("varchar"),
 * {@code columnType} as COLUMN_TYPE and SHOW COLUMNS print it ("varchar(20)", "int unsigned").
 *
 * @param length    character length for text types, else null
 * @param precision numeric precision, else null
 * @param scale     numeric scale, else null
 */
record MysqlColumnType(String dataType, String columnType, Long length, Long precision, Long scale) {

    static MysqlColumnType of(ColumnInfo column) {
        String name = column.typeName() == null ? "" : column.typeName().toUpperCase(Locale.ROOT).trim();
        boolean unsigned = name.contains("UNSIGNED");
        String base = name.replace("UNSIGNED", "").replace("ZEROFILL", "").trim();
        int paren = base.indexOf('(');
        if (paren >= 0) {
            base = base.substring(0, paren).trim();
        }
        long size = column.size();
        String suffix = unsigned ? " unsigned" : "";
        return switch (base) {
            case "CHARACTER VARYING", "VARCHAR", "VARCHAR_IGNORECASE", "NVARCHAR" -> text("varchar", size);
            case "CHARACTER", "CHAR", "NCHAR" -> text("char", size);
            case "TINYINT" -> integer("tinyint", suffix, 3);
            case "SMALLINT" -> integer("smallint", suffix, 5);
            case "MEDIUMINT" -> integer("mediumint", suffix, 7);
            case "INT", "INTEGER" -> integer("int", suffix, 10);
            case "BIGINT" -> integer("bigint", suffix, unsigned ? 20 : 19);
            case "BOOLEAN", "BOOL" -> new MysqlColumnType("tinyint", "tinyint(1)", null, 3L, 0L);
            case "BIT" -> size <= 1 && column.jdbcType() == Types.BOOLEAN
                    ? new MysqlColumnType("tinyint", "tinyint(1)", null, 3L, 0L)
                    : new MysqlColumnType("bit", "bit(" + Math.max(1, size) + ")", null, size, null);
            case "DECIMAL", "NUMERIC", "DEC" -> new MysqlColumnType("decimal",
                    "decimal(" + size + "," + column.decimals() + ")" + suffix, null, size, (long) column.decimals());
            case "DOUBLE", "DOUBLE PRECISION", "FLOAT8" -> new MysqlColumnType("double", "double" + suffix, null, 22L, null);
            case "REAL", "FLOAT", "FLOAT4" -> column.jdbcType() == Types.DOUBLE || size > 24
                    ? new MysqlColumnType("double", "double" + suffix, null, 22L, null)
                    : new MysqlColumnType("float", "float" + suffix, null, 12L, null);
            case "DATE" -> new MysqlColumnType("date", "date", null, null, null);
            case "TIME", "TIME WITH TIME ZONE" -> temporal("time", column.decimals());
            case "DATETIME", "TIMESTAMP WITH TIME ZONE" -> temporal("datetime", column.decimals());
            case "TIMESTAMP" -> temporal("timestamp", column.decimals());
            case "YEAR" -> new MysqlColumnType("year", "year", null, null, null);
            case "TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT", "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB", "JSON",
                 "ENUM", "SET", "GEOMETRY" -> new MysqlColumnType(base.toLowerCase(Locale.ROOT),
                    base.toLowerCase(Locale.ROOT), base.endsWith("TEXT") ? size : null, null, null);
            case "CHARACTER LARGE OBJECT", "CLOB" -> new MysqlColumnType("longtext", "longtext", 4294967295L, null, null);
            case "BINARY LARGE OBJECT" -> new MysqlColumnType("longblob", "longblob", null, null, null);
            case "BINARY VARYING", "VARBINARY" -> new MysqlColumnType("varbinary", "varbinary(" + size + ")", size, null,
                    null);
            case "BINARY" -> new MysqlColumnType("binary", "binary(" + size + ")", size, null, null);
            case "UUID" -> text("char", 36);
            default -> new MysqlColumnType(base.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT), null, null, null);
        };
    }

    private static MysqlColumnType text(String type, long size) {
        return new MysqlColumnType(type, type + "(" + size + ")", size, null, null);
    }

    private static MysqlColumnType integer(String type, String suffix, long precision) {
        return new MysqlColumnType(type, type + suffix, null, precision, 0L);
    }

    private static MysqlColumnType temporal(String type, int fraction) {
        return new MysqlColumnType(type, fraction > 0 && fraction <= 6 ? type + "(" + fraction + ")" : type, null,
                null, null);
    }

    boolean isText() {
        return length != null && !dataType.contains("binary") && !dataType.contains("blob");
    }
}
