package io.shardgate.engine.execute;

import io.shardgate.engine.EngineWarning;
import io.shardgate.engine.backend.BackendDialect;
import io.shardgate.engine.merge.RowStream;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.route.RouteUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The rows of one unit, read from its backend result set one at a time. Reaching the end, an
 * error, or {@link #close()} releases the statement and the connection at once, so a merge gives
 * connections back as soon as each unit is drained. An early close of a streaming result cancels
 * the backend statement first (Connector/J would otherwise read every remaining row).
 */
public final class ResultSetCursor implements RowStream {

    private static final Logger log = LoggerFactory.getLogger(ResultSetCursor.class);

    private final RouteUnit unit;
    private final Lease lease;
    private final Statement statement;
    private final ResultSet resultSet;
    private final boolean streaming;
    private final RunningStatements running;
    private final BackendErrors errors;
    private final int columnCount;
    private Object[] row;
    private boolean onRow;
    private boolean exhausted;
    private boolean drained;
    private boolean closed;
    private List<EngineWarning> lateWarnings;

    ResultSetCursor(RouteUnit unit, Lease lease, Statement statement, ResultSet resultSet, boolean streaming,
                    RunningStatements running, BackendErrors errors) throws SQLException {
        this.unit = unit;
        this.lease = lease;
        this.statement = statement;
        this.resultSet = resultSet;
        this.streaming = streaming;
        this.running = running;
        this.errors = errors;
        this.columnCount = resultSet.getMetaData().getColumnCount();
    }

    /**
     * Where the backend's warnings go once the rows are drained: a streamed result cannot ask for
     * them before (Connector/J runs SHOW WARNINGS, which a connection busy streaming cannot), so
     * they arrive after the last row, as on one MySQL server (the count is in the final packet).
     */
    public void reportLateWarningsTo(List<EngineWarning> sink) {
        this.lateWarnings = streaming ? sink : null;
    }

    public RouteUnit unit() {
        return unit;
    }

    public Lease lease() {
        return lease;
    }

    public int columnCount() {
        return columnCount;
    }

    public ResultSetMetaData metaData() throws SQLException {
        return resultSet.getMetaData();
    }

    @Override
    public boolean next() {
        if (closed) {
            return false;
        }
        try {
            if (running.cancelled()) {
                throw new SQLException("cancelled before the next row", "70100", 1317);
            }
            row = null;
            onRow = false;
            if (!resultSet.next()) {
                exhausted = true;
                drained = true;
                close();
                return false;
            }
            onRow = true;
            return true;
        } catch (SQLException e) {
            throw broken(e);
        }
    }

    /** The current row, read from the backend on first use (a reader of typed values may never need it). */
    @Override
    public Object[] row() {
        if (row == null && onRow && !closed) {
            try {
                Object[] values = new Object[columnCount];
                for (int i = 0; i < columnCount; i++) {
                    values[i] = resultSet.getObject(i + 1);
                }
                row = values;
            } catch (SQLException e) {
                throw broken(e);
            }
        }
        return row;
    }

    /**
     * The backend's result set, on the current row, when its typed getters answer as the engine's
     * own conversions would (Connector/J: the JDBC driver reads numbers and text straight from
     * it, without an Object per value); null for other backends or once the cursor is closed.
     */
    public ResultSet typedSource() {
        return onRow && !closed && lease.server().dialect() == BackendDialect.MYSQL ? resultSet : null;
    }

    private ShardgateException broken(SQLException e) {
        ShardgateException error = errors.translate(e, lease.server());
        exhausted = true; // the stream is broken: nothing left to drain
        close();
        return error;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        row = null;
        onRow = false;
        running.remove(statement);
        if (!exhausted && streaming && lease.server().dialect().drainsOnClose()) {
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException e) {
                log.debug("cancel before early close failed on {}: {}", lease.server(), e.toString());
            }
        }
        try {
            resultSet.close();
        } catch (SQLException | RuntimeException e) {
            log.debug("closing a result of {} failed: {}", lease.server(), e.toString());
        }
        if (drained && lateWarnings != null) {
            lateWarnings.addAll(PlanExecutor.warnings(statement));
        }
        try {
            statement.close();
        } catch (SQLException | RuntimeException e) {
            log.debug("closing a statement on {} failed: {}", lease.server(), e.toString());
        }
        lease.release();
    }
}
