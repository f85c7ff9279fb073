package io.shardgate.jdbc;

import io.shardgate.engine.ColumnMeta;
import io.shardgate.engine.QueryResult;
import io.shardgate.engine.execute.ResultSetCursor;
import io.shardgate.error.ShardgateException;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A forward-only, read-only result set over an engine {@link QueryResult}: rows are pulled from
 * the backends as {@link #next()} is called, and {@link #close()} (or the last row) gives their
 * connections back. Column labels are matched case-insensitively, first match wins.
 */
final class ShardgateResultSet implements ResultSet {

    private final Statement statement;
    private final QueryResult result;
    private final List<ColumnMeta> columns;
    private Map<String, Integer> labels;
    /** Per column, which typed getters may read the backend directly (see {@link #typed}); null: none. */
    private final byte[] typedKinds;
    private final int maxRows;
    private SQLWarning warnings;
    /** How many of the result's warnings are in {@link #warnings}; streamed units add theirs when drained. */
    private int warningsSeen;
    private int row;
    private boolean onRow;
    private boolean afterLast;
    private boolean wasNull;
    private boolean closed;

    ShardgateResultSet(Statement statement, QueryResult result, long maxRows, SQLWarning warnings) {
        this.statement = statement;
        this.result = result;
        this.columns = result.columns();
        this.maxRows = maxRows <= 0 || maxRows > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) maxRows;
        this.warnings = warnings;
        this.warningsSeen = result.warnings().size();
        this.typedKinds = result.rows() instanceof ResultSetCursor ? typedKinds(columns) : null;
    }

    private Map<String, Integer> labels() {
        if (labels == null) {
            Map<String, Integer> map = new HashMap<>();
            for (int i = columns.size() - 1; i >= 0; i--) {
                map.put(columns.get(i).label().toLowerCase(Locale.ROOT), i + 1);
            }
            for (int i = columns.size() - 1; i >= 0; i--) {
                String name = columns.get(i).name();
                if (name != null) {
                    map.putIfAbsent(name.toLowerCase(Locale.ROOT), i + 1);
                }
            }
            labels = map;
        }
        return labels;
    }

    // Typed reads straight from the backend's result set, for a result that is one unit's rows
    // unchanged (no merge): Connector/J's getLong/getBigDecimal/getString then cost less than an
    // Object per value converted again here. Only for column types where both give the same answer.
    private static final byte INTEGER = 1;
    private static final byte DECIMAL = 2;
    private static final byte TEXT = 4;

    private static byte[] typedKinds(List<ColumnMeta> columns) {
        byte[] kinds = new byte[columns.size()];
        for (int i = 0; i < kinds.length; i++) {
            ColumnMeta column = columns.get(i);
            kinds[i] = switch (column.jdbcType()) {
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> INTEGER | TEXT;
                case Types.BIGINT -> column.unsigned() ? TEXT : INTEGER | TEXT;
                case Types.DECIMAL, Types.NUMERIC -> DECIMAL | TEXT;
                case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR -> column.binary() ? 0 : TEXT;
                default -> 0;
            };
        }
        return kinds;
    }

    /** The backend's result set when {@code column} on the current row can be read from it as {@code kind}; else null. */
    private ResultSet typed(int column, byte kind) throws SQLException {
        if (typedKinds == null || column < 1 || column > typedKinds.length || (typedKinds[column - 1] & kind) == 0) {
            return null;
        }
        checkOpen();
        return onRow ? ((ResultSetCursor) result.rows()).typedSource() : null;
    }

    private void noteLateWarnings() {
        List<io.shardgate.engine.EngineWarning> all = result.warnings();
        if (all.size() <= warningsSeen) {
            return;
        }
        List<io.shardgate.engine.EngineWarning> late = List.copyOf(all.subList(warningsSeen, all.size()));
        warningsSeen = all.size();
        if (warnings == null) {
            warnings = ShardgateStatement.warnings(late);
        } else {
            warnings.setNextWarning(ShardgateStatement.warnings(late));
        }
        if (statement instanceof ShardgateStatement owner) {
            owner.noteLateWarnings(late);
        }
    }

    List<ColumnMeta> columns() {
        return columns;
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (afterLast) {
            return false;
        }
        boolean more;
        try {
            more = row < maxRows && result.rows().next();
        } catch (ShardgateException e) {
            close();
            throw JdbcErrors.of(e);
        }
        if (more) {
            row++;
            onRow = true;
        } else {
            onRow = false;
            afterLast = true;
            result.close(); // the backends' connections go back now
            noteLateWarnings();
        }
        return more;
    }

    private Object value(int column) throws SQLException {
        checkOpen();
        if (!onRow) {
            throw new SQLException(row == 0 ? "ResultSet.next() was not called yet: there is no current row"
                    : "the result set is past its last row", "24000");
        }
        if (column < 1 || column > columns.size()) {
            throw new SQLException("column index " + column + " is out of range 1.." + columns.size(), "S1009");
        }
        Object value = result.rows().value(column - 1);
        wasNull = value == null;
        return value;
    }

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        Integer index = labels().get(label.toLowerCase(Locale.ROOT));
        if (index == null) {
            int dot = label.lastIndexOf('.');
            index = dot >= 0 ? labels().get(label.substring(dot + 1).toLowerCase(Locale.ROOT)) : null;
        }
        if (index == null) {
            throw new SQLException("Column '" + label + "' not found.", "S0022");
        }
        return index;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onRow = false;
            result.close();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("the result set is closed", "S1000");
        }
    }

    // ---- getters by index ---------------------------------------------------------------------------

    @Override
    public String getString(int column) throws SQLException {
        ResultSet typed = typed(column, TEXT);
        if (typed != null) {
            String value = typed.getString(column);
            wasNull = value == null;
            return value;
        }
        Object value = value(column);
        if (value instanceof Number && !(value instanceof BigDecimal) && columns.get(column - 1).zerofill()) {
            return columns.get(column - 1).integerText(value.toString());
        }
        return Values.string(value);
    }

    @Override
    public boolean getBoolean(int column) throws SQLException {
        return Values.booleanValue(value(column));
    }

    @Override
    public byte getByte(int column) throws SQLException {
        return (byte) Values.intValue(value(column));
    }

    @Override
    public short getShort(int column) throws SQLException {
        return (short) Values.intValue(value(column));
    }

    @Override
    public int getInt(int column) throws SQLException {
        ResultSet typed = typed(column, INTEGER);
        if (typed != null) {
            int value = typed.getInt(column);
            wasNull = typed.wasNull();
            return value;
        }
        return Values.intValue(value(column));
    }

    @Override
    public long getLong(int column) throws SQLException {
        ResultSet typed = typed(column, INTEGER);
        if (typed != null) {
            long value = typed.getLong(column);
            wasNull = typed.wasNull();
            return value;
        }
        return Values.longValue(value(column));
    }

    @Override
    public float getFloat(int column) throws SQLException {
        return (float) Values.doubleValue(value(column));
    }

    @Override
    public double getDouble(int column) throws SQLException {
        return Values.doubleValue(value(column));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int column, int scale) throws SQLException {
        BigDecimal d = Values.decimal(value(column));
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public BigDecimal getBigDecimal(int column) throws SQLException {
        ResultSet typed = typed(column, DECIMAL);
        if (typed != null) {
            BigDecimal value = typed.getBigDecimal(column);
            wasNull = value == null;
            return value;
        }
        return Values.decimal(value(column));
    }

    @Override
    public byte[] getBytes(int column) throws SQLException {
        return Values.bytes(value(column));
    }

    @Override
    public Date getDate(int column) throws SQLException {
        return Values.date(value(column));
    }

    @Override
    public Time getTime(int column) throws SQLException {
        return Values.time(value(column));
    }

    @Override
    public Timestamp getTimestamp(int column) throws SQLException {
        return Values.timestamp(value(column));
    }

    @Override
    public Date getDate(int column, Calendar cal) throws SQLException {
        return getDate(column);
    }

    @Override
    public Time getTime(int column, Calendar cal) throws SQLException {
        return getTime(column);
    }

    @Override
    public Timestamp getTimestamp(int column, Calendar cal) throws SQLException {
        return getTimestamp(column);
    }

    @Override
    public InputStream getAsciiStream(int column) throws SQLException {
        byte[] bytes = getBytes(column);
        return bytes == null ? null : new ByteArrayInputStream(bytes);
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(int column) throws SQLException {
        return getAsciiStream(column);
    }

    @Override
    public InputStream getBinaryStream(int column) throws SQLException {
        return getAsciiStream(column);
    }

    @Override
    public Reader getCharacterStream(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public Reader getNCharacterStream(int column) throws SQLException {
        return getCharacterStream(column);
    }

    @Override
    public String getNString(int column) throws SQLException {
        return getString(column);
    }

    @Override
    public Object getObject(int column) throws SQLException {
        return value(column);
    }

    @Override
    public Object getObject(int column, Map<String, Class<?>> map) throws SQLException {
        return value(column);
    }

    @Override
    public <T> T getObject(int column, Class<T> type) throws SQLException {
        return Values.as(value(column), type);
    }

    @Override
    public Blob getBlob(int column) throws SQLException {
        byte[] bytes = getBytes(column);
        return bytes == null ? null : new javax.sql.rowset.serial.SerialBlob(bytes);
    }

    @Override
    public Clob getClob(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : new javax.sql.rowset.serial.SerialClob(s.toCharArray());
    }

    @Override
    public URL getURL(int column) throws SQLException {
        String s = getString(column);
        try {
            return s == null ? null : new URL(s);
        } catch (MalformedURLException e) {
            throw new SQLException("'" + s + "' is not a URL", "22000", e);
        }
    }

    @Override
    public Ref getRef(int column) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.getRef(int)");
    }

    @Override
    public Array getArray(int column) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.getArray(int)");
    }

    @Override
    public RowId getRowId(int column) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.getRowId(int)");
    }

    @Override
    public NClob getNClob(int column) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.getNClob(int)");
    }

    @Override
    public SQLXML getSQLXML(int column) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.getSQLXML(int)");
    }

    // ---- getters by label -------------------------------------------------------------------------

    @Override
    public String getString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public boolean getBoolean(String label) throws SQLException {
        return getBoolean(findColumn(label));
    }

    @Override
    public byte getByte(String label) throws SQLException {
        return getByte(findColumn(label));
    }

    @Override
    public short getShort(String label) throws SQLException {
        return getShort(findColumn(label));
    }

    @Override
    public int getInt(String label) throws SQLException {
        return getInt(findColumn(label));
    }

    @Override
    public long getLong(String label) throws SQLException {
        return getLong(findColumn(label));
    }

    @Override
    public float getFloat(String label) throws SQLException {
        return getFloat(findColumn(label));
    }

    @Override
    public double getDouble(String label) throws SQLException {
        return getDouble(findColumn(label));
    }

    @Override
    public BigDecimal getBigDecimal(String label) throws SQLException {
        return getBigDecimal(findColumn(label));
    }

    @Override
    public byte[] getBytes(String label) throws SQLException {
        return getBytes(findColumn(label));
    }

    @Override
    public Date getDate(String label) throws SQLException {
        return getDate(findColumn(label));
    }

    @Override
    public Time getTime(String label) throws SQLException {
        return getTime(findColumn(label));
    }

    @Override
    public Timestamp getTimestamp(String label) throws SQLException {
        return getTimestamp(findColumn(label));
    }

    @Override
    public InputStream getAsciiStream(String label) throws SQLException {
        return getAsciiStream(findColumn(label));
    }

    @Override
    public InputStream getBinaryStream(String label) throws SQLException {
        return getBinaryStream(findColumn(label));
    }

    @Override
    public Reader getCharacterStream(String label) throws SQLException {
        return getCharacterStream(findColumn(label));
    }

    @Override
    public Reader getNCharacterStream(String label) throws SQLException {
        return getNCharacterStream(findColumn(label));
    }

    @Override
    public String getNString(String label) throws SQLException {
        return getNString(findColumn(label));
    }

    @Override
    public Object getObject(String label) throws SQLException {
        return getObject(findColumn(label));
    }

    @Override
    public Blob getBlob(String label) throws SQLException {
        return getBlob(findColumn(label));
    }

    @Override
    public Clob getClob(String label) throws SQLException {
        return getClob(findColumn(label));
    }

    @Override
    public URL getURL(String label) throws SQLException {
        return getURL(findColumn(label));
    }

    @Override
    public Ref getRef(String label) throws SQLException {
        return getRef(findColumn(label));
    }

    @Override
    public Array getArray(String label) throws SQLException {
        return getArray(findColumn(label));
    }

    @Override
    public RowId getRowId(String label) throws SQLException {
        return getRowId(findColumn(label));
    }

    @Override
    public NClob getNClob(String label) throws SQLException {
        return getNClob(findColumn(label));
    }

    @Override
    public SQLXML getSQLXML(String label) throws SQLException {
        return getSQLXML(findColumn(label));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(String label, int scale) throws SQLException {
        return getBigDecimal(findColumn(label), scale);
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(String label) throws SQLException {
        return getUnicodeStream(findColumn(label));
    }

    @Override
    public Date getDate(String label, Calendar cal) throws SQLException {
        return getDate(findColumn(label), cal);
    }

    @Override
    public Time getTime(String label, Calendar cal) throws SQLException {
        return getTime(findColumn(label), cal);
    }

    @Override
    public Timestamp getTimestamp(String label, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(label), cal);
    }

    @Override
    public Object getObject(String label, Map<String, Class<?>> map) throws SQLException {
        return getObject(findColumn(label), map);
    }

    @Override
    public <T> T getObject(String label, Class<T> type) throws SQLException {
        return getObject(findColumn(label), type);
    }

    // ---- cursor position, metadata, options ----------------------------------------------------------

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new ShardgateResultSetMetaData(columns);
    }

    @Override
    public Statement getStatement() {
        return statement;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warnings;
    }

    @Override
    public void clearWarnings() {
        warnings = null;
    }

    @Override
    public String getCursorName() throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.getCursorName()");
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return row == 0 && !afterLast;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return afterLast && row > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return onRow && row == 1;
    }

    @Override
    public boolean isLast() throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.isLast() on a streaming (forward-only) result");
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return onRow ? row : 0;
    }

    @Override
    public void beforeFirst() throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.beforeFirst() on a forward-only result");
    }

    @Override
    public void afterLast() throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.afterLast() on a forward-only result");
    }

    @Override
    public boolean first() throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.first() on a forward-only result");
    }

    @Override
    public boolean last() throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.last() on a forward-only result");
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.absolute(int) on a forward-only result");
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.relative(int) on a forward-only result");
    }

    @Override
    public boolean previous() throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.previous() on a forward-only result");
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        if (direction != FETCH_FORWARD) {
            throw JdbcErrors.notSupported("ResultSet.setFetchDirection(" + direction + ")");
        }
    }

    @Override
    public int getFetchDirection() {
        return FETCH_FORWARD;
    }

    @Override
    public void setFetchSize(int rows) {
        // rows always stream from the backends; nothing to tune per result set
    }

    @Override
    public int getFetchSize() {
        return 0;
    }

    @Override
    public int getType() {
        return TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() {
        return CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() {
        return CLOSE_CURSORS_AT_COMMIT;
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

    // ---- updates: results are read-only ---------------------------------------------------------------

    @Override
    public boolean rowUpdated() throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.rowUpdated()");
    }

    @Override
    public boolean rowInserted() throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.rowInserted()");
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.rowDeleted()");
    }

    @Override
    public void updateNull(int p0) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateNull(int)");
    }

    @Override
    public void updateBoolean(int p0, boolean p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateBoolean(int, boolean)");
    }

    @Override
    public void updateByte(int p0, byte p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateByte(int, byte)");
    }

    @Override
    public void updateShort(int p0, short p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateShort(int, short)");
    }

    @Override
    public void updateInt(int p0, int p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateInt(int, int)");
    }

    @Override
    public void updateLong(int p0, long p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateLong(int, long)");
    }

    @Override
    public void updateFloat(int p0, float p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateFloat(int, float)");
    }

    @Override
    public void updateDouble(int p0, double p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateDouble(int, double)");
    }

    @Override
    public void updateBigDecimal(int p0, java.math.BigDecimal p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateBigDecimal(int, BigDecimal)");
    }

    @Override
    public void updateString(int p0, java.lang.String p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateString(int, String)");
    }

    @Override
    public void updateBytes(int p0, byte[] p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateBytes(int, byte[])");
    }

    @Override
    public void updateDate(int p0, java.sql.Date p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateDate(int, Date)");
    }

    @Override
    public void updateTime(int p0, java.sql.Time p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateTime(int, Time)");
    }

    @Override
    public void updateTimestamp(int p0, java.sql.Timestamp p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateTimestamp(int, Timestamp)");
    }

    @Override
    public void updateAsciiStream(int p0, java.io.InputStream p1, int p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateAsciiStream(int, InputStream, int)");
    }

    @Override
    public void updateBinaryStream(int p0, java.io.InputStream p1, int p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateBinaryStream(int, InputStream, int)");
    }

    @Override
    public void updateCharacterStream(int p0, java.io.Reader p1, int p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateCharacterStream(int, Reader, int)");
    }

    @Override
    public void updateObject(int p0, java.lang.Object p1, int p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateObject(int, Object, int)");
    }

    @Override
    public void updateObject(int p0, java.lang.Object p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateObject(int, Object)");
    }

    @Override
    public void updateNull(java.lang.String p0) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateNull(String)");
    }

    @Override
    public void updateBoolean(java.lang.String p0, boolean p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateBoolean(String, boolean)");
    }

    @Override
    public void updateByte(java.lang.String p0, byte p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateByte(String, byte)");
    }

    @Override
    public void updateShort(java.lang.String p0, short p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateShort(String, short)");
    }

    @Override
    public void updateInt(java.lang.String p0, int p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateInt(String, int)");
    }

    @Override
    public void updateLong(java.lang.String p0, long p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateLong(String, long)");
    }

    @Override
    public void updateFloat(java.lang.String p0, float p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateFloat(String, float)");
    }

    @Override
    public void updateDouble(java.lang.String p0, double p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateDouble(String, double)");
    }

    @Override
    public void updateBigDecimal(java.lang.String p0, java.math.BigDecimal p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateBigDecimal(String, BigDecimal)");
    }

    @Override
    public void updateString(java.lang.String p0, java.lang.String p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateString(String, String)");
    }

    @Override
    public void updateBytes(java.lang.String p0, byte[] p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateBytes(String, byte[])");
    }

    @Override
    public void updateDate(java.lang.String p0, java.sql.Date p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateDate(String, Date)");
    }

    @Override
    public void updateTime(java.lang.String p0, java.sql.Time p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateTime(String, Time)");
    }

    @Override
    public void updateTimestamp(java.lang.String p0, java.sql.Timestamp p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateTimestamp(String, Timestamp)");
    }

    @Override
    public void updateAsciiStream(java.lang.String p0, java.io.InputStream p1, int p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateAsciiStream(String, InputStream, int)");
    }

    @Override
    public void updateBinaryStream(java.lang.String p0, java.io.InputStream p1, int p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateBinaryStream(String, InputStream, int)");
    }

    @Override
    public void updateCharacterStream(java.lang.String p0, java.io.Reader p1, int p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateCharacterStream(String, Reader, int)");
    }

    @Override
    public void updateObject(java.lang.String p0, java.lang.Object p1, int p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateObject(String, Object, int)");
    }

    @Override
    public void updateObject(java.lang.String p0, java.lang.Object p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateObject(String, Object)");
    }

    @Override
    public void insertRow() throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.insertRow()");
    }

    @Override
    public void updateRow() throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateRow()");
    }

    @Override
    public void deleteRow() throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.deleteRow()");
    }

    @Override
    public void refreshRow() throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.refreshRow()");
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.cancelRowUpdates()");
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.moveToInsertRow()");
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.moveToCurrentRow()");
    }

    @Override
    public void updateRef(int p0, java.sql.Ref p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateRef(int, Ref)");
    }

    @Override
    public void updateRef(java.lang.String p0, java.sql.Ref p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateRef(String, Ref)");
    }

    @Override
    public void updateBlob(int p0, java.sql.Blob p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateBlob(int, Blob)");
    }

    @Override
    public void updateBlob(java.lang.String p0, java.sql.Blob p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateBlob(String, Blob)");
    }

    @Override
    public void updateClob(int p0, java.sql.Clob p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateClob(int, Clob)");
    }

    @Override
    public void updateClob(java.lang.String p0, java.sql.Clob p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateClob(String, Clob)");
    }

    @Override
    public void updateArray(int p0, java.sql.Array p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateArray(int, Array)");
    }

    @Override
    public void updateArray(java.lang.String p0, java.sql.Array p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateArray(String, Array)");
    }

    @Override
    public void updateRowId(int p0, java.sql.RowId p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateRowId(int, RowId)");
    }

    @Override
    public void updateRowId(java.lang.String p0, java.sql.RowId p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateRowId(String, RowId)");
    }

    @Override
    public void updateNString(int p0, java.lang.String p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateNString(int, String)");
    }

    @Override
    public void updateNString(java.lang.String p0, java.lang.String p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateNString(String, String)");
    }

    @Override
    public void updateNClob(int p0, java.sql.NClob p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateNClob(int, NClob)");
    }

    @Override
    public void updateNClob(java.lang.String p0, java.sql.NClob p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateNClob(String, NClob)");
    }

    @Override
    public void updateSQLXML(int p0, java.sql.SQLXML p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateSQLXML(int, SQLXML)");
    }

    @Override
    public void updateSQLXML(java.lang.String p0, java.sql.SQLXML p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateSQLXML(String, SQLXML)");
    }

    @Override
    public void updateNCharacterStream(int p0, java.io.Reader p1, long p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateNCharacterStream(int, Reader, long)");
    }

    @Override
    public void updateNCharacterStream(java.lang.String p0, java.io.Reader p1, long p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateNCharacterStream(String, Reader, long)");
    }

    @Override
    public void updateAsciiStream(int p0, java.io.InputStream p1, long p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateAsciiStream(int, InputStream, long)");
    }

    @Override
    public void updateBinaryStream(int p0, java.io.InputStream p1, long p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateBinaryStream(int, InputStream, long)");
    }

    @Override
    public void updateCharacterStream(int p0, java.io.Reader p1, long p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateCharacterStream(int, Reader, long)");
    }

    @Override
    public void updateAsciiStream(java.lang.String p0, java.io.InputStream p1, long p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateAsciiStream(String, InputStream, long)");
    }

    @Override
    public void updateBinaryStream(java.lang.String p0, java.io.InputStream p1, long p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateBinaryStream(String, InputStream, long)");
    }

    @Override
    public void updateCharacterStream(java.lang.String p0, java.io.Reader p1, long p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateCharacterStream(String, Reader, long)");
    }

    @Override
    public void updateBlob(int p0, java.io.InputStream p1, long p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateBlob(int, InputStream, long)");
    }

    @Override
    public void updateBlob(java.lang.String p0, java.io.InputStream p1, long p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateBlob(String, InputStream, long)");
    }

    @Override
    public void updateClob(int p0, java.io.Reader p1, long p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateClob(int, Reader, long)");
    }

    @Override
    public void updateClob(java.lang.String p0, java.io.Reader p1, long p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateClob(String, Reader, long)");
    }

    @Override
    public void updateNClob(int p0, java.io.Reader p1, long p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateNClob(int, Reader, long)");
    }

    @Override
    public void updateNClob(java.lang.String p0, java.io.Reader p1, long p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateNClob(String, Reader, long)");
    }

    @Override
    public void updateNCharacterStream(int p0, java.io.Reader p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateNCharacterStream(int, Reader)");
    }

    @Override
    public void updateNCharacterStream(java.lang.String p0, java.io.Reader p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateNCharacterStream(String, Reader)");
    }

    @Override
    public void updateAsciiStream(int p0, java.io.InputStream p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateAsciiStream(int, InputStream)");
    }

    @Override
    public void updateBinaryStream(int p0, java.io.InputStream p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateBinaryStream(int, InputStream)");
    }

    @Override
    public void updateCharacterStream(int p0, java.io.Reader p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateCharacterStream(int, Reader)");
    }

    @Override
    public void updateAsciiStream(java.lang.String p0, java.io.InputStream p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateAsciiStream(String, InputStream)");
    }

    @Override
    public void updateBinaryStream(java.lang.String p0, java.io.InputStream p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateBinaryStream(String, InputStream)");
    }

    @Override
    public void updateCharacterStream(java.lang.String p0, java.io.Reader p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateCharacterStream(String, Reader)");
    }

    @Override
    public void updateBlob(int p0, java.io.InputStream p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateBlob(int, InputStream)");
    }

    @Override
    public void updateBlob(java.lang.String p0, java.io.InputStream p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateBlob(String, InputStream)");
    }

    @Override
    public void updateClob(int p0, java.io.Reader p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateClob(int, Reader)");
    }

    @Override
    public void updateClob(java.lang.String p0, java.io.Reader p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateClob(String, Reader)");
    }

    @Override
    public void updateNClob(int p0, java.io.Reader p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateNClob(int, Reader)");
    }

    @Override
    public void updateNClob(java.lang.String p0, java.io.Reader p1) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateNClob(String, Reader)");
    }

    @Override
    public void updateObject(int p0, java.lang.Object p1, java.sql.SQLType p2, int p3) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateObject(int, Object, SQLType, int)");
    }

    @Override
    public void updateObject(java.lang.String p0, java.lang.Object p1, java.sql.SQLType p2, int p3) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateObject(String, Object, SQLType, int)");
    }

    @Override
    public void updateObject(int p0, java.lang.Object p1, java.sql.SQLType p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateObject(int, Object, SQLType)");
    }

    @Override
    public void updateObject(java.lang.String p0, java.lang.Object p1, java.sql.SQLType p2) throws SQLException {
        throw JdbcErrors.notSupported("ResultSet.updateObject(String, Object, SQLType)");
    }
}
