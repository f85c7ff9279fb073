package io.shardgate.sql.federate;

import java.util.List;

/**
 * A logical table as a federated join sees it: its name and columns, as the engine read them from
 * the table's first shard. Neutral values: no Calcite types.
 */
public record FederatedTable(String name, List<Column> columns) {

    /** One column: {@code jdbcType} a {@link java.sql.Types} constant, size/scale as JDBC reports them. */
    public record Column(String name, int jdbcType, String typeName, int size, int scale, boolean nullable) {
    }
}
