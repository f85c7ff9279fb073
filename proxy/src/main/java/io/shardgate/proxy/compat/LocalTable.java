package io.shardgate.proxy.compat;

import io.shardgate.engine.ColumnMeta;
import io.shardgate.engine.QueryResult;
import io.shardgate.engine.merge.ListCursor;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** A small result the proxy holds in memory: columns and rows (SHOW lists, information_schema tables). */
record LocalTable(List<ColumnMeta> columns, List<Object[]> rows) {

    /** A table of text columns. */
    static LocalTable ofText(List<String> labels, List<Object[]> rows) {
        return new LocalTable(labels.stream().map(Columns::text).toList(), rows);
    }

    QueryResult toResult() {
        return new QueryResult(columns, new ListCursor(rows), List.of());
    }

    /** The rows whose first column matches a MySQL LIKE pattern (case-insensitive); all for null. */
    LocalTable like(String pattern) {
        if (pattern == null) {
            return this;
        }
        Pattern regex = likePattern(pattern);
        List<Object[]> kept = new ArrayList<>();
        for (Object[] row : rows) {
            if (row[0] != null && regex.matcher(String.valueOf(row[0])).matches()) {
                kept.add(row);
            }
        }
        return new LocalTable(columns, kept);
    }

    /** A MySQL LIKE pattern (% and _, backslash escapes) as a case-insensitive regular expression. */
    static Pattern likePattern(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    /** The index of the column labelled {@code label} (any case), or -1. */
    int column(String label) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).label().toLowerCase(Locale.ROOT).equals(label.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The rows that satisfy a WHERE condition on the columns (SHOW VARIABLES WHERE Variable_name
     * IN (…)), evaluated by an in-memory H2 database in MySQL mode, names and text compared
     * without regard to case.
     *
     * @throws SQLException when the condition does not evaluate there
     */
    LocalTable where(String condition) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:h2:mem:;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;IGNORECASE=TRUE");
             Statement statement = connection.createStatement()) {
            StringBuilder ddl = new StringBuilder("CREATE TABLE \"T\" (\"#ROW\" INT");
            for (ColumnMeta column : columns) {
                boolean number = column.jdbcType() == Types.BIGINT || column.jdbcType() == Types.INTEGER;
                ddl.append(", \"").append(column.label().replace("\"", "")).append("\" ")
                        .append(number ? "BIGINT" : "VARCHAR");
            }
            statement.execute(ddl.append(')').toString());
            String insert = "INSERT INTO \"T\" VALUES (?" + ", ?".repeat(columns.size()) + ")";
            try (PreparedStatement rowsIn = connection.prepareStatement(insert)) {
                for (int r = 0; r < rows.size(); r++) {
                    rowsIn.setInt(1, r);
                    for (int c = 0; c < columns.size(); c++) {
                        Object value = rows.get(r)[c];
                        rowsIn.setObject(c + 2, value instanceof Number || value == null ? value : String.valueOf(value));
                    }
                    rowsIn.addBatch();
                }
                rowsIn.executeBatch();
            }
            List<Object[]> kept = new ArrayList<>();
            try (ResultSet matches = statement.executeQuery("SELECT \"#ROW\" FROM \"T\" WHERE " + condition
                    + " ORDER BY \"#ROW\"")) {
                while (matches.next()) {
                    kept.add(rows.get(matches.getInt(1)));
                }
            }
            return new LocalTable(columns, kept);
        }
    }
}
