package io.shardgate.proxy.compat;

import io.shardgate.engine.metadata.TableCatalog.ColumnInfo;
import io.shardgate.engine.metadata.TableCatalog.TableInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SHOW [FULL] COLUMNS / DESCRIBE, SHOW CREATE TABLE and SHOW INDEX of a logical table, written from
 * the catalog's description in MySQL's format: for backends that cannot answer these themselves
 * (H2). MySQL and MariaDB backends answer them, with everything the catalog does not know
 * (secondary indexes, table options), and the engine puts the logical name in their answer.
 */
final class TableDescriptions {

    private TableDescriptions() {
    }

    static LocalTable columns(TableInfo table, boolean full, String like, String collation) {
        Pattern pattern = like == null ? null : LocalTable.likePattern(like);
        List<Object[]> rows = new ArrayList<>();
        for (ColumnInfo column : table.columns()) {
            if (pattern != null && !pattern.matcher(column.name()).matches()) {
                continue;
            }
            MysqlColumnType type = MysqlColumnType.of(column);
            String key = isKey(table, column) ? "PRI" : "";
            String extra = column.autoIncrement() ? "auto_increment" : "";
            String nullable = column.nullable() ? "YES" : "NO";
            rows.add(full
                    ? new Object[] {column.name(), type.columnType(), type.isText() ? collation : null, nullable, key,
                        column.defaultValue(), extra, "select,insert,update,references",
                        column.remarks() == null ? "" : column.remarks()}
                    : new Object[] {column.name(), type.columnType(), nullable, key, column.defaultValue(), extra});
        }
        List<String> labels = full
                ? List.of("Field", "Type", "Collation", "Null", "Key", "Default", "Extra", "Privileges", "Comment")
                : List.of("Field", "Type", "Null", "Key", "Default", "Extra");
        return LocalTable.ofText(labels, rows);
    }

    static LocalTable createTable(TableInfo table, String charset, String collation) {
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(quote(table.name())).append(" (\n");
        List<String> lines = new ArrayList<>();
        for (ColumnInfo column : table.columns()) {
            MysqlColumnType type = MysqlColumnType.of(column);
            StringBuilder line = new StringBuilder("  ").append(quote(column.name())).append(' ').append(type.columnType());
            if (!column.nullable()) {
                line.append(" NOT NULL");
            }
            if (column.autoIncrement()) {
                line.append(" AUTO_INCREMENT");
            } else if (column.defaultValue() != null) {
                line.append(" DEFAULT ").append(column.defaultValue());
            } else if (column.nullable()) {
                line.append(" DEFAULT NULL");
            }
            lines.add(line.toString());
        }
        if (!table.primaryKey().isEmpty()) {
            lines.add("  PRIMARY KEY (" + String.join(",", table.primaryKey().stream().map(TableDescriptions::quote)
                    .toList()) + ")");
        }
        ddl.append(String.join(",\n", lines)).append("\n) ENGINE=InnoDB DEFAULT CHARSET=").append(charset)
                .append(" COLLATE=").append(collation);
        return LocalTable.ofText(List.of("Table", "Create Table"),
                List.<Object[]>of(new Object[] {table.name(), ddl.toString()}));
    }

    static LocalTable indexes(TableInfo table) {
        List<Object[]> rows = new ArrayList<>();
        int sequence = 1;
        for (String column : table.primaryKey()) {
            rows.add(new Object[] {table.name(), 0L, "PRIMARY", (long) sequence++, column, "A", null, null, null, "",
                "BTREE", "", "", "YES", null});
        }
        List<String> labels = List.of("Table", "Non_unique", "Key_name", "Seq_in_index", "Column_name", "Collation",
                "Cardinality", "Sub_part", "Packed", "Null", "Index_type", "Comment", "Index_comment", "Visible",
                "Expression");
        List<io.shardgate.engine.ColumnMeta> columns = new ArrayList<>();
        for (String label : labels) {
            columns.add(label.equals("Non_unique") || label.equals("Seq_in_index") || label.equals("Cardinality")
                    || label.equals("Sub_part") ? Columns.number(label) : Columns.text(label));
        }
        return new LocalTable(columns, rows);
    }

    static String createDatabase(String database, String charset, String collation) {
        return "CREATE DATABASE " + quote(database) + " /*!40100 DEFAULT CHARACTER SET " + charset + " COLLATE "
                + collation + " */";
    }

    private static boolean isKey(TableInfo table, ColumnInfo column) {
        return table.primaryKey().stream().anyMatch(k -> k.equalsIgnoreCase(column.name()));
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
