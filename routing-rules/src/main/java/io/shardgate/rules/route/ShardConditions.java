package io.shardgate.rules.route;

import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.algorithm.ShardKey;
import io.shardgate.rules.algorithm.ShardingAlgorithm;
import io.shardgate.sql.ColumnRef;
import io.shardgate.sql.Predicate;
import io.shardgate.sql.SqlValue;

import java.util.BitSet;
import java.util.List;

/**
 * Reduces a WHERE predicate to the set of shards of one table that can hold matching rows.
 * {@code null} stands for "every shard" (no usable condition) so that the common case allocates
 * nothing. AND intersects, OR unites; conditions on other columns or tables, and anything opaque,
 * restrict nothing.
 */
final class ShardConditions {

    private final String table;
    private final String shardKey;
    private final ShardingAlgorithm algorithm;
    private final List<?> parameters;

    ShardConditions(String table, String shardKey, ShardingAlgorithm algorithm, List<?> parameters) {
        this.table = table;
        this.shardKey = shardKey;
        this.algorithm = algorithm;
        this.parameters = parameters;
    }

    /** The shards matching {@code predicate}, or null for all of them. */
    BitSet shards(Predicate predicate) {
        if (predicate instanceof Predicate.And and) {
            BitSet result = null;
            for (Predicate term : and.terms()) {
                BitSet shards = shards(term);
                if (shards != null) {
                    if (result == null) {
                        result = (BitSet) shards.clone();
                    } else {
                        result.and(shards);
                    }
                }
            }
            return result;
        }
        if (predicate instanceof Predicate.Or or) {
            BitSet result = new BitSet();
            for (Predicate term : or.terms()) {
                BitSet shards = shards(term);
                if (shards == null) {
                    return null;
                }
                result.or(shards);
            }
            return result;
        }
        if (predicate instanceof Predicate.Compare compare && isKey(compare.column())) {
            ShardKey key = key(compare.value());
            return switch (compare.op()) {
                case EQ -> one(key);
                case NE -> null;
                case LT -> algorithm.shardsInRange(null, false, key, false);
                case LE -> algorithm.shardsInRange(null, false, key, true);
                case GT -> algorithm.shardsInRange(key, false, null, false);
                case GE -> algorithm.shardsInRange(key, true, null, false);
            };
        }
        if (predicate instanceof Predicate.In in && isKey(in.column())) {
            BitSet result = new BitSet();
            for (SqlValue value : in.values()) {
                result.set(shardOf(key(value)));
            }
            return result;
        }
        if (predicate instanceof Predicate.Between between && isKey(between.column())) {
            return algorithm.shardsInRange(key(between.low()), true, key(between.high()), true);
        }
        return null;
    }

    /** The shard of one value of the key, with a routing error naming the table when the algorithm refuses it. */
    int shardOf(ShardKey key) {
        try {
            return algorithm.shard(key);
        } catch (IllegalArgumentException e) {
            throw new ShardgateException(ErrorCode.ROUTE_ERROR,
                    "cannot route " + table + "." + shardKey + " = " + key + ": " + e.getMessage());
        }
    }

    ShardKey key(SqlValue value) {
        return ShardKey.of(value.resolve(parameters));
    }

    private BitSet one(ShardKey key) {
        BitSet result = new BitSet();
        result.set(shardOf(key));
        return result;
    }

    private boolean isKey(ColumnRef column) {
        return column.column().equals(shardKey) && (column.table() == null || column.table().equals(table));
    }
}
