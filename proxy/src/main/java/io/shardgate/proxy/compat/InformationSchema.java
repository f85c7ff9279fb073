package io.shardgate.proxy.compat;

import io.shardgate.engine.Engine;
import io.shardgate.engine.LogicalDatabase;
import io.shardgate.engine.metadata.TableCatalog.ColumnInfo;
import io.shardgate.engine.metadata.TableCatalog.TableInfo;
import io.shardgate.proxy.compat.SqlTokens.Token;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * information_schema over the logical schema: the tables GUI tools and ORMs query (SCHEMATA,
 * TABLES, COLUMNS, STATISTICS, KEY_COLUMN_USAGE, TABLE_CONSTRAINTS, CHARACTER_SETS, COLLATIONS,
 * ENGINES; VIEWS, ROUTINES, TRIGGERS and REFERENTIAL_CONSTRAINTS empty) are filled from the
 * engine's catalog into a private in-memory H2 database (MySQL mode, case-insensitive names and
 * comparisons, as information_schema is), and the client's query runs there. So any shape of
 * query (joins, filters, ORDER BY, prepared markers) is answered, and shards never show: a sharded
 * table is one logical table, in its logical database. Built per query: these queries are rare
 * and the schema small, and a DDL is then seen at once.
 */
final class InformationSchema {

    private static final String URL = "jdbc:h2:mem:;MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
            + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;IGNORECASE=TRUE";

    /** Table → columns; a column name ending in '#' is a number, in '@' a timestamp, else text. */
    private static final Map<String, List<String>> TABLES = new LinkedHashMap<>();

    static {
        org.h2.Driver.load();
        define("SCHEMATA", "CATALOG_NAME SCHEMA_NAME DEFAULT_CHARACTER_SET_NAME DEFAULT_COLLATION_NAME SQL_PATH "
                + "DEFAULT_ENCRYPTION");
        define("TABLES", "TABLE_CATALOG TABLE_SCHEMA TABLE_NAME TABLE_TYPE ENGINE VERSION# ROW_FORMAT TABLE_ROWS# "
                + "AVG_ROW_LENGTH# DATA_LENGTH# MAX_DATA_LENGTH# INDEX_LENGTH# DATA_FREE# AUTO_INCREMENT# CREATE_TIME@ "
                + "UPDATE_TIME@ CHECK_TIME@ TABLE_COLLATION CHECKSUM# CREATE_OPTIONS TABLE_COMMENT");
        define("COLUMNS", "TABLE_CATALOG TABLE_SCHEMA TABLE_NAME COLUMN_NAME ORDINAL_POSITION# COLUMN_DEFAULT "
                + "IS_NULLABLE DATA_TYPE CHARACTER_MAXIMUM_LENGTH# CHARACTER_OCTET_LENGTH# NUMERIC_PRECISION# "
                + "NUMERIC_SCALE# DATETIME_PRECISION# CHARACTER_SET_NAME COLLATION_NAME COLUMN_TYPE COLUMN_KEY EXTRA "
                + "PRIVILEGES COLUMN_COMMENT GENERATION_EXPRESSION SRS_ID#");
        define("STATISTICS", "TABLE_CATALOG TABLE_SCHEMA TABLE_NAME NON_UNIQUE# INDEX_SCHEMA INDEX_NAME SEQ_IN_INDEX# "
                + "COLUMN_NAME COLLATION CARDINALITY# SUB_PART# PACKED NULLABLE INDEX_TYPE COMMENT INDEX_COMMENT "
                + "IS_VISIBLE EXPRESSION");
        define("KEY_COLUMN_USAGE", "CONSTRAINT_CATALOG CONSTRAINT_SCHEMA CONSTRAINT_NAME TABLE_CATALOG TABLE_SCHEMA "
                + "TABLE_NAME COLUMN_NAME ORDINAL_POSITION# POSITION_IN_UNIQUE_CONSTRAINT# REFERENCED_TABLE_SCHEMA "
                + "REFERENCED_TABLE_NAME REFERENCED_COLUMN_NAME");
        define("TABLE_CONSTRAINTS", "CONSTRAINT_CATALOG CONSTRAINT_SCHEMA CONSTRAINT_NAME TABLE_SCHEMA TABLE_NAME "
                + "CONSTRAINT_TYPE ENFORCED");
        define("REFERENTIAL_CONSTRAINTS", "CONSTRAINT_CATALOG CONSTRAINT_SCHEMA CONSTRAINT_NAME "
                + "UNIQUE_CONSTRAINT_CATALOG UNIQUE_CONSTRAINT_SCHEMA UNIQUE_CONSTRAINT_NAME MATCH_OPTION UPDATE_RULE "
                + "DELETE_RULE TABLE_NAME REFERENCED_TABLE_NAME");
        define("VIEWS", "TABLE_CATALOG TABLE_SCHEMA TABLE_NAME VIEW_DEFINITION CHECK_OPTION IS_UPDATABLE DEFINER "
                + "SECURITY_TYPE CHARACTER_SET_CLIENT COLLATION_CONNECTION");
        define("ROUTINES", "SPECIFIC_NAME ROUTINE_CATALOG ROUTINE_SCHEMA ROUTINE_NAME ROUTINE_TYPE DATA_TYPE "
                + "ROUTINE_BODY ROUTINE_DEFINITION EXTERNAL_NAME PARAMETER_STYLE IS_DETERMINISTIC SQL_DATA_ACCESS "
                + "SECURITY_TYPE CREATED@ LAST_ALTERED@ SQL_MODE ROUTINE_COMMENT DEFINER");
        define("TRIGGERS", "TRIGGER_CATALOG TRIGGER_SCHEMA TRIGGER_NAME EVENT_MANIPULATION EVENT_OBJECT_CATALOG "
                + "EVENT_OBJECT_SCHEMA EVENT_OBJECT_TABLE ACTION_ORDER# ACTION_STATEMENT ACTION_TIMING CREATED@ "
                + "SQL_MODE DEFINER");
        define("CHARACTER_SETS", "CHARACTER_SET_NAME DEFAULT_COLLATE_NAME DESCRIPTION MAXLEN#");
        define("COLLATIONS", "COLLATION_NAME CHARACTER_SET_NAME ID# IS_DEFAULT IS_COMPILED SORTLEN# PAD_ATTRIBUTE");
        define("ENGINES", "ENGINE SUPPORT COMMENT TRANSACTIONS XA SAVEPOINTS");
    }

    private static void define(String table, String columns) {
        TABLES.put(table, List.of(columns.split(" ")));
    }

    private final Engine engine;
    private final ServerFacts facts;

    InformationSchema(Engine engine, ServerFacts facts) {
        this.engine = engine;
        this.facts = facts;
    }

    /**
     * Runs a query (information_schema qualifiers already removed) over the logical schema.
     * DATABASE() and SCHEMA() mean the session's logical database.
     *
     * @throws SQLException when the query does not run there (it names other tables, or uses
     *                      syntax H2 lacks); the caller then lets the engine try it
     */
    LocalTable query(String sql, List<Object> parameters, String currentDatabase) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL)) {
            fill(connection);
            try (PreparedStatement statement = connection.prepareStatement(withDatabase(sql, currentDatabase))) {
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    List<io.shardgate.engine.ColumnMeta> columns = Columns.of(rows.getMetaData(), "information_schema");
                    List<Object[]> all = new ArrayList<>();
                    while (rows.next()) {
                        Object[] row = new Object[columns.size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = rows.getObject(i + 1);
                        }
                        all.add(row);
                    }
                    return new LocalTable(columns, all);
                }
            }
        }
    }

    /** MySQL functions H2 spells differently: DATABASE() is the session's, IF(c, a, b) is CASEWHEN. */
    private static String withDatabase(String sql, String database) {
        String literal = database == null ? "NULL" : "'" + database.replace("'", "''") + "'";
        StringBuilder out = new StringBuilder();
        List<Token> tokens = SqlTokens.tokenize(sql);
        int copied = 0;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token token = tokens.get(i);
            if ((token.is("DATABASE") || token.is("SCHEMA")) && tokens.get(i + 1).isSymbol("(")
                    && i + 2 < tokens.size() && tokens.get(i + 2).isSymbol(")")) {
                out.append(sql, copied, token.start()).append(literal);
                copied = tokens.get(i + 2).end();
            } else if (token.is("IF") && tokens.get(i + 1).isSymbol("(")) {
                out.append(sql, copied, token.start()).append("CASEWHEN");
                copied = token.end();
            }
        }
        return out.append(sql.substring(copied)).toString();
    }

    private void fill(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (Map.Entry<String, List<String>> table : TABLES.entrySet()) {
                StringBuilder ddl = new StringBuilder("CREATE TABLE \"").append(table.getKey()).append("\" (");
                for (int i = 0; i < table.getValue().size(); i++) {
                    String column = table.getValue().get(i);
                    ddl.append(i == 0 ? "" : ", ").append('"').append(bare(column)).append("\" ")
                            .append(column.endsWith("#") ? "BIGINT" : column.endsWith("@") ? "TIMESTAMP" : "VARCHAR");
                }
                statement.execute(ddl.append(')').toString());
            }
        }
        Map<String, List<Object[]>> rows = rows();
        for (Map.Entry<String, List<Object[]>> table : rows.entrySet()) {
            if (table.getValue().isEmpty()) {
                continue;
            }
            int width = TABLES.get(table.getKey()).size();
            String insert = "INSERT INTO \"" + table.getKey() + "\" VALUES (" + "?, ".repeat(width - 1) + "?)";
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                for (Object[] row : table.getValue()) {
                    for (int i = 0; i < width; i++) {
                        statement.setObject(i + 1, i < row.length ? row[i] : null);
                    }
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
    }

    private static String bare(String column) {
        return column.endsWith("#") || column.endsWith("@") ? column.substring(0, column.length() - 1) : column;
    }

    /** The rows of every table, from the engine's logical catalog and the server's facts. */
    private Map<String, List<Object[]>> rows() {
        Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        for (String table : TABLES.keySet()) {
            rows.put(table, new ArrayList<>());
        }
        String charset = valueOr(facts.global("character_set_server"), "utf8mb4");
        String collation = valueOr(facts.global("collation_server"), "utf8mb4_general_ci");
        rows.get("SCHEMATA").add(new Object[] {"def", "information_schema", "utf8mb3", "utf8mb3_general_ci", null, "NO"});
        for (String name : engine.databases()) {
            LogicalDatabase db = engine.database(name);
            rows.get("SCHEMATA").add(new Object[] {"def", db.name(), charset, collation, null, "NO"});
            for (String tableName : db.catalog().tableNames()) {
                TableInfo table = db.catalog().table(tableName).orElse(null);
                if (table == null) {
                    continue;
                }
                String schema = db.name();
                rows.get("TABLES").add(new Object[] {"def", schema, tableName, "BASE TABLE", "InnoDB", 10L, "Dynamic",
                        null, null, null, null, null, null, null, null, null, null, collation, null, "", ""});
                int position = 1;
                for (ColumnInfo column : table.columns()) {
                    MysqlColumnType type = MysqlColumnType.of(column);
                    boolean key = table.primaryKey().stream().anyMatch(k -> k.equalsIgnoreCase(column.name()));
                    rows.get("COLUMNS").add(new Object[] {"def", schema, tableName, column.name(), (long) position++,
                            column.defaultValue(), column.nullable() ? "YES" : "NO", type.dataType(), type.length(),
                            type.length() == null ? null : type.length() * 4, type.precision(), type.scale(), null,
                            type.isText() ? charset : null, type.isText() ? collation : null, type.columnType(),
                            key ? "PRI" : "", column.autoIncrement() ? "auto_increment" : "",
                            "select,insert,update,references", column.remarks() == null ? "" : column.remarks(), "",
                            null});
                }
                int sequence = 1;
                for (String keyColumn : table.primaryKey()) {
                    rows.get("STATISTICS").add(new Object[] {"def", schema, tableName, 0L, schema, "PRIMARY",
                            (long) sequence, keyColumn, "A", null, null, null, "", "BTREE", "", "", "YES", null});
                    rows.get("KEY_COLUMN_USAGE").add(new Object[] {"def", schema, "PRIMARY", "def", schema, tableName,
                            keyColumn, (long) sequence, null, null, null, null});
                    sequence++;
                }
                if (!table.primaryKey().isEmpty()) {
                    rows.get("TABLE_CONSTRAINTS").add(new Object[] {"def", schema, "PRIMARY", schema, tableName,
                            "PRIMARY KEY", "YES"});
                }
            }
        }
        LocalTable charsets = facts.characterSets();
        for (Object[] row : charsets.rows()) {
            rows.get("CHARACTER_SETS").add(new Object[] {row[0], row[2], row[1], row[3]});
        }
        for (Object[] row : facts.collations().rows()) {
            rows.get("COLLATIONS").add(new Object[] {row[0], row[1], row[2], row[3], row[4], row[5],
                    row.length > 6 ? row[6] : "PAD SPACE"});
        }
        for (Object[] row : facts.engines().rows()) {
            rows.get("ENGINES").add(new Object[] {row[0], row[1], row[2], row[3], row[4], row[5]});
        }
        return rows;
    }

    private static String valueOr(String value, String otherwise) {
        return value == null || value.isEmpty() ? otherwise : value;
    }
}
