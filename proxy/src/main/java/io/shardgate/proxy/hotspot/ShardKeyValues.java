package io.shardgate.proxy.hotspot;

import io.shardgate.rules.config.TableRule;
import io.shardgate.sql.ColumnRef;
import io.shardgate.sql.DeleteStatement;
import io.shardgate.sql.InsertStatement;
import io.shardgate.sql.Predicate;
import io.shardgate.sql.SelectStatement;
import io.shardgate.sql.SqlStatement;
import io.shardgate.sql.SqlValue;
import io.shardgate.sql.TableRef;
import io.shardgate.sql.UpdateStatement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The shard-key values a statement names for one sharded table: the rows of an INSERT, and the
 * {@code key = v} / {@code key IN (…)} conditions of a WHERE that all its rows must satisfy (terms
 * of a top-level AND). Values print canonically (42, '42' and 42.0 read the same), since the
 * router places them by value. Conditions under OR or NOT are not counted: a hotspot is a key the
 * statement certainly touches.
 */
final class ShardKeyValues {

    private ShardKeyValues() {
    }

    static List<String> of(SqlStatement statement, List<Object> parameters, TableRule.Sharded table) {
        List<String> values = new ArrayList<>();
        if (statement instanceof InsertStatement insert) {
            if (!insert.table().equalsIgnoreCase(table.name())) {
                return values;
            }
            int column = indexOf(insert.columns(), table.shardKey());
            if (column < 0) {
                return values;
            }
            for (List<SqlValue> row : insert.rows()) {
                if (column < row.size()) {
                    add(values, row.get(column), parameters);
                }
            }
            return values;
        }
        Predicate where = statement instanceof SelectStatement select ? select.where()
                : statement instanceof UpdateStatement update ? update.where()
                : statement instanceof DeleteStatement delete ? delete.where() : null;
        if (where != null) {
            collect(where, parameters, statement.tables(), table, values);
        }
        return values;
    }

    private static void collect(Predicate predicate, List<Object> parameters, List<TableRef> tables,
                                TableRule.Sharded table, List<String> values) {
        if (predicate instanceof Predicate.And and) {
            for (Predicate term : and.terms()) {
                collect(term, parameters, tables, table, values);
            }
        } else if (predicate instanceof Predicate.Compare compare && compare.op() == Predicate.CompareOp.EQ
                && isKey(compare.column(), tables, table)) {
            add(values, compare.value(), parameters);
        } else if (predicate instanceof Predicate.In in && isKey(in.column(), tables, table)) {
            for (SqlValue value : in.values()) {
                add(values, value, parameters);
            }
        }
    }

    private static boolean isKey(ColumnRef column, List<TableRef> tables, TableRule.Sharded table) {
        if (!column.column().equalsIgnoreCase(table.shardKey())) {
            return false;
        }
        if (column.table() == null) {
            // unqualified: ours only when the statement names no other table
            return tables.stream().allMatch(ref -> ref.name().equalsIgnoreCase(table.name()));
        }
        return tables.stream().anyMatch(ref -> ref.name().equalsIgnoreCase(table.name())
                && (column.table().equalsIgnoreCase(ref.name()) || column.table().equalsIgnoreCase(ref.alias())));
    }

    private static int indexOf(List<String> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static void add(List<String> values, SqlValue value, List<Object> parameters) {
        if (value instanceof SqlValue.Param param && param.index() >= parameters.size()) {
            return;
        }
        Object resolved = value.resolve(parameters);
        if (resolved != null) {
            values.add(canonical(resolved));
        }
    }

    /** 42, 42.0 and '42' print alike; other strings as they are; bytes in hex. */
    static String canonical(Object value) {
        if (value instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        String text = value.toString();
        if (value instanceof Number || value instanceof String) {
            try {
                BigDecimal number = new BigDecimal(text.trim());
                return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
            } catch (NumberFormatException notNumeric) {
                return value instanceof String ? text : text.toLowerCase(Locale.ROOT);
            }
        }
        return text;
    }
}
