package io.shardgate.engine.keygen;

import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.config.TableRule;
import io.shardgate.rules.route.RouteContext;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key generators of one engine: one snowflake generator per worker id, shared by every table
 * and session of the engine (so ids of one instance increase across tables too). This is the
 * {@link RouteContext.KeySource} the router asks when an INSERT omits a key-generator column.
 */
public final class KeyGenerators implements RouteContext.KeySource {

    private final WorkerId workerIds;
    private final Map<Integer, SnowflakeGenerator> generators = new ConcurrentHashMap<>();

    public KeyGenerators(WorkerId workerIds) {
        this.workerIds = workerIds;
    }

    @Override
    public long next(String table, TableRule.KeyGenerator generator) {
        String type = generator.type() == null ? "snowflake" : generator.type().toLowerCase(Locale.ROOT);
        if (!type.equals("snowflake")) {
            throw new ShardgateException(ErrorCode.NOT_SUPPORTED, "key-generator type '" + generator.type()
                    + "' of " + table + "." + generator.column() + " (supported: snowflake)");
        }
        int workerId;
        try {
            workerId = workerIds.resolve(generator);
        } catch (IllegalArgumentException e) {
            throw new ShardgateException(ErrorCode.ROUTE_ERROR, "cannot generate " + table + "." + generator.column()
                    + ": " + e.getMessage());
        }
        return generators.computeIfAbsent(workerId, SnowflakeGenerator::new).next();
    }
}
