package io.shardgate.jdbc;

import io.shardgate.engine.EngineSession;
import io.shardgate.error.ShardgateException;
import io.shardgate.sql.SqlStatement;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;

/**
 * A prepared statement: analyzed once when prepared, then routed and executed with each set of
 * parameter values (the route depends on the values, e.g. of the shard key). Batches run their
 * parameter sets one after another.
 */
final class ShardgatePreparedStatement extends ShardgateStatement implements PreparedStatement {

    private static final Object UNSET = new Object();

    private final SqlStatement statement;
    private final Object[] parameters;
    private final List<Object[]> batch = new ArrayList<>();

    ShardgatePreparedStatement(ShardgateConnection connection, EngineSession session, String sql) throws SQLException {
        super(connection, session);
        try {
            this.statement = session.prepare(sql);
        } catch (ShardgateException e) {
            throw JdbcErrors.of(e);
        }
        this.parameters = new Object[statement.parameterCount()];
        Arrays.fill(parameters, UNSET);
    }

    private List<Object> values(Object[] set) throws SQLException {
        for (int i = 0; i < set.length; i++) {
            if (set[i] == UNSET) {
                throw new SQLException("No value specified for parameter " + (i + 1), "07001");
            }
        }
        return Arrays.asList(set.clone());
    }

    private void set(int index, Object value) throws SQLException {
        checkOpen();
        if (index < 1 || index > parameters.length) {
            throw new SQLException("parameter index " + index + " is out of range 1.." + parameters.length, "S1009");
        }
        parameters[index - 1] = value;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        if (!execute()) {
            throw new SQLException("executeQuery() ran a statement that returns no rows: " + statement.sql()
                    + "; use executeUpdate() or execute()", "S1009");
        }
        return getResultSet();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) executeLargeUpdate();
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        if (execute()) {
            getResultSet().close();
            throw new SQLException("executeUpdate() ran a statement that returns rows: " + statement.sql()
                    + "; use executeQuery()", "S1009");
        }
        return getLargeUpdateCount();
    }

    @Override
    public boolean execute() throws SQLException {
        List<Object> values = values(parameters);
        return run(() -> session.execute(statement, values));
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        values(parameters);
        batch.add(parameters.clone());
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<Object[]> sets = new ArrayList<>(batch);
        batch.clear();
        long[] counts = new long[sets.size()];
        for (int i = 0; i < sets.size(); i++) {
            List<Object> values = values(sets.get(i));
            try {
                if (run(() -> session.execute(statement, values))) {
                    getResultSet().close();
                    throw new SQLException("a batch statement returned rows: " + statement.sql(), "S1009");
                }
                counts[i] = getLargeUpdateCount();
            } catch (SQLException e) {
                throw batchFailure(counts, i, e);
            }
        }
        return counts;
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(parameters, UNSET);
    }

    @Override
    public ResultSetMetaData getMetaData() {
        return null; // known only after execution (the columns come from the shards)
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        int count = parameters.length;
        return new ParameterMetaData() {
            @Override
            public int getParameterCount() {
                return count;
            }

            @Override
            public int isNullable(int param) {
                return parameterNullableUnknown;
            }

            @Override
            public boolean isSigned(int param) {
                return true;
            }

            @Override
            public int getPrecision(int param) {
                return 0;
            }

            @Override
            public int getScale(int param) {
                return 0;
            }

            @Override
            public int getParameterType(int param) {
                return Types.VARCHAR;
            }

            @Override
            public String getParameterTypeName(int param) {
                return "VARCHAR";
            }

            @Override
            public String getParameterClassName(int param) {
                return String.class.getName();
            }

            @Override
            public int getParameterMode(int param) {
                return parameterModeIn;
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper for " + iface.getName());
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }

    // ---- SQL text belongs to the prepared statement --------------------------------------------------

    private static SQLException textNotAllowed(String method) {
        return new SQLException(method + "(String) cannot be called on a PreparedStatement; it runs the SQL it was "
                + "prepared with", "S1009");
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw textNotAllowed("executeQuery");
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        throw textNotAllowed("executeUpdate");
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        throw textNotAllowed("executeLargeUpdate");
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        throw textNotAllowed("execute");
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw textNotAllowed("addBatch");
    }

    // ---- setters -------------------------------------------------------------------------------------

    @Override
    public void setNull(int index, int sqlType) throws SQLException {
        set(index, null);
    }

    @Override
    public void setNull(int index, int sqlType, String typeName) throws SQLException {
        set(index, null);
    }

    @Override
    public void setBoolean(int index, boolean x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setByte(int index, byte x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setShort(int index, short x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setInt(int index, int x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setLong(int index, long x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setFloat(int index, float x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setDouble(int index, double x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setBigDecimal(int index, BigDecimal x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setString(int index, String x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setNString(int index, String x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setBytes(int index, byte[] x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setDate(int index, Date x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setTime(int index, Time x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setTimestamp(int index, Timestamp x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setDate(int index, Date x, Calendar cal) throws SQLException {
        set(index, x);
    }

    @Override
    public void setTime(int index, Time x, Calendar cal) throws SQLException {
        set(index, x);
    }

    @Override
    public void setTimestamp(int index, Timestamp x, Calendar cal) throws SQLException {
        set(index, x);
    }

    @Override
    public void setObject(int index, Object x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType) throws SQLException {
        set(index, x);
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        set(index, x);
    }

    @Override
    public void setURL(int index, URL x) throws SQLException {
        set(index, x == null ? null : x.toString());
    }

    @Override
    public void setBlob(int index, Blob x) throws SQLException {
        set(index, x == null ? null : x.getBytes(1, (int) x.length()));
    }

    @Override
    public void setClob(int index, Clob x) throws SQLException {
        set(index, x == null ? null : x.getSubString(1, (int) x.length()));
    }

    @Override
    public void setNClob(int index, NClob x) throws SQLException {
        setClob(index, x);
    }

    @Override
    public void setAsciiStream(int index, InputStream x, int length) throws SQLException {
        set(index, x == null ? null : new String(read(x), StandardCharsets.US_ASCII));
    }

    @Override
    public void setAsciiStream(int index, InputStream x, long length) throws SQLException {
        setAsciiStream(index, x, 0);
    }

    @Override
    public void setAsciiStream(int index, InputStream x) throws SQLException {
        setAsciiStream(index, x, 0);
    }

    @Override
    @Deprecated
    public void setUnicodeStream(int index, InputStream x, int length) throws SQLException {
        set(index, x == null ? null : new String(read(x), StandardCharsets.UTF_8));
    }

    @Override
    public void setBinaryStream(int index, InputStream x, int length) throws SQLException {
        set(index, x == null ? null : read(x));
    }

    @Override
    public void setBinaryStream(int index, InputStream x, long length) throws SQLException {
        setBinaryStream(index, x, 0);
    }

    @Override
    public void setBinaryStream(int index, InputStream x) throws SQLException {
        setBinaryStream(index, x, 0);
    }

    @Override
    public void setBlob(int index, InputStream x, long length) throws SQLException {
        setBinaryStream(index, x, 0);
    }

    @Override
    public void setBlob(int index, InputStream x) throws SQLException {
        setBinaryStream(index, x, 0);
    }

    @Override
    public void setCharacterStream(int index, Reader x, int length) throws SQLException {
        set(index, x == null ? null : read(x));
    }

    @Override
    public void setCharacterStream(int index, Reader x, long length) throws SQLException {
        setCharacterStream(index, x, 0);
    }

    @Override
    public void setCharacterStream(int index, Reader x) throws SQLException {
        setCharacterStream(index, x, 0);
    }

    @Override
    public void setNCharacterStream(int index, Reader x, long length) throws SQLException {
        setCharacterStream(index, x, 0);
    }

    @Override
    public void setNCharacterStream(int index, Reader x) throws SQLException {
        setCharacterStream(index, x, 0);
    }

    @Override
    public void setClob(int index, Reader x, long length) throws SQLException {
        setCharacterStream(index, x, 0);
    }

    @Override
    public void setClob(int index, Reader x) throws SQLException {
        setCharacterStream(index, x, 0);
    }

    @Override
    public void setNClob(int index, Reader x, long length) throws SQLException {
        setCharacterStream(index, x, 0);
    }

    @Override
    public void setNClob(int index, Reader x) throws SQLException {
        setCharacterStream(index, x, 0);
    }

    @Override
    public void setRef(int index, Ref x) throws SQLException {
        throw JdbcErrors.notSupported("PreparedStatement.setRef(int, Ref)");
    }

    @Override
    public void setArray(int index, Array x) throws SQLException {
        throw JdbcErrors.notSupported("PreparedStatement.setArray(int, Array)");
    }

    @Override
    public void setRowId(int index, RowId x) throws SQLException {
        throw JdbcErrors.notSupported("PreparedStatement.setRowId(int, RowId)");
    }

    @Override
    public void setSQLXML(int index, SQLXML x) throws SQLException {
        throw JdbcErrors.notSupported("PreparedStatement.setSQLXML(int, SQLXML)");
    }

    private static byte[] read(InputStream in) throws SQLException {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new SQLException("reading the stream parameter failed: " + e.getMessage(), "HY000", e);
        }
    }

    private static String read(Reader in) throws SQLException {
        try (in) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                text.append(buffer, 0, n);
            }
            return text.toString();
        } catch (IOException e) {
            throw new SQLException("reading the character stream parameter failed: " + e.getMessage(), "HY000", e);
        }
    }
}
