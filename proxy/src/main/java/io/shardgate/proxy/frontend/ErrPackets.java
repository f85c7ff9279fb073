package io.shardgate.proxy.frontend;

import io.shardgate.engine.BackendException;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.proxy.protocol.ErrPacket;

import java.sql.SQLException;

/**
 * Turns what a statement threw into the ERR packet the client sees: a catalogue error keeps its
 * number and SQLSTATE; a backend's SQLException (possibly wrapped) keeps the backend's, so that
 * applications still see 1062 for a duplicate key; anything else is 1105 HY000.
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
            return new ErrPacket(raised.errorNumber(), sqlState(raised.sqlState()), catalogued.getMessage());
        }
        if (backend != null && backend.getErrorCode() > 0) {
            String message = catalogued != null ? catalogued.getMessage() : backend.getMessage();
            return new ErrPacket(backend.getErrorCode(), sqlState(backend.getSQLState()), message);
        }
        if (catalogued != null) {
            return new ErrPacket(catalogued.code().mysqlCode(), catalogued.code().sqlState(), catalogued.getMessage());
        }
        String message = thrown.getMessage() == null ? thrown.getClass().getName() : thrown.getMessage();
        return new ErrPacket(ErrorCode.INTERNAL.mysqlCode(), ErrorCode.INTERNAL.sqlState(), message);
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
