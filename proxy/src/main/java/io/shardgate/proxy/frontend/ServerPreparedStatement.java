package io.shardgate.proxy.frontend;

import io.shardgate.engine.QueryResult;
import io.shardgate.proxy.protocol.BinaryProtocolValue;
import io.shardgate.proxy.protocol.ColumnDefinition41;
import io.shardgate.proxy.protocol.ComStmtExecute.ParameterType;
import io.shardgate.sql.SqlStatement;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A statement prepared on one connection: its analysis, the parameter types bound by the last
 * execution (reused when a client sends new-params-bound 0), long data accumulated per parameter,
 * and the open cursor of the last execution, if any. Confined to the connection's worker.
 */
final class ServerPreparedStatement {

    /** A result kept open for COM_STMT_FETCH. */
    record OpenCursor(QueryResult result, List<ColumnDefinition41> columns) {
    }

    private final long id;
    private final SqlStatement statement;
    private final List<ColumnDefinition41> columns;
    private final ByteArrayOutputStream[] longData;
    private List<ParameterType> boundTypes;
    private OpenCursor cursor;

    ServerPreparedStatement(long id, SqlStatement statement, List<ColumnDefinition41> columns) {
        this.id = id;
        this.statement = statement;
        this.columns = columns;
        this.longData = new ByteArrayOutputStream[statement.parameterCount()];
    }

    long id() {
        return id;
    }

    SqlStatement statement() {
        return statement;
    }

    int parameterCount() {
        return longData.length;
    }

    List<ColumnDefinition41> columns() {
        return columns;
    }

    List<ParameterType> boundTypes() {
        return boundTypes;
    }

    void bind(List<ParameterType> types) {
        boundTypes = types;
    }

    /** COM_STMT_SEND_LONG_DATA; out-of-range parameters are ignored, as the command has no reply. */
    void appendLongData(int parameter, byte[] data) {
        if (parameter < 0 || parameter >= longData.length) {
            return;
        }
        if (longData[parameter] == null) {
            longData[parameter] = new ByteArrayOutputStream();
        }
        longData[parameter].writeBytes(data);
    }

    BitSet longDataParameters() {
        BitSet set = new BitSet(longData.length);
        for (int i = 0; i < longData.length; i++) {
            if (longData[i] != null) {
                set.set(i);
            }
        }
        return set;
    }

    /** The execution's parameter values with long data put in place (converted to the bound type). */
    List<Object> parameters(List<Object> values, List<ParameterType> types) {
        List<Object> parameters = new ArrayList<>(values);
        for (int i = 0; i < longData.length; i++) {
            if (longData[i] != null) {
                parameters.set(i, BinaryProtocolValue.fromLongData(longData[i].toByteArray(), types.get(i).type()));
            }
        }
        return parameters;
    }

    void clearLongData() {
        java.util.Arrays.fill(longData, null);
    }

    OpenCursor cursor() {
        return cursor;
    }

    void openCursor(QueryResult result, List<ColumnDefinition41> definitions) {
        closeCursor();
        cursor = new OpenCursor(result, definitions);
    }

    void closeCursor() {
        if (cursor != null) {
            OpenCursor open = cursor;
            cursor = null;
            open.result().close();
        }
    }
}
