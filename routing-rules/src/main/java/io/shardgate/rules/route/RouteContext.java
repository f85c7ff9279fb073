package io.shardgate.rules.route;

import io.shardgate.rules.config.TableRule;

import java.util.Set;

/**
 * The session state routing depends on.
 *
 * @param inTransaction     an explicit transaction is open: every unit needs the leader
 * @param transactionGroups groups the open transaction already touched (to flag a would-be
 *                          cross-shard transaction)
 * @param keys              where generated keys come from (INSERTs that omit a key-generator column)
 */
public record RouteContext(boolean inTransaction, Set<String> transactionGroups, KeySource keys) {

    public static final RouteContext AUTOCOMMIT = new RouteContext(false, Set.of(), KeySource.NONE);

    /** Hands out new keys for a table's key generator. */
    @FunctionalInterface
    public interface KeySource {

        KeySource NONE = (table, generator) -> {
            throw new IllegalStateException("no key generator configured for " + table);
        };

        long next(String table, TableRule.KeyGenerator generator);
    }
}
