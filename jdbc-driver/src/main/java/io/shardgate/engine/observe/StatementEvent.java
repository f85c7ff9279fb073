package io.shardgate.engine.observe;

import io.shardgate.error.ShardgateException;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.route.RoutePlan;
import io.shardgate.sql.SqlStatement;

import java.util.List;

/**
 * One statement a session executed.
 *
 * @param rules      the rule file of the logical database it ran in (null when none was involved)
 * @param statement  the analyzed statement (its SQL text holds literals: never log it as is);
 *                   null when the text could not be analyzed (then {@code error} says why)
 * @param parameters the values of its {@code ?} markers (may be sensitive, as literals are)
 * @param plan       the route it took; null when it was not routed to backends (session
 *                   statements, answers from the session, errors before routing)
 * @param nanos      wall time from the start of execute until it returned (for a query: until its
 *                   rows were ready to stream, not until the client read them)
 * @param error      the error it failed with, or null
 */
public record StatementEvent(RuleSet rules, SqlStatement statement, List<Object> parameters, RoutePlan plan,
                             long nanos, ShardgateException error) {

    public boolean failed() {
        return error != null;
    }
}
