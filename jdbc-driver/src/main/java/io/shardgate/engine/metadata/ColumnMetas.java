package io.shardgate.engine.metadata;

import io.shardgate.engine.ColumnMeta;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Column metadata of a backend result in logical terms: the logical database as schema, logical
 * table names, and the flags MySQL clients read (NOT NULL, UNSIGNED, PRI_KEY, BINARY). With
 * Connector/J the exact MySQL column definition is read; other drivers give what JDBC exposes.
 */
public final class ColumnMetas {

    private ColumnMetas() {
    }

    public static List<ColumnMeta> of(ResultSetMetaData meta, String group, PhysicalNames names, String database)
            throws SQLException {
        if (meta instanceof com.mysql.cj.jdbc.result.ResultSetMetaData mysql) {
            return ofConnectorJ(mysql, group, names, database);
        }
        int count = meta.getColumnCount();
        List<ColumnMeta> columns = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String table = names.logical(group, meta.getTableName(i));
            int type = meta.getColumnType(i);
            boolean hasTable = table != null && !table.isEmpty();
            columns.add(new ColumnMeta(hasTable ? database : "", table == null ? "" : table, table == null ? "" : table,
                    meta.getColumnLabel(i), meta.getColumnName(i), type, meta.getColumnTypeName(i),
                    length(meta, i, type), Math.max(0, meta.getScale(i)),
                    meta.isNullable(i) != ResultSetMetaData.columnNoNulls,
                    isNumeric(type) && !meta.isSigned(i), false, meta.isAutoIncrement(i), isBinary(type)));
        }
        return columns;
    }

    private static List<ColumnMeta> ofConnectorJ(com.mysql.cj.jdbc.result.ResultSetMetaData meta, String group,
                                                 PhysicalNames names, String database) throws SQLException {
        com.mysql.cj.result.Field[] fields = meta.getFields();
        List<ColumnMeta> columns = new ArrayList<>(fields.length);
        for (int i = 0; i < fields.length; i++) {
            com.mysql.cj.result.Field f = fields[i];
            String original = names.logical(group, f.getOriginalTableName());
            String table = names.logical(group, f.getTableName());
            boolean hasTable = original != null && !original.isEmpty();
            columns.add(new ColumnMeta(hasTable ? database : "", nonNull(table), nonNull(original), f.getName(),
                    f.getOriginalName() == null || f.getOriginalName().isEmpty() ? f.getName() : f.getOriginalName(),
                    meta.getColumnType(i + 1), meta.getColumnTypeName(i + 1), f.getLength(), f.getDecimals(),
                    !f.isNotNull(), f.isUnsigned(), f.isPrimaryKey(), f.isAutoIncrement(), f.isBinary(), f.isZeroFill()));
        }
        return columns;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static long length(ResultSetMetaData meta, int i, int type) throws SQLException {
        if (isNumeric(type) || type == Types.DECIMAL || type == Types.NUMERIC) {
            int precision = meta.getPrecision(i);
            return precision > 0 ? precision : meta.getColumnDisplaySize(i);
        }
        return meta.getColumnDisplaySize(i);
    }

    static boolean isNumeric(int type) {
        return switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC,
                 Types.FLOAT, Types.REAL, Types.DOUBLE -> true;
            default -> false;
        };
    }

    static boolean isBinary(int type) {
        return type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY || type == Types.BLOB;
    }
}
