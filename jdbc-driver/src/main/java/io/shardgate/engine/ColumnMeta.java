package io.shardgate.engine;

/**
 * Column metadata of a result, in logical terms (physical table names never appear): the proxy
 * encodes it as a ColumnDefinition41, the driver exposes it as ResultSetMetaData.
 *
 * @param jdbcType      java.sql.Types constant
 * @param typeName      the backend's type name (e.g. "BIGINT UNSIGNED", "VARCHAR", "DECIMAL", "JSON")
 * @param length        display length in characters (or bytes for binary)
 * @param decimals      scale for DECIMAL, fractional seconds for temporal types
 * @param zerofill      an integer column declared ZEROFILL: its text is padded with zeros to {@code length}
 */
public record ColumnMeta(String schema, String table, String originalTable, String label, String name,
                         int jdbcType, String typeName, long length, int decimals, boolean nullable,
                         boolean unsigned, boolean primaryKey, boolean autoIncrement, boolean binary,
                         boolean zerofill) {

    /** A column that is not ZEROFILL (every column Shardgate computes itself). */
    public ColumnMeta(String schema, String table, String originalTable, String label, String name,
                      int jdbcType, String typeName, long length, int decimals, boolean nullable,
                      boolean unsigned, boolean primaryKey, boolean autoIncrement, boolean binary) {
        this(schema, table, originalTable, label, name, jdbcType, typeName, length, decimals, nullable, unsigned,
                primaryKey, autoIncrement, binary, false);
    }

    /** How MySQL prints an integer of this column in a text result: ZEROFILL pads it to the display length. */
    public String integerText(String digits) {
        return zerofill ? zeroFilled(digits, length) : digits;
    }

    /** {@code digits} padded with zeros to {@code width}, as MySQL prints a ZEROFILL integer. */
    public static String zeroFilled(String digits, long width) {
        if (digits.length() >= width || digits.startsWith("-")) {
            return digits;
        }
        return "0".repeat((int) (width - digits.length())) + digits;
    }
}
