package io.shardgate.engine;

/**
 * Column metadata of a result, in logical terms (physical table names never appear): the proxy
 * encodes it as a ColumnDefinition41, the driver exposes it as ResultSetMetaData.
 *
 * @param jdbcType      java.sql.Types constant
 * @param typeName      the backend's type name (e.g. "BIGINT UNSIGNED", "VARCHAR", "DECIMAL", "JSON")
 * @param length        display length in characters (or bytes for binary)
 * @param decimals      scale for DECIMAL, fractional seconds for temporal types
 */
public record ColumnMeta(String schema, String table, String originalTable, String label, String name,
                         int jdbcType, String typeName, long length, int decimals, boolean nullable,
                         boolean unsigned, boolean primaryKey, boolean autoIncrement, boolean binary) {
}
