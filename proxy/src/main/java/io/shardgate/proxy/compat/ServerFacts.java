package io.shardgate.proxy.compat;

import io.shardgate.engine.ColumnMeta;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;

/**
 * What a MySQL server says about itself, independent of any session: global system variables (as
 * SHOW VARIABLES prints them), collations, character sets, engines and plugins. Read once from the
 * default group's leader when it speaks MySQL, so that clients see the real server's settings;
 * built in (a MySQL 8.0 with utf8mb4) when the backends are H2. Immutable.
 *
 * @param globals lower-case variable name → value text, sorted by name
 */
record ServerFacts(Map<String, String> globals, LocalTable collations, LocalTable characterSets, LocalTable engines,
                   LocalTable plugins) {

    /** The facts of a MySQL or MariaDB server, read over {@code connection}. */
    static ServerFacts read(Connection connection) throws SQLException {
        Map<String, String> globals = new TreeMap<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SHOW GLOBAL VARIABLES")) {
                while (rows.next()) {
                    globals.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2));
                }
            }
            return new ServerFacts(Collections.unmodifiableMap(globals), table(statement, "SHOW COLLATION"),
                    table(statement, "SHOW CHARACTER SET"), table(statement, "SHOW ENGINES"),
                    table(statement, "SHOW PLUGINS"));
        }
    }

    private static LocalTable table(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            List<ColumnMeta> columns = Columns.of(rows.getMetaData(), "");
            List<Object[]> all = new ArrayList<>();
            while (rows.next()) {
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rows.getObject(i + 1);
                }
                all.add(row);
            }
            return new LocalTable(columns, List.copyOf(all));
        }
    }

    /** The value text of a global variable, or null when the server has no such variable. */
    String global(String name) {
        return globals.get(name.toLowerCase(Locale.ROOT));
    }

    /** The collation with this id (the one-byte id clients send in the handshake), or null. */
    String collationName(int id) {
        int idColumn = collations.column("Id");
        for (Object[] row : collations.rows()) {
            if (row[idColumn] instanceof Number number && number.intValue() == id) {
                return String.valueOf(row[0]);
            }
        }
        return null;
    }

    /** The character set of a collation, or null. */
    String charsetOf(String collation) {
        for (Object[] row : collations.rows()) {
            if (String.valueOf(row[0]).equalsIgnoreCase(collation)) {
                return String.valueOf(row[1]);
            }
        }
        return null;
    }

    /** The default collation of a character set, or null. */
    String defaultCollation(String charset) {
        String wanted = charset.equalsIgnoreCase("utf8") ? "utf8mb3" : charset;
        for (Object[] row : characterSets.rows()) {
            if (String.valueOf(row[0]).equalsIgnoreCase(wanted)
                    || String.valueOf(row[0]).equalsIgnoreCase(charset)) {
                return String.valueOf(row[2]);
            }
        }
        return null;
    }

    /** The facts the proxy states over H2 backends: those of a MySQL 8.0 whose default is utf8mb4. */
    static ServerFacts builtIn() {
        Map<String, String> globals = new TreeMap<>();
        String[][] variables = {
            {"auto_increment_increment", "1"}, {"auto_increment_offset", "1"}, {"autocommit", "ON"},
            {"big_tables", "OFF"}, {"character_set_client", "utf8mb4"}, {"character_set_connection", "utf8mb4"},
            {"character_set_database", "utf8mb4"}, {"character_set_filesystem", "binary"},
            {"character_set_results", "utf8mb4"}, {"character_set_server", "utf8mb4"},
            {"character_set_system", "utf8mb3"}, {"collation_connection", "utf8mb4_general_ci"},
            {"collation_database", "utf8mb4_general_ci"}, {"collation_server", "utf8mb4_general_ci"},
            {"default_storage_engine", "InnoDB"}, {"default_week_format", "0"}, {"div_precision_increment", "4"},
            {"explicit_defaults_for_timestamp", "ON"}, {"foreign_key_checks", "ON"},
            {"group_concat_max_len", "1024"}, {"have_ssl", "YES"}, {"hostname", "localhost"}, {"init_connect", ""},
            {"innodb_lock_wait_timeout", "50"}, {"interactive_timeout", "28800"}, {"license", "GPL"},
            {"lock_wait_timeout", "31536000"}, {"lower_case_table_names", "0"}, {"max_allowed_packet", "67108864"},
            {"max_connections", "151"}, {"max_execution_time", "0"}, {"net_buffer_length", "16384"},
            {"net_read_timeout", "30"}, {"net_write_timeout", "60"}, {"performance_schema", "OFF"},
            {"port", "3306"}, {"protocol_version", "10"}, {"read_only", "OFF"}, {"require_secure_transport", "OFF"},
            {"session_track_schema", "ON"}, {"session_track_state_change", "OFF"},
            {"session_track_system_variables", "time_zone,autocommit,character_set_client,character_set_results,character_set_connection"},
            {"session_track_transaction_info", "OFF"}, {"skip_name_resolve", "OFF"},
            {"sql_auto_is_null", "OFF"}, {"sql_big_selects", "ON"}, {"sql_mode",
                "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION"},
            {"sql_notes", "ON"}, {"sql_quote_show_create", "ON"}, {"sql_safe_updates", "OFF"},
            {"sql_select_limit", "18446744073709551615"}, {"sql_warnings", "OFF"},
            {"system_time_zone", TimeZone.getDefault().getDisplayName(false, TimeZone.SHORT, Locale.ROOT)},
            {"time_zone", "SYSTEM"}, {"transaction_isolation", "REPEATABLE-READ"},
            {"transaction_read_only", "OFF"}, {"tx_isolation", "REPEATABLE-READ"}, {"tx_read_only", "OFF"},
            {"unique_checks", "ON"}, {"version", "8.0.36"}, {"version_comment", "Shardgate"},
            {"version_compile_machine", "x86_64"}, {"version_compile_os", "Linux"}, {"wait_timeout", "28800"},
        };
        for (String[] variable : variables) {
            globals.put(variable[0], variable[1]);
        }
        Object[][] collations = {
            {"ascii_general_ci", "ascii", 11L, "Yes"}, {"ascii_bin", "ascii", 65L, ""},
            {"binary", "binary", 63L, "Yes"},
            {"latin1_swedish_ci", "latin1", 8L, "Yes"}, {"latin1_bin", "latin1", 47L, ""},
            {"latin1_general_ci", "latin1", 48L, ""},
            {"utf8mb3_general_ci", "utf8mb3", 33L, "Yes"}, {"utf8mb3_bin", "utf8mb3", 83L, ""},
            {"utf8mb3_unicode_ci", "utf8mb3", 192L, ""},
            {"utf8mb4_general_ci", "utf8mb4", 45L, "Yes"}, {"utf8mb4_bin", "utf8mb4", 46L, ""},
            {"utf8mb4_unicode_ci", "utf8mb4", 224L, ""}, {"utf8mb4_unicode_520_ci", "utf8mb4", 246L, ""},
            {"utf8mb4_0900_ai_ci", "utf8mb4", 255L, ""}, {"utf8mb4_0900_bin", "utf8mb4", 309L, ""},
        };
        List<Object[]> collationRows = new ArrayList<>();
        for (Object[] c : collations) {
            boolean pad = !String.valueOf(c[0]).contains("0900");
            collationRows.add(new Object[] {c[0], c[1], c[2], c[3], "Yes", 1L, pad ? "PAD SPACE" : "NO PAD"});
        }
        LocalTable collationTable = new LocalTable(List.of(Columns.text("Collation"), Columns.text("Charset"),
                Columns.unsignedNumber("Id"), Columns.text("Default"), Columns.text("Compiled"),
                Columns.unsignedNumber("Sortlen"), Columns.text("Pad_attribute")), List.copyOf(collationRows));
        LocalTable charsets = new LocalTable(List.of(Columns.text("Charset"), Columns.text("Description"),
                Columns.text("Default collation"), Columns.unsignedNumber("Maxlen")), List.of(
                new Object[] {"ascii", "US ASCII", "ascii_general_ci", 1L},
                new Object[] {"binary", "Binary pseudo charset", "binary", 1L},
                new Object[] {"latin1", "cp1252 West European", "latin1_swedish_ci", 1L},
                new Object[] {"utf8mb3", "UTF-8 Unicode", "utf8mb3_general_ci", 3L},
                new Object[] {"utf8mb4", "UTF-8 Unicode", "utf8mb4_general_ci", 4L}));
        LocalTable engines = LocalTable.ofText(List.of("Engine", "Support", "Comment", "Transactions", "XA",
                "Savepoints"), List.<Object[]>of(new Object[] {"InnoDB", "DEFAULT",
                "Supports transactions, row-level locking, and foreign keys", "YES", "YES", "YES"}));
        LocalTable plugins = LocalTable.ofText(List.of("Name", "Status", "Type", "Library", "License"), List.of(
                new Object[] {"mysql_native_password", "ACTIVE", "AUTHENTICATION", null, "GPL"},
                new Object[] {"caching_sha2_password", "ACTIVE", "AUTHENTICATION", null, "GPL"},
                new Object[] {"InnoDB", "ACTIVE", "STORAGE ENGINE", null, "GPL"}));
        return new ServerFacts(Collections.unmodifiableMap(globals), collationTable, charsets, engines, plugins);
    }
}
