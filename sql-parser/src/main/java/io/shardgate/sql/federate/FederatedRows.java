package io.shardgate.sql.federate;

import java.util.List;

/** The result of a federated statement: its columns and a stream of rows; close it. */
public interface FederatedRows extends AutoCloseable {

    List<Column> columns();

    boolean next();

    /** Values as JDBC objects: Integer/Long, BigDecimal, Double, String, java.sql.Date/Time/Timestamp, byte[]. */
    Object value(int index);

    @Override
    void close();

    /** An output column: label as MySQL names it, a {@link java.sql.Types} constant, precision and scale. */
    record Column(String label, int jdbcType, String typeName, int precision, int scale, boolean nullable) {
    }
}
