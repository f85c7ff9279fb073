package io.shardgate.proxy.frontend;

import io.shardgate.engine.BackendException;
import io.shardgate.engine.backend.H2Errors;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.proxy.protocol.ErrPacket;

import java.sql.SQLException;

/**
 * Turns what a statement threw into the ERR packet the client sees: a catalogue error keeps its
 * number and SQLSTATE; a backend's SQLException (possibly wrapped) keeps the backend's, so that
 * applications still see 1062 for a duplicate key (H2's are told as MySQL's, see {@code H2Errors});
 * a number the packet's two bytes cannot carry becomes 1105 with the number in the message;
 * anything else is 1105 HY000.
 */
final class ErrPackets {

    private ErrPackets() {
    }

    static ErrPacket from(Throwable thrown) {
        ShardgateException catalogued = find(thrown, ShardgateException.class);
        SQLException backend = find(thrown, SQLException.class);
        if (catalogued != null && catalogued.code() != ErrorCode.BACKEND_ERROR && catalogued.code() != ErrorCode.INTERNAL) {
            return new ErrPacket(catalogued.code().mysqlCode(), catalogued.code().sqlState(), catalogued.getMessage());
        }
        if (catalogued instanceof BackendException raised && raised.errorNumber() > 0) {
            // the engine's own backend-kind error (a deadlock across groups) or the backend's, as the engine tells it
            return packet(raised.errorNumber(), raised.sqlState(), catalogued.getMessage());
        }
        if (backend != null && backend.getErrorCode() > 0) {
            String message = catalogued != null ? catalogued.getMessage() : backend.getMessage();
            return H2Errors.tell(message, backend).map(h2 -> packet(h2.number(), h2.sqlState(), h2.message()))
                    .orElseGet(() -> packet(backend.getErrorCode(), backend.getSQLState(), message));
        }
        if (catalogued != null) {
            return new ErrPacket(catalogued.code().mysqlCode(), catalogued.code().sqlState(), catalogued.getMessage());
        }
        String message = thrown.getMessage() == null ? thrown.getClass().getName() : thrown.getMessage();
        return new ErrPacket(ErrorCode.INTERNAL.mysqlCode(), ErrorCode.INTERNAL.sqlState(), message);
    }

    /** An error number the packet's two bytes can carry, else 1105 with the number in the message. */
    private static ErrPacket packet(int number, String state, String message) {
        if (number > 0xFFFF) {
            return new ErrPacket(ErrorCode.BACKEND_ERROR.mysqlCode(), sqlState(state), message + " (error " + number + ")");
        }
        return new ErrPacket(number, sqlState(state), message);
    }

    private static String sqlState(String state) {
        return state == null || state.length() != 5 ? "HY000" : state;
    }

    private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
