package io.shardgate.engine.merge;

import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges partial groups that arrive in no useful order (the shards sorted by something else, or
 * not at all): every group is held in memory until the input ends, then the groups are sorted by
 * the output order, if any. Memory grows with the number of groups, so it is capped at
 * {@code maxGroups}; beyond that the statement fails with MEMORY_LIMIT rather than the server.
 */
final class BufferedGroupCursor implements RowStream {

    private final RowStream input;
    private final int[] keys;
    private final Aggregation aggregation;
    private final RowOrder order;
    private final long maxGroups;
    private ListCursor output;

    BufferedGroupCursor(RowStream input, int[] keys, Aggregation aggregation, RowOrder order, long maxGroups) {
        this.input = input;
        this.keys = keys;
        this.aggregation = aggregation;
        this.order = order;
        this.maxGroups = maxGroups;
    }

    @Override
    public boolean next() {
        if (output == null) {
            output = new ListCursor(fold());
        }
        return output.next();
    }

    private List<Object[]> fold() {
        Map<List<Object>, Aggregation.Group> groups = new LinkedHashMap<>();
        try {
            while (input.next()) {
                Object[] row = input.row();
                List<Object> key = new ArrayList<>(keys.length);
                for (int k : keys) {
                    key.add(ValueOrder.MYSQL.key(row[k]));
                }
                Aggregation.Group group = groups.get(key);
                if (group == null) {
                    if (groups.size() >= maxGroups) {
                        throw new ShardgateException(ErrorCode.MEMORY_LIMIT, "GROUP BY across shards produced more "
                                + "than " + maxGroups + " groups to hold in memory, which is the merge buffer limit "
                                + "(groups of numbers or dates merge as they stream when the query orders by the "
                                + "GROUP BY columns first; groups of text are held, since each server sorts text by "
                                + "its own collation); narrow the query with a shard-key condition, or raise the "
                                + "engine's max-buffered-rows");
                    }
                    groups.put(key, aggregation.start(row));
                } else {
                    group.add(row);
                }
            }
        } finally {
            input.close();
        }
        List<Object[]> rows = new ArrayList<>(groups.size());
        for (Aggregation.Group group : groups.values()) {
            rows.add(group.finish());
        }
        if (order != null) {
            rows.sort(order);
        }
        return rows;
    }

    @Override
    public Object[] row() {
        return output.row();
    }

    @Override
    public void close() {
        input.close();
        if (output != null) {
            output.close();
        }
    }
}
