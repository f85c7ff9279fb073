package io.shardgate.engine.metadata;

import io.shardgate.engine.backend.BackendServer;
import io.shardgate.engine.backend.Backends;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.config.DataNode;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.config.TableRule;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The logical schema of one database, as clients see it: the tables (those of the rule file and
 * the default group's own, shards hidden) and each table's columns and primary key, read from the
 * first shard of the table (its group's leader) and cached until DDL touches the table.
 * Thread-safe.
 */
public final class TableCatalog {

    /** A logical table: columns in order, primary key columns in key order. */
    public record TableInfo(String name, List<ColumnInfo> columns, List<String> primaryKey) {
    }

    /** One column as JDBC describes it (DatabaseMetaData.getColumns). */
    public record ColumnInfo(String name, int jdbcType, String typeName, int size, int decimals, boolean nullable,
                             String defaultValue, boolean autoIncrement, String remarks) {
    }

    private final RuleSet rules;
    private final Backends backends;
    private final PhysicalNames names;
    private final Map<String, Optional<TableInfo>> tables = new ConcurrentHashMap<>();
    private volatile List<String> tableNames;

    public TableCatalog(RuleSet rules, Backends backends, PhysicalNames names) {
        this.rules = rules;
        this.backends = backends;
        this.names = names;
    }

    public PhysicalNames names() {
        return names;
    }

    /** Logical table names, sorted: the rule file's tables and the default group's unsharded ones. */
    public List<String> tableNames() {
        List<String> cached = tableNames;
        if (cached == null) {
            TreeSet<String> all = new TreeSet<>(rules.tables().keySet());
            String group = rules.defaultGroup();
            BackendServer server = backends.leader(group);
            try (Connection connection = backends.connect(server)) {
                for (String table : physicalTables(connection, "%")) {
                    if (!names.isShard(group, table)) {
                        all.add(table.toLowerCase(Locale.ROOT));
                    }
                }
            } catch (SQLException e) {
                throw metadataError(server, e);
            }
            cached = List.copyOf(all);
            tableNames = cached;
        }
        return cached;
    }

    /** The table's columns and key, or empty when no such table exists on its first shard. */
    public Optional<TableInfo> table(String logical) {
        String key = logical.toLowerCase(Locale.ROOT);
        Optional<TableInfo> info = tables.computeIfAbsent(key, this::load);
        if (info.isEmpty()) {
            tables.remove(key); // a table created later, even outside Shardgate, is found next time
        }
        return info;
    }

    /** Forgets what DDL may have changed. */
    public void invalidate(Collection<String> logicalTables) {
        for (String table : logicalTables) {
            tables.remove(table.toLowerCase(Locale.ROOT));
        }
        tableNames = null;
    }

    /** The group and physical name of the first shard of {@code logical} (the table itself if unsharded). */
    public DataNode firstNode(String logical) {
        TableRule rule = rules.table(logical);
        if (rule instanceof TableRule.Sharded sharded && !sharded.nodes().isEmpty()) {
            return sharded.nodes().get(0);
        }
        return new DataNode(rules.defaultGroup(), logical.toLowerCase(Locale.ROOT));
    }

    private Optional<TableInfo> load(String logical) {
        DataNode node = firstNode(logical);
        BackendServer server = backends.leader(node.group());
        try (Connection connection = backends.connect(server)) {
            DatabaseMetaData meta = connection.getMetaData();
            String physical = exactName(connection, node.table());
            if (physical == null) {
                return Optional.empty();
            }
            List<ColumnInfo> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(connection.getCatalog(), schema(connection),
                    escape(meta, physical), "%")) {
                while (rs.next()) {
                    columns.add(new ColumnInfo(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"),
                            rs.getString("TYPE_NAME"), rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"),
                            rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls, rs.getString("COLUMN_DEF"),
                            "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT")), rs.getString("REMARKS")));
                }
            }
            List<String> keyColumns = new ArrayList<>();
            List<Integer> keySeqs = new ArrayList<>();
            try (ResultSet rs = meta.getPrimaryKeys(connection.getCatalog(), schema(connection), physical)) {
                while (rs.next()) {
                    keyColumns.add(rs.getString("COLUMN_NAME"));
                    keySeqs.add(rs.getInt("KEY_SEQ"));
                }
            }
            List<String> primaryKey = new ArrayList<>(keyColumns);
            primaryKey.sort((a, b) -> Integer.compare(keySeqs.get(keyColumns.indexOf(a)),
                    keySeqs.get(keyColumns.indexOf(b))));
            return Optional.of(new TableInfo(logical, List.copyOf(columns), List.copyOf(primaryKey)));
        } catch (SQLException e) {
            throw metadataError(server, e);
        }
    }

    /** The table's name as the backend stores it (case may differ), or null when it does not exist. */
    private String exactName(Connection connection, String table) throws SQLException {
        for (String name : physicalTables(connection, escape(connection.getMetaData(), table))) {
            if (name.equalsIgnoreCase(table)) {
                return name;
            }
        }
        for (String name : physicalTables(connection, "%")) {
            if (name.equalsIgnoreCase(table)) {
                return name;
            }
        }
        return null;
    }

    private static List<String> physicalTables(Connection connection, String pattern) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getTables(connection.getCatalog(), schema(connection), pattern,
                null)) {
            while (rs.next()) {
                String type = rs.getString("TABLE_TYPE");
                String upper = type == null ? "" : type.toUpperCase(Locale.ROOT);
                if ((upper.contains("TABLE") || upper.contains("VIEW")) && !upper.contains("SYSTEM")) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
        }
        return names;
    }

    private static String schema(Connection connection) throws SQLException {
        try {
            return connection.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null;
        }
    }

    private static String escape(DatabaseMetaData meta, String name) throws SQLException {
        String escape = meta.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    private static ShardgateException metadataError(BackendServer server, SQLException e) {
        return new ShardgateException(ErrorCode.BACKEND_ERROR, e, "reading table metadata from " + server.describe()
                + " failed: " + e.getMessage());
    }
}
