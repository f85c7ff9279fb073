package io.shardgate.jdbc;

import io.shardgate.engine.ColumnMeta;
import io.shardgate.engine.Engine;
import io.shardgate.engine.LogicalDatabase;
import io.shardgate.engine.QueryResult;
import io.shardgate.engine.merge.ListCursor;
import io.shardgate.engine.metadata.LocalColumns;
import io.shardgate.engine.metadata.TableCatalog;
import io.shardgate.error.ShardgateException;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Database metadata over the logical schema: logical databases are catalogs (as Connector/J
 * reports MySQL databases), tables are logical tables (shards never appear), and columns and
 * primary keys come from each table's first shard. The product presents itself as MySQL 8 so
 * that frameworks pick their MySQL dialect.
 */
final class ShardgateDatabaseMetaData implements DatabaseMetaData {

    static final String PRODUCT_VERSION = "8.0.0-shardgate-0.1.0";

    private final ShardgateConnection connection;
    private final Engine engine;

    ShardgateDatabaseMetaData(ShardgateConnection connection, Engine engine) {
        this.connection = connection;
        this.engine = engine;
    }

    // ---- logical schema ------------------------------------------------------------------------------

    @Override
    public ResultSet getCatalogs() throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (String name : engine.databases()) {
            rows.add(new Object[] {name});
        }
        return local(List.of(LocalColumns.text("TABLE_CAT")), rows);
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        return getSchemas(null, null);
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        return local(List.of(LocalColumns.text("TABLE_SCHEM"), LocalColumns.text("TABLE_CATALOG")), List.of());
    }

    @Override
    public ResultSet getTableTypes() throws SQLException {
        return local(List.of(LocalColumns.text("TABLE_TYPE")), List.of(new Object[] {"TABLE"}, new Object[] {"VIEW"}));
    }

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        boolean tables = types == null || List.of(types).stream().anyMatch(t -> t.equalsIgnoreCase("TABLE"));
        if (tables) {
            Pattern names = like(tableNamePattern);
            for (LogicalDatabase db : databases(catalog)) {
                for (String table : call(() -> db.catalog().tableNames())) {
                    if (names.matcher(table).matches()) {
                        rows.add(new Object[] {db.name(), null, table, "TABLE", "", null, null, null, null, null});
                    }
                }
            }
        }
        return local(texts("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS", "TYPE_CAT", "TYPE_SCHEM",
                "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION"), rows);
    }

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern,
                                String columnNamePattern) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        Pattern tables = like(tableNamePattern);
        Pattern columns = like(columnNamePattern);
        for (LogicalDatabase db : databases(catalog)) {
            for (String table : call(() -> db.catalog().tableNames())) {
                if (!tables.matcher(table).matches()) {
                    continue;
                }
                TableCatalog.TableInfo info = call(() -> db.catalog().table(table)).orElse(null);
                if (info == null) {
                    continue;
                }
                int position = 0;
                for (TableCatalog.ColumnInfo c : info.columns()) {
                    position++;
                    if (!columns.matcher(c.name()).matches()) {
                        continue;
                    }
                    rows.add(new Object[] {db.name(), null, table, c.name(), c.jdbcType(), c.typeName(), c.size(),
                            65535, c.decimals(), 10, c.nullable() ? columnNullable : columnNoNulls, c.remarks(),
                            c.defaultValue(), 0, 0, c.size(), position, c.nullable() ? "YES" : "NO", null, null, null,
                            null, c.autoIncrement() ? "YES" : "NO", "NO"});
                }
            }
        }
        List<ColumnMeta> meta = new ArrayList<>(texts("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME"));
        meta.add(LocalColumns.integer("DATA_TYPE"));
        meta.add(LocalColumns.text("TYPE_NAME"));
        meta.add(LocalColumns.integer("COLUMN_SIZE"));
        meta.add(LocalColumns.integer("BUFFER_LENGTH"));
        meta.add(LocalColumns.integer("DECIMAL_DIGITS"));
        meta.add(LocalColumns.integer("NUM_PREC_RADIX"));
        meta.add(LocalColumns.integer("NULLABLE"));
        meta.add(LocalColumns.text("REMARKS"));
        meta.add(LocalColumns.text("COLUMN_DEF"));
        meta.add(LocalColumns.integer("SQL_DATA_TYPE"));
        meta.add(LocalColumns.integer("SQL_DATETIME_SUB"));
        meta.add(LocalColumns.integer("CHAR_OCTET_LENGTH"));
        meta.add(LocalColumns.integer("ORDINAL_POSITION"));
        meta.addAll(texts("IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE"));
        meta.add(LocalColumns.integer("SOURCE_DATA_TYPE"));
        meta.addAll(texts("IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN"));
        return local(meta, rows);
    }

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (LogicalDatabase db : databases(catalog)) {
            TableCatalog.TableInfo info = table == null ? null : call(() -> db.catalog().table(table)).orElse(null);
            if (info == null) {
                continue;
            }
            for (int i = 0; i < info.primaryKey().size(); i++) {
                rows.add(new Object[] {db.name(), null, info.name(), info.primaryKey().get(i), i + 1, "PRIMARY"});
            }
        }
        List<ColumnMeta> meta = new ArrayList<>(texts("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME"));
        meta.add(LocalColumns.integer("KEY_SEQ"));
        meta.add(LocalColumns.text("PK_NAME"));
        return local(meta, rows);
    }

    private List<LogicalDatabase> databases(String catalog) {
        List<LogicalDatabase> list = new ArrayList<>();
        for (String name : engine.databases()) {
            if (catalog == null || catalog.isEmpty() || like(catalog).matcher(name).matches()) {
                list.add(engine.database(name));
            }
        }
        return list;
    }

    /** A JDBC metadata pattern (% and _, escaped with \) as a case-insensitive regex; null matches all. */
    static Pattern like(String pattern) {
        if (pattern == null) {
            return Pattern.compile(".*", Pattern.DOTALL);
        }
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
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    private interface Lookup<T> {
        T get();
    }

    private static <T> T call(Lookup<T> lookup) throws SQLException {
        try {
            return lookup.get();
        } catch (ShardgateException e) {
            throw JdbcErrors.of(e);
        }
    }

    private static List<ColumnMeta> texts(String... labels) {
        List<ColumnMeta> list = new ArrayList<>();
        for (String label : labels) {
            list.add(LocalColumns.text(label));
        }
        return list;
    }

    private ResultSet local(List<ColumnMeta> columns, List<Object[]> rows) {
        return new ShardgateResultSet(null, new QueryResult(columns, new ListCursor(rows), List.of()), 0, null);
    }

    /** An empty result: metadata Shardgate has nothing to report for (procedures, foreign keys, …). */
    private ResultSet empty(String... labels) {
        return local(texts(labels), List.of());
    }

    // ---- identity ----------------------------------------------------------------------------------------

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public String getURL() {
        return connection.url();
    }

    @Override
    public String getUserName() {
        return "";
    }

    @Override
    public String getDatabaseProductName() {
        return "MySQL";
    }

    @Override
    public String getDatabaseProductVersion() {
        return PRODUCT_VERSION;
    }

    @Override
    public int getDatabaseMajorVersion() {
        return 8;
    }

    @Override
    public int getDatabaseMinorVersion() {
        return 0;
    }

    @Override
    public String getDriverName() {
        return "Shardgate JDBC";
    }

    @Override
    public String getDriverVersion() {
        return ShardgateDriver.VERSION;
    }

    @Override
    public int getDriverMajorVersion() {
        return ShardgateDriver.MAJOR;
    }

    @Override
    public int getDriverMinorVersion() {
        return ShardgateDriver.MINOR;
    }

    @Override
    public int getJDBCMajorVersion() {
        return 4;
    }

    @Override
    public int getJDBCMinorVersion() {
        return 2;
    }

    @Override
    public String getIdentifierQuoteString() {
        return "`";
    }

    @Override
    public String getSearchStringEscape() {
        return "\\";
    }

    @Override
    public String getExtraNameCharacters() {
        return "$";
    }

    @Override
    public String getCatalogTerm() {
        return "database";
    }

    @Override
    public String getCatalogSeparator() {
        return ".";
    }

    @Override
    public String getSchemaTerm() {
        return "";
    }

    @Override
    public String getProcedureTerm() {
        return "PROCEDURE";
    }

    @Override
    public int getDefaultTransactionIsolation() {
        return Connection.TRANSACTION_REPEATABLE_READ;
    }

    @Override
    public boolean supportsTransactionIsolationLevel(int level) {
        return level != Connection.TRANSACTION_NONE;
    }

    @Override
    public boolean supportsResultSetType(int type) {
        return type == ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public boolean supportsResultSetConcurrency(int type, int concurrency) {
        return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public boolean supportsResultSetHoldability(int holdability) {
        return holdability == ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public int getResultSetHoldability() {
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public int getSQLStateType() {
        return sqlStateSQL;
    }

    @Override
    public RowIdLifetime getRowIdLifetime() {
        return RowIdLifetime.ROWID_UNSUPPORTED;
    }

    @Override
    public boolean supportsConvert() {
        return false;
    }

    @Override
    public boolean supportsConvert(int fromType, int toType) {
        return false;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    // ---- capabilities and limits (MySQL's, as far as Shardgate passes them through) -------------------------

    @Override
    public long getMaxLogicalLobSize() {
        return 0;
    }

    @Override
    public boolean allProceduresAreCallable() {
        return false;
    }

    @Override
    public boolean allTablesAreSelectable() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public boolean nullsAreSortedHigh() {
        return false;
    }

    @Override
    public boolean nullsAreSortedLow() {
        return true;
    }

    @Override
    public boolean nullsAreSortedAtStart() {
        return false;
    }

    @Override
    public boolean nullsAreSortedAtEnd() {
        return false;
    }

    @Override
    public boolean usesLocalFiles() {
        return false;
    }

    @Override
    public boolean usesLocalFilePerTable() {
        return false;
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesUpperCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesLowerCaseIdentifiers() {
        return true;
    }

    @Override
    public boolean storesMixedCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() {
        return true;
    }

    @Override
    public String getSQLKeywords() {
        return "";
    }

    @Override
    public String getNumericFunctions() {
        return "ABS,ACOS,ASIN,ATAN,ATAN2,CEILING,COS,COT,DEGREES,EXP,FLOOR,LOG,LOG10,MOD,PI,POWER,RADIANS,RAND,ROUND,SIGN,SIN,SQRT,TAN,TRUNCATE";
    }

    @Override
    public String getStringFunctions() {
        return "ASCII,CHAR,CHAR_LENGTH,CONCAT,CONCAT_WS,INSERT,INSTR,LCASE,LEFT,LENGTH,LOCATE,LOWER,LPAD,LTRIM,REPEAT,REPLACE,REVERSE,RIGHT,RPAD,RTRIM,SPACE,SUBSTRING,TRIM,UCASE,UPPER";
    }

    @Override
    public String getSystemFunctions() {
        return "DATABASE,USER,SYSTEM_USER,SESSION_USER,LAST_INSERT_ID,VERSION";
    }

    @Override
    public String getTimeDateFunctions() {
        return "CURDATE,CURTIME,DATE_ADD,DATE_FORMAT,DATE_SUB,DAYNAME,DAYOFMONTH,DAYOFWEEK,DAYOFYEAR,HOUR,MINUTE,MONTH,MONTHNAME,NOW,QUARTER,SECOND,TIMESTAMPADD,TIMESTAMPDIFF,WEEK,YEAR";
    }

    @Override
    public boolean supportsAlterTableWithAddColumn() {
        return true;
    }

    @Override
    public boolean supportsAlterTableWithDropColumn() {
        return true;
    }

    @Override
    public boolean supportsColumnAliasing() {
        return true;
    }

    @Override
    public boolean nullPlusNonNullIsNull() {
        return true;
    }

    @Override
    public boolean supportsTableCorrelationNames() {
        return true;
    }

    @Override
    public boolean supportsDifferentTableCorrelationNames() {
        return true;
    }

    @Override
    public boolean supportsExpressionsInOrderBy() {
        return true;
    }

    @Override
    public boolean supportsOrderByUnrelated() {
        return true;
    }

    @Override
    public boolean supportsGroupBy() {
        return true;
    }

    @Override
    public boolean supportsGroupByUnrelated() {
        return true;
    }

    @Override
    public boolean supportsGroupByBeyondSelect() {
        return true;
    }

    @Override
    public boolean supportsLikeEscapeClause() {
        return true;
    }

    @Override
    public boolean supportsMultipleResultSets() {
        return false;
    }

    @Override
    public boolean supportsMultipleTransactions() {
        return true;
    }

    @Override
    public boolean supportsNonNullableColumns() {
        return true;
    }

    @Override
    public boolean supportsMinimumSQLGrammar() {
        return true;
    }

    @Override
    public boolean supportsCoreSQLGrammar() {
        return true;
    }

    @Override
    public boolean supportsExtendedSQLGrammar() {
        return false;
    }

    @Override
    public boolean supportsANSI92EntryLevelSQL() {
        return true;
    }

    @Override
    public boolean supportsANSI92IntermediateSQL() {
        return false;
    }

    @Override
    public boolean supportsANSI92FullSQL() {
        return false;
    }

    @Override
    public boolean supportsIntegrityEnhancementFacility() {
        return false;
    }

    @Override
    public boolean supportsOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsFullOuterJoins() {
        return false;
    }

    @Override
    public boolean supportsLimitedOuterJoins() {
        return true;
    }

    @Override
    public boolean isCatalogAtStart() {
        return true;
    }

    @Override
    public boolean supportsSchemasInDataManipulation() {
        return false;
    }

    @Override
    public boolean supportsSchemasInProcedureCalls() {
        return false;
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() {
        return false;
    }

    @Override
    public boolean supportsSchemasInIndexDefinitions() {
        return false;
    }

    @Override
    public boolean supportsSchemasInPrivilegeDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInDataManipulation() {
        return true;
    }

    @Override
    public boolean supportsCatalogsInProcedureCalls() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() {
        return true;
    }

    @Override
    public boolean supportsCatalogsInIndexDefinitions() {
        return true;
    }

    @Override
    public boolean supportsCatalogsInPrivilegeDefinitions() {
        return true;
    }

    @Override
    public boolean supportsPositionedDelete() {
        return false;
    }

    @Override
    public boolean supportsPositionedUpdate() {
        return false;
    }

    @Override
    public boolean supportsSelectForUpdate() {
        return true;
    }

    @Override
    public boolean supportsStoredProcedures() {
        return false;
    }

    @Override
    public boolean supportsSubqueriesInComparisons() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInExists() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInIns() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInQuantifieds() {
        return true;
    }

    @Override
    public boolean supportsCorrelatedSubqueries() {
        return true;
    }

    @Override
    public boolean supportsUnion() {
        return true;
    }

    @Override
    public boolean supportsUnionAll() {
        return true;
    }

    @Override
    public boolean supportsOpenCursorsAcrossCommit() {
        return false;
    }

    @Override
    public boolean supportsOpenCursorsAcrossRollback() {
        return false;
    }

    @Override
    public boolean supportsOpenStatementsAcrossCommit() {
        return true;
    }

    @Override
    public boolean supportsOpenStatementsAcrossRollback() {
        return true;
    }

    @Override
    public int getMaxBinaryLiteralLength() {
        return 0;
    }

    @Override
    public int getMaxCharLiteralLength() {
        return 0;
    }

    @Override
    public int getMaxColumnNameLength() {
        return 0;
    }

    @Override
    public int getMaxColumnsInGroupBy() {
        return 0;
    }

    @Override
    public int getMaxColumnsInIndex() {
        return 0;
    }

    @Override
    public int getMaxColumnsInOrderBy() {
        return 0;
    }

    @Override
    public int getMaxColumnsInSelect() {
        return 0;
    }

    @Override
    public int getMaxColumnsInTable() {
        return 0;
    }

    @Override
    public int getMaxConnections() {
        return 0;
    }

    @Override
    public int getMaxCursorNameLength() {
        return 0;
    }

    @Override
    public int getMaxIndexLength() {
        return 0;
    }

    @Override
    public int getMaxSchemaNameLength() {
        return 0;
    }

    @Override
    public int getMaxProcedureNameLength() {
        return 0;
    }

    @Override
    public int getMaxCatalogNameLength() {
        return 0;
    }

    @Override
    public int getMaxRowSize() {
        return 0;
    }

    @Override
    public boolean doesMaxRowSizeIncludeBlobs() {
        return true;
    }

    @Override
    public int getMaxStatementLength() {
        return 0;
    }

    @Override
    public int getMaxStatements() {
        return 0;
    }

    @Override
    public int getMaxTableNameLength() {
        return 0;
    }

    @Override
    public int getMaxTablesInSelect() {
        return 0;
    }

    @Override
    public int getMaxUserNameLength() {
        return 0;
    }

    @Override
    public boolean supportsTransactions() {
        return true;
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() {
        return false;
    }

    @Override
    public boolean supportsDataManipulationTransactionsOnly() {
        return true;
    }

    @Override
    public boolean dataDefinitionCausesTransactionCommit() {
        return true;
    }

    @Override
    public boolean dataDefinitionIgnoredInTransactions() {
        return false;
    }

    @Override
    public ResultSet getProcedures(String p0, String p1, String p2) throws SQLException {
        return empty("PROCEDURES");
    }

    @Override
    public ResultSet getProcedureColumns(String p0, String p1, String p2, String p3) throws SQLException {
        return empty("PROCEDURECOLUMNS");
    }

    @Override
    public ResultSet getColumnPrivileges(String p0, String p1, String p2, String p3) throws SQLException {
        return empty("COLUMNPRIVILEGES");
    }

    @Override
    public ResultSet getTablePrivileges(String p0, String p1, String p2) throws SQLException {
        return empty("TABLEPRIVILEGES");
    }

    @Override
    public ResultSet getBestRowIdentifier(String p0, String p1, String p2, int p3, boolean p4) throws SQLException {
        return empty("BESTROWIDENTIFIER");
    }

    @Override
    public ResultSet getVersionColumns(String p0, String p1, String p2) throws SQLException {
        return empty("VERSIONCOLUMNS");
    }

    @Override
    public ResultSet getImportedKeys(String p0, String p1, String p2) throws SQLException {
        return empty("IMPORTEDKEYS");
    }

    @Override
    public ResultSet getExportedKeys(String p0, String p1, String p2) throws SQLException {
        return empty("EXPORTEDKEYS");
    }

    @Override
    public ResultSet getCrossReference(String p0, String p1, String p2, String p3, String p4, String p5) throws SQLException {
        return empty("CROSSREFERENCE");
    }

    @Override
    public ResultSet getTypeInfo() throws SQLException {
        return empty("TYPEINFO");
    }

    @Override
    public ResultSet getIndexInfo(String p0, String p1, String p2, boolean p3, boolean p4) throws SQLException {
        return empty("INDEXINFO");
    }

    @Override
    public boolean ownUpdatesAreVisible(int p0) {
        return false;
    }

    @Override
    public boolean ownDeletesAreVisible(int p0) {
        return false;
    }

    @Override
    public boolean ownInsertsAreVisible(int p0) {
        return false;
    }

    @Override
    public boolean othersUpdatesAreVisible(int p0) {
        return false;
    }

    @Override
    public boolean othersDeletesAreVisible(int p0) {
        return false;
    }

    @Override
    public boolean othersInsertsAreVisible(int p0) {
        return false;
    }

    @Override
    public boolean updatesAreDetected(int p0) {
        return false;
    }

    @Override
    public boolean deletesAreDetected(int p0) {
        return false;
    }

    @Override
    public boolean insertsAreDetected(int p0) {
        return false;
    }

    @Override
    public boolean supportsBatchUpdates() {
        return true;
    }

    @Override
    public ResultSet getUDTs(String p0, String p1, String p2, int[] p3) throws SQLException {
        return empty("UDTS");
    }

    @Override
    public boolean supportsSavepoints() {
        return true;
    }

    @Override
    public boolean supportsNamedParameters() {
        return false;
    }

    @Override
    public boolean supportsMultipleOpenResults() {
        return true;
    }

    @Override
    public boolean supportsGetGeneratedKeys() {
        return true;
    }

    @Override
    public ResultSet getSuperTypes(String p0, String p1, String p2) throws SQLException {
        return empty("SUPERTYPES");
    }

    @Override
    public ResultSet getSuperTables(String p0, String p1, String p2) throws SQLException {
        return empty("SUPERTABLES");
    }

    @Override
    public ResultSet getAttributes(String p0, String p1, String p2, String p3) throws SQLException {
        return empty("ATTRIBUTES");
    }

    @Override
    public boolean locatorsUpdateCopy() {
        return true;
    }

    @Override
    public boolean supportsStatementPooling() {
        return false;
    }

    @Override
    public boolean supportsStoredFunctionsUsingCallSyntax() {
        return false;
    }

    @Override
    public boolean autoCommitFailureClosesAllResultSets() {
        return false;
    }

    @Override
    public ResultSet getClientInfoProperties() throws SQLException {
        return empty("CLIENTINFOPROPERTIES");
    }

    @Override
    public ResultSet getFunctions(String p0, String p1, String p2) throws SQLException {
        return empty("FUNCTIONS");
    }

    @Override
    public ResultSet getFunctionColumns(String p0, String p1, String p2, String p3) throws SQLException {
        return empty("FUNCTIONCOLUMNS");
    }

    @Override
    public ResultSet getPseudoColumns(String p0, String p1, String p2, String p3) throws SQLException {
        return empty("PSEUDOCOLUMNS");
    }

    @Override
    public boolean generatedKeyAlwaysReturned() {
        return true;
    }

    @Override
    public boolean supportsRefCursors() {
        return false;
    }

    @Override
    public boolean supportsSharding() {
        return false;
    }
}
