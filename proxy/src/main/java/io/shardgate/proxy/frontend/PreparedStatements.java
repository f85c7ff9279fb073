package io.shardgate.proxy.frontend;

import io.shardgate.engine.DirectRoute;
import io.shardgate.engine.EngineSession;
import io.shardgate.engine.ExecutionResult;
import io.shardgate.engine.QueryResult;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.proxy.protocol.ColumnDefinition41;
import io.shardgate.proxy.protocol.ComStmtExecute;
import io.shardgate.proxy.protocol.ComStmtFetch;
import io.shardgate.proxy.protocol.ComStmtPrepareOk;
import io.shardgate.proxy.protocol.ComStmtSendLongData;
import io.shardgate.proxy.protocol.EofPacket;
import io.shardgate.proxy.protocol.Payload;
import io.shardgate.proxy.protocol.StatusFlags;
import io.shardgate.sql.SqlStatement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * One connection's server-side prepared statements and the COM_STMT_* commands on them: prepare
 * (answering parameter and, when the engine knows them, column definitions), execute (binary
 * rows, or a cursor kept open when the client asks for one), fetch from the cursor, long data,
 * reset and close. Confined to the connection's worker.
 */
final class PreparedStatements {

    private final ClientOutput out;
    private final ResultSetWriter results;
    private final boolean deprecateEof;
    private final IntUnaryOperator status;
    private final Map<Long, ServerPreparedStatement> statements = new HashMap<>();
    private long nextId = 1;
    private long lastPrepared;

    /**
     * @param status the connection's status flags with the given extra flags added
     */
    PreparedStatements(ClientOutput out, ResultSetWriter results, boolean deprecateEof, IntUnaryOperator status) {
        this.out = out;
        this.results = results;
        this.deprecateEof = deprecateEof;
        this.status = status;
    }

    void prepare(EngineSession session, String sql) {
        SqlStatement statement = session.prepare(sql);
        List<ColumnDefinition41> columns = ColumnDefinitions.from(session.resultColumns(statement));
        long statementId = nextId++;
        ServerPreparedStatement prepared = new ServerPreparedStatement(statementId, statement, columns);
        statements.put(statementId, prepared);
        lastPrepared = statementId;
        out.write(new ComStmtPrepareOk(statementId, columns.size(), prepared.parameterCount(), 0));
        if (prepared.parameterCount() > 0) {
            ColumnDefinition41 parameter = ColumnDefinitions.parameter();
            for (int i = 0; i < prepared.parameterCount(); i++) {
                out.write(parameter);
            }
            endDefinitions();
        }
        if (!columns.isEmpty()) {
            columns.forEach(out::write);
            endDefinitions();
        }
        out.flush();
    }

    void execute(EngineSession session, Payload payload) {
        long statementId = ComStmtExecute.peekStatementId(payload);
        if (statementId == ComStmtExecute.LAST_PREPARED) {
            statementId = lastPrepared;
        }
        ServerPreparedStatement prepared = find(statementId, "mysqld_stmt_execute");
        ComStmtExecute execute = ComStmtExecute.decode(payload, prepared.parameterCount(), prepared.boundTypes(),
                prepared.longDataParameters());
        prepared.bind(execute.types());
        List<Object> parameters = prepared.parameters(execute.values(), execute.types());
        prepared.closeCursor();
        prepared.clearLongData();
        ExecutionResult result = session.execute(prepared.statement(), parameters);
        if (execute.cursorRequested() && result instanceof QueryResult rows && !rows.columns().isEmpty()) {
            // Definitions, then one EOF (or OK) with CURSOR_EXISTS; rows follow on COM_STMT_FETCH.
            List<ColumnDefinition41> columns = ColumnDefinitions.from(rows.columns());
            prepared.openCursor(rows, columns);
            results.writeDefinitions(columns);
            results.writeEnd(status.applyAsInt(StatusFlags.CURSOR_EXISTS), ResultSetWriter.warningCount(rows.warnings()));
            out.flush();
            return;
        }
        try (result) {
            results.writeResult(result, status.applyAsInt(0), true);
        }
        out.flush();
    }

    /**
     * COM_STMT_EXECUTE for the direct lane: the statement, its parameters and their types when the
     * engine says one backend answers it verbatim, else null. Leaves the payload unread either way
     * (the engine path reads it when the lane declines or falls back). Never throws: whatever is
     * wrong with the packet, the engine path reports.
     */
    DirectRequest direct(EngineSession session, Payload payload) {
        int start = payload.buffer().readerIndex();
        try {
            long statementId = ComStmtExecute.peekStatementId(payload);
            ServerPreparedStatement prepared = statements.get(
                    statementId == ComStmtExecute.LAST_PREPARED ? lastPrepared : statementId);
            if (prepared == null || prepared.cursor() != null || !prepared.longDataParameters().isEmpty()) {
                return null;
            }
            ComStmtExecute execute = ComStmtExecute.decode(payload, prepared.parameterCount(), prepared.boundTypes(),
                    prepared.longDataParameters());
            if (execute.cursorRequested()) {
                return null;
            }
            List<Object> parameters = execute.values();
            DirectRoute route = session.directRoute(prepared.statement(), parameters);
            if (route == null) {
                return null;
            }
            prepared.bind(execute.types());
            List<ComStmtExecute.ParameterType> types = new ArrayList<>(route.parameterIndexes().length);
            for (int index : route.parameterIndexes()) {
                types.add(execute.types().get(index));
            }
            return DirectRequest.prepared(route, route.parameters(parameters), types);
        } catch (RuntimeException e) {
            return null;
        } finally {
            payload.buffer().readerIndex(start);
        }
    }

    void fetch(ComStmtFetch request) {
        ServerPreparedStatement prepared = find(request.statementId(), "mysqld_stmt_fetch");
        ServerPreparedStatement.OpenCursor cursor = prepared.cursor();
        if (cursor == null) {
            throw new ShardgateException(ErrorCode.NO_OPEN_CURSOR, request.statementId());
        }
        boolean exhausted;
        try {
            exhausted = results.writeRows(cursor.result().rows(), cursor.columns(), true, Math.max(1, request.rows()));
        } catch (RuntimeException e) {
            prepared.closeCursor();
            throw e;
        }
        if (exhausted) {
            prepared.closeCursor();
        }
        results.writeEnd(status.applyAsInt(exhausted ? StatusFlags.LAST_ROW_SENT : StatusFlags.CURSOR_EXISTS), 0);
        out.flush();
    }

    /** No reply, even for an unknown statement: errors surface at execute, as in MySQL. */
    void sendLongData(ComStmtSendLongData data) {
        ServerPreparedStatement prepared = statements.get(data.statementId());
        if (prepared != null) {
            prepared.appendLongData(data.parameterId(), data.data());
        }
    }

    /** No reply. */
    void close(long statementId) {
        ServerPreparedStatement prepared = statements.remove(statementId);
        if (prepared != null) {
            prepared.closeCursor();
        }
    }

    void reset(long statementId) {
        ServerPreparedStatement prepared = find(statementId, "mysqld_stmt_reset");
        prepared.clearLongData();
        prepared.closeCursor();
    }

    /** COM_RESET_CONNECTION, COM_CHANGE_USER and disconnects: every statement and cursor goes. */
    void closeAll() {
        RuntimeException first = null;
        for (ServerPreparedStatement prepared : statements.values()) {
            try {
                prepared.closeCursor();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        statements.clear();
        if (first != null) {
            throw first;
        }
    }

    private void endDefinitions() {
        if (!deprecateEof) {
            out.write(new EofPacket(0, status.applyAsInt(0)));
        }
    }

    private ServerPreparedStatement find(long statementId, String command) {
        ServerPreparedStatement prepared = statements.get(statementId);
        if (prepared == null) {
            throw new ShardgateException(ErrorCode.UNKNOWN_STATEMENT, statementId, command);
        }
        return prepared;
    }
}
