package io.shardgate.proxy.frontend;

import io.shardgate.engine.EngineWarning;
import io.shardgate.engine.ExecutionResult;
import io.shardgate.engine.QueryResult;
import io.shardgate.engine.RowCursor;
import io.shardgate.engine.UpdateResult;
import io.shardgate.proxy.protocol.BinaryResultsetRow;
import io.shardgate.proxy.protocol.ColumnCount;
import io.shardgate.proxy.protocol.ColumnDefinition41;
import io.shardgate.proxy.protocol.EofPacket;
import io.shardgate.proxy.protocol.OkPacket;
import io.shardgate.proxy.protocol.StatusFlags;
import io.shardgate.proxy.protocol.TextResultsetRow;

import java.util.List;

/**
 * Streams result sets to the client in the framing it negotiated: column count, definitions,
 * EOF after the definitions unless CLIENT_DEPRECATE_EOF, rows (text or binary), and EOF — or OK
 * with header 0xFE under DEPRECATE_EOF — at the end. Rows are pulled from the engine one at a time
 * and the worker waits whenever the client is behind.
 */
final class ResultSetWriter {

    private static final int FLUSH_EVERY_ROWS = 64;

    private final ClientOutput out;
    private final boolean deprecateEof;

    ResultSetWriter(ClientOutput out, boolean deprecateEof) {
        this.out = out;
        this.deprecateEof = deprecateEof;
    }

    /**
     * Writes what a statement produced: OK with the update count, or the whole result set, rows
     * streamed from the engine. {@code statusFlags} go on the final packet (MORE_RESULTS_EXISTS
     * included when more results follow).
     */
    void writeResult(ExecutionResult result, int statusFlags, boolean binary) {
        if (result instanceof UpdateResult update) {
            out.write(OkPacket.of(update.affectedRows(), update.lastInsertId(), statusFlags, warningCount(update.warnings())));
        } else if (result instanceof QueryResult rows) {
            List<ColumnDefinition41> columns = ColumnDefinitions.from(rows.columns());
            writeHeader(columns, statusFlags & ~StatusFlags.MORE_RESULTS_EXISTS);
            writeRows(rows.rows(), columns, binary, -1);
            writeEnd(statusFlags, warningCount(rows.warnings()));
        }
    }

    static int warningCount(List<EngineWarning> warnings) {
        return warnings == null ? 0 : Math.min(warnings.size(), 0xFFFF);
    }

    /** Column count and definitions, then the EOF that ends them when the client wants one. */
    void writeHeader(List<ColumnDefinition41> columns, int statusFlags) {
        writeDefinitions(columns);
        if (!deprecateEof) {
            out.write(new EofPacket(0, statusFlags));
        }
    }

    /** Column count and definitions only (a cursor's header is ended by {@link #writeEnd}). */
    void writeDefinitions(List<ColumnDefinition41> columns) {
        out.write(new ColumnCount(columns.size()));
        for (ColumnDefinition41 column : columns) {
            out.write(column);
        }
    }

    /**
     * Sends up to {@code maxRows} rows (all if negative) from the cursor.
     *
     * @return true when the cursor is exhausted
     */
    boolean writeRows(RowCursor rows, List<ColumnDefinition41> columns, boolean binary, long maxRows) {
        Object[] values = new Object[columns.size()];
        long sent = 0;
        while (maxRows < 0 || sent < maxRows) {
            if (!rows.next()) {
                return true;
            }
            for (int i = 0; i < values.length; i++) {
                values[i] = rows.value(i);
            }
            out.write(binary ? new BinaryResultsetRow(values, columns) : new TextResultsetRow(values, columns));
            if (++sent % FLUSH_EVERY_ROWS == 0) {
                out.flush();
            }
            out.awaitWritable();
        }
        return false;
    }

    /** The packet that ends rows (or a cursor's header, or a COM_FIELD_LIST/COM_SET_OPTION answer). */
    void writeEnd(int statusFlags, int warnings) {
        out.write(deprecateEof ? OkPacket.endOfRows(statusFlags, warnings) : new EofPacket(warnings, statusFlags));
    }
}
