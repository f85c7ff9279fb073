package io.shardgate.sql.federate;

import java.util.List;

/**
 * How a federated join reads one table: the engine implements it by routing
 * {@code SELECT columns FROM table WHERE where} like any other statement (so a shard-key
 * condition reaches one shard, and the others are scanned in parallel and concatenated).
 */
public interface ShardScans {

    /**
     * Opens the rows of {@code table}: only {@code columns} (in that order), only rows matching
     * {@code where} — MySQL condition text over the table's unqualified column names, or null.
     */
    Rows scan(String table, List<String> columns, String where);

    /** A forward-only stream of rows; values as the backend's JDBC driver returns them. */
    interface Rows extends AutoCloseable {
        boolean next();

        Object value(int index);

        @Override
        void close();
    }
}
