package io.shardgate.engine;

import io.shardgate.rules.route.RouteContext;
import io.shardgate.rules.route.RoutePlan;
import io.shardgate.sql.SqlStatement;

import java.util.List;

/** Routes analyzed statements of one logical database; {@code io.shardgate.rules.route.Router} in production. */
@FunctionalInterface
public interface StatementRouter {

    RoutePlan route(SqlStatement statement, List<Object> parameters, RouteContext context);
}
