package io.shardgate.proxy.protocol;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Executes a prepared statement: statement id, cursor flags, iteration count (always 1), and when
 * the statement has parameters a NULL bitmap (offset 0), the new-params-bound flag, the parameter
 * types if that flag is 1 (else the types of the previous execution apply) and the non-null values.
 * Parameters whose data came through COM_STMT_SEND_LONG_DATA have no value here.
 *
 * @param types  the types in force for this execution (sent now or reused)
 * @param values one value per parameter; null for NULL and for long-data parameters
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_stmt_execute.html">COM_STMT_EXECUTE</a>
 */
public record ComStmtExecute(long statementId, int flags, long iterations, boolean newParamsBound,
                             List<ParameterType> types, List<Object> values) implements WirePacket {

    public static final int CURSOR_TYPE_NO_CURSOR = 0x00;
    public static final int CURSOR_TYPE_READ_ONLY = 0x01;
    /** MariaDB's statement id for "the statement prepared last" (pipelined prepare + execute). */
    public static final long LAST_PREPARED = 0xFFFF_FFFFL;

    private static final int UNSIGNED_FLAG = 0x80;

    /** A parameter's wire type and whether the client marked it unsigned. */
    public record ParameterType(ColumnType type, boolean unsigned) {
    }

    public boolean cursorRequested() {
        return (flags & CURSOR_TYPE_READ_ONLY) != 0;
    }

    /** The statement id, read without consuming the packet (the parameter count depends on it). */
    public static long peekStatementId(Payload in) {
        if (in.readableBytes() < 5) {
            throw Payload.malformed("COM_STMT_EXECUTE of " + in.readableBytes() + " bytes has no statement id");
        }
        return in.buffer().getUnsignedIntLE(in.buffer().readerIndex() + 1);
    }

    /**
     * @param parameterCount   how many parameters the statement has
     * @param previousTypes    the types bound by the previous execution, or null if none yet
     * @param longDataParams   parameters whose values came through COM_STMT_SEND_LONG_DATA
     */
    public static ComStmtExecute decode(Payload in, int parameterCount, List<ParameterType> previousTypes,
                                        BitSet longDataParams) {
        Commands.expect(in, CommandType.STMT_EXECUTE);
        long statementId = in.readInt4();
        int flags = in.readInt1();
        long iterations = in.readInt4();
        if (parameterCount == 0) {
            return new ComStmtExecute(statementId, flags, iterations, false, List.of(), List.of());
        }
        byte[] nullBitmap = in.readFixedBytes((parameterCount + 7) / 8);
        boolean newParamsBound = in.readInt1() == 1;
        List<ParameterType> types;
        if (newParamsBound) {
            types = new ArrayList<>(parameterCount);
            for (int i = 0; i < parameterCount; i++) {
                int code = in.readInt1();
                int typeFlags = in.readInt1();
                ColumnType type = ColumnType.of(code);
                if (type == null) {
                    throw Payload.malformed("parameter " + (i + 1) + " has unknown type 0x" + Integer.toHexString(code));
                }
                types.add(new ParameterType(type, (typeFlags & UNSIGNED_FLAG) != 0));
            }
        } else if (previousTypes != null && previousTypes.size() == parameterCount) {
            types = previousTypes;
        } else {
            throw Payload.malformed("COM_STMT_EXECUTE reuses parameter types (new-params-bound flag 0) but none were ever sent");
        }
        List<Object> values = new ArrayList<>(parameterCount);
        for (int i = 0; i < parameterCount; i++) {
            boolean isNull = (nullBitmap[i / 8] & (1 << (i % 8))) != 0;
            if (isNull || longDataParams.get(i)) {
                values.add(null);
            } else {
                values.add(BinaryProtocolValue.read(in, types.get(i).type(), types.get(i).unsigned()));
            }
        }
        return new ComStmtExecute(statementId, flags, iterations, newParamsBound, types, values);
    }

    /** Encodes as a client would, the types always sent; values must match the types. */
    @Override
    public void encode(Payload out) {
        out.writeInt1(CommandType.STMT_EXECUTE.code());
        out.writeInt4(statementId);
        out.writeInt1(flags);
        out.writeInt4(iterations);
        if (values.isEmpty()) {
            return;
        }
        byte[] nullBitmap = new byte[(values.size() + 7) / 8];
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                nullBitmap[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        out.writeBytes(nullBitmap);
        out.writeInt1(newParamsBound ? 1 : 0);
        if (newParamsBound) {
            for (ParameterType type : types) {
                out.writeInt1(type.type().code());
                out.writeInt1(type.unsigned() ? UNSIGNED_FLAG : 0);
            }
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null) {
                ParameterType type = types.get(i);
                ColumnDefinition41 asColumn = new ColumnDefinition41("", "", "", "?", "?", ColumnDefinition41.BINARY, 0,
                        type.type(), type.unsigned() ? ColumnFlags.UNSIGNED : 0, 0);
                BinaryProtocolValue.write(out, values.get(i), asColumn);
            }
        }
    }
}
