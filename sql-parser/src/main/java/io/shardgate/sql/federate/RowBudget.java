package io.shardgate.sql.federate;

import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;

/**
 * The most rows one federated statement may read from the shards. A hash join keeps its build
 * side, and a sort or aggregate above the join keeps what it has seen, so every row read is
 * counted as held in memory: past the limit the statement fails with
 * {@link ErrorCode#FEDERATION_LIMIT} before the heap is at risk. Not thread-safe (one statement).
 */
public final class RowBudget {

    private final long limit;
    private final String setting;
    private long used;

    /** @param setting how the user changes the limit, for the error message */
    public RowBudget(long limit, String setting) {
        this.limit = limit;
        this.setting = setting;
    }

    public void take(String table) {
        if (++used > limit) {
            throw new ShardgateException(ErrorCode.FEDERATION_LIMIT, "federated (cross-shard) join read more than "
                    + limit + " rows from the shards (reading " + table + "), the limit that keeps its memory "
                    + "bounded; add conditions that select fewer rows, make the join co-located or a table broadcast, "
                    + "or raise " + setting);
        }
    }

    public long used() {
        return used;
    }
}
