package io.shardgate.engine;

import io.shardgate.engine.merge.RowStream;
import io.shardgate.engine.metadata.LocalColumns;
import io.shardgate.rules.config.DataNode;
import io.shardgate.sql.ShowStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SHOW statements the engine answers over the logical schema (tables, databases, warnings),
 * and the renaming of physical table names in SHOW results that come from a shard.
 */
final class SessionShow {

    private final ShardingSession session;
    private final LogicalDatabase db;

    SessionShow(ShardingSession session, LogicalDatabase db) {
        this.session = session;
        this.db = db;
    }

    /** The answer, or null when the statement goes to a backend. */
    ExecutionResult answer(ShowStatement show) {
        Pattern like = LocalResults.like(show.like());
        return switch (show.what()) {
            case "TABLES", "FULL TABLES" -> tables(show, like);
            case "DATABASES", "SCHEMAS" -> {
                List<Object> names = new ArrayList<>();
                for (String name : session.engine().databases()) {
                    if (LocalResults.matches(like, name)) {
                        names.add(name);
                    }
                }
                yield LocalResults.of(List.of(LocalColumns.text("Database")), LocalResults.rows(names), List.of());
            }
            case "WARNINGS", "ERRORS" -> {
                boolean errorsOnly = show.what().equals("ERRORS");
                List<Object[]> rows = new ArrayList<>();
                for (EngineWarning w : session.warnings()) {
                    if (!errorsOnly || w.level().equalsIgnoreCase("Error")) {
                        rows.add(new Object[] {w.level(), (long) w.code(), w.message()});
                    }
                }
                yield LocalResults.of(List.of(LocalColumns.text("Level"), LocalColumns.unsignedNumber("Code"),
                        LocalColumns.text("Message")), rows, List.of());
            }
            case "COUNT(*) WARNINGS", "COUNT(*) ERRORS" -> {
                boolean errorsOnly = show.what().endsWith("ERRORS");
                long count = session.warnings().stream()
                        .filter(w -> !errorsOnly || w.level().equalsIgnoreCase("Error")).count();
                String label = errorsOnly ? "@@session.error_count" : "@@session.warning_count";
                yield LocalResults.of(List.of(LocalColumns.number(label)), LocalResults.rows(List.of(count)), List.of());
            }
            case "TABLE STATUS" -> tableStatus(like);
            case "PROCESSLIST", "FULL PROCESSLIST" -> LocalResults.of(List.of(LocalColumns.number("Id"),
                    LocalColumns.text("User"), LocalColumns.text("Host"), LocalColumns.text("db"),
                    LocalColumns.text("Command"), LocalColumns.integer("Time"), LocalColumns.text("State"),
                    LocalColumns.text("Info")), List.of(), List.of());
            default -> null;
        };
    }

    private ExecutionResult tables(ShowStatement show, Pattern like) {
        boolean full = show.what().startsWith("FULL");
        List<Object[]> rows = new ArrayList<>();
        for (String table : db.catalog().tableNames()) {
            if (LocalResults.matches(like, table)) {
                rows.add(full ? new Object[] {table, "BASE TABLE"} : new Object[] {table});
            }
        }
        String label = "Tables_in_" + db.name() + (show.like() == null ? "" : " (" + strip(show.like()) + ")");
        List<io.shardgate.engine.ColumnMeta> columns = full
                ? List.of(LocalColumns.text(label), LocalColumns.text("Table_type"))
                : List.of(LocalColumns.text(label));
        return LocalResults.of(columns, rows, List.of());
    }

    private ExecutionResult tableStatus(Pattern like) {
        String[] labels = {"Name", "Engine", "Version", "Row_format", "Rows", "Avg_row_length", "Data_length",
                "Max_data_length", "Index_length", "Data_free", "Auto_increment", "Create_time", "Update_time",
                "Check_time", "Collation", "Checksum", "Create_options", "Comment"};
        List<io.shardgate.engine.ColumnMeta> columns = new ArrayList<>();
        for (String label : labels) {
            columns.add(LocalColumns.text(label));
        }
        List<Object[]> rows = new ArrayList<>();
        for (String table : db.catalog().tableNames()) {
            if (LocalResults.matches(like, table)) {
                Object[] row = new Object[labels.length];
                row[0] = table;
                row[1] = "InnoDB";
                row[3] = "Dynamic";
                row[17] = "";
                rows.add(row);
            }
        }
        return LocalResults.of(columns, rows, List.of());
    }

    private static String strip(String like) {
        return like.replaceAll("^['\"]|['\"]$", "");
    }

    /**
     * SHOW CREATE TABLE / SHOW INDEX / SHOW COLUMNS of a sharded table run on its first shard:
     * replace the physical table name by the logical one in the rows.
     */
    static RowStream logicalNames(RowStream rows, LogicalDatabase db, ShowStatement show) {
        String logical = show.tables().get(0).name();
        DataNode node = db.catalog().firstNode(logical);
        String physical = node.table();
        if (physical.equalsIgnoreCase(logical)) {
            return rows;
        }
        String quotedPhysical = "`" + physical + "`";
        String quotedLogical = "`" + logical + "`";
        return new RowStream() {
            private Object[] row;

            @Override
            public boolean next() {
                if (!rows.next()) {
                    row = null;
                    return false;
                }
                row = rows.row().clone();
                for (int i = 0; i < row.length; i++) {
                    if (row[i] instanceof String s) {
                        if (s.equalsIgnoreCase(physical)) {
                            row[i] = logical;
                        } else if (s.contains(quotedPhysical)) {
                            row[i] = s.replace(quotedPhysical, quotedLogical);
                        } else if (s.toLowerCase(Locale.ROOT).contains(quotedPhysical.toLowerCase(Locale.ROOT))) {
                            row[i] = s.replaceAll("(?i)" + Pattern.quote(quotedPhysical), quotedLogical);
                        }
                    }
                }
                return true;
            }

            @Override
            public Object[] row() {
                return row;
            }

            @Override
            public void close() {
                rows.close();
            }
        };
    }
}
