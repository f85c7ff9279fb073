package io.shardgate.engine;

/**
 * A forward-only stream of rows. Values are JDBC objects as the backend driver returns them from
 * {@code getObject} (String, Long/Integer, BigDecimal, Double, byte[], java.sql.Date/Time/Timestamp,
 * LocalDateTime, Boolean …) or null. Not thread-safe; close() releases backend connections and may
 * be called at any time (early close cancels the remaining rows).
 */
public interface RowCursor extends AutoCloseable {

    /** Advances to the next row; false at the end. May block on backends (never call on an event loop). */
    boolean next();

    /** The value of column {@code index} (0-based) of the current row. */
    Object value(int index);

    @Override
    void close();
}
