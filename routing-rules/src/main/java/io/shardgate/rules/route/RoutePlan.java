package io.shardgate.rules.route;

import io.shardgate.sql.StatementKind;

import java.util.List;

/**
 * Where a statement goes and how the results come back together: an immutable value that prints
 * the same way in {@code EXPLAIN ROUTE}, the CLI and the golden tests ({@link RoutePlanPrinter}).
 *
 * @param sql      the logical SQL
 * @param kind     the statement kind
 * @param variant  how many targets and why
 * @param units    one per physical target, in shard order
 * @param merge    how to combine the units' results (NONE for one unit or for writes: counts add up)
 * @param flags    cross-shard and scatter flags, in the order they were raised
 * @param generatedKeys keys the router generated for an INSERT that omitted a key-generator
 *                 column, in row order (empty otherwise): LAST_INSERT_ID / getGeneratedKeys
 */
public record RoutePlan(String sql, StatementKind kind, Variant variant, List<RouteUnit> units, MergeSpec merge,
                        List<RouteFlag> flags, List<Long> generatedKeys) {

    public enum Variant {
        /** one shard of a sharded table (or co-located tables) */
        SINGLE,
        /** several but not all shards */
        MULTI,
        /** every shard: no usable shard-key condition */
        SCATTER,
        /** a write to every group holding a broadcast table, or DDL on every physical table */
        BROADCAST,
        /** tables that are not sharded: the default group (or one copy of a broadcast table) */
        UNSHARDED,
        /** answered by Shardgate itself, no backend unit: session statements, SHOW TABLES, admin SQL */
        LOCAL
    }

    public boolean isSingleUnit() {
        return units.size() == 1;
    }

    public boolean hasFlag(RouteFlag.Kind flagKind) {
        return flags.stream().anyMatch(f -> f.kind() == flagKind);
    }

    /** Distinct groups touched, in unit order. */
    public List<String> groups() {
        if (units.size() == 1) {
            return List.of(units.get(0).group()); // most plans: no stream on every statement
        }
        return units.stream().map(RouteUnit::group).distinct().toList();
    }
}
