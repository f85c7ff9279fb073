package io.shardgate.proxy.compat;

import io.shardgate.engine.ColumnMeta;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Column metadata of the results the proxy computes itself, typed as MySQL types them. */
final class Columns {

    private Columns() {
    }

    static ColumnMeta text(String label) {
        return new ColumnMeta("", "", "", label, label, Types.VARCHAR, "VARCHAR", 64, 0, true, false, false, false,
                false);
    }

    static ColumnMeta number(String label) {
        return new ColumnMeta("", "", "", label, label, Types.BIGINT, "BIGINT", 21, 0, true, false, false, false,
                false);
    }

    static ColumnMeta unsignedNumber(String label) {
        return new ColumnMeta("", "", "", label, label, Types.BIGINT, "BIGINT UNSIGNED", 20, 0, true, true, false,
                false, false);
    }

    /** INT UNSIGNED, as MySQL types SHOW WARNINGS' Code. */
    static ColumnMeta unsignedInt(String label) {
        return new ColumnMeta("", "", "", label, label, Types.INTEGER, "INT UNSIGNED", 4, 0, false, true, false, false,
                false);
    }

    /** The column a computed value gets: BIGINT for integers, DECIMAL, DOUBLE, NULL, else VARCHAR. */
    static ColumnMeta of(String label, Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return number(label);
        }
        if (value instanceof BigInteger) {
            return unsignedNumber(label);
        }
        if (value instanceof BigDecimal decimal) {
            return new ColumnMeta("", "", "", label, label, Types.DECIMAL, "DECIMAL", decimal.precision() + 2,
                    Math.max(0, decimal.scale()), true, false, false, false, false);
        }
        if (value instanceof Double) {
            return new ColumnMeta("", "", "", label, label, Types.DOUBLE, "DOUBLE", 22, 31, true, false, false, false,
                    false);
        }
        if (value == null) {
            return new ColumnMeta("", "", "", label, label, Types.VARCHAR, "VARCHAR", 0, 0, true, false, false, false,
                    false);
        }
        return new ColumnMeta("", "", "", label, label, Types.VARCHAR, "VARCHAR",
                Math.max(1, String.valueOf(value).length()), 0, true, false, false, false, false);
    }

    /** The NULL literal's column (MySQL types it NULL). */
    static ColumnMeta nullLiteral(String label) {
        return new ColumnMeta("", "", "", label, label, Types.NULL, "NULL", 0, 0, true, false, false, false, false);
    }

    /** A JDBC result's columns as the engine describes columns. */
    static List<ColumnMeta> of(ResultSetMetaData meta, String schema) throws SQLException {
        List<ColumnMeta> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String table = meta.getTableName(i) == null ? "" : meta.getTableName(i);
            long length = meta.getPrecision(i) > 0 && meta.getPrecision(i) < 1_000_000 ? meta.getPrecision(i) : 1024;
            columns.add(new ColumnMeta(schema, table, table, meta.getColumnLabel(i), meta.getColumnName(i),
                    meta.getColumnType(i), meta.getColumnTypeName(i), length, Math.max(0, meta.getScale(i)),
                    meta.isNullable(i) != ResultSetMetaData.columnNoNulls, !meta.isSigned(i)
                            && isNumeric(meta.getColumnType(i)), false, meta.isAutoIncrement(i), false));
        }
        return columns;
    }

    private static boolean isNumeric(int jdbcType) {
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC -> true;
            default -> false;
        };
    }
}
