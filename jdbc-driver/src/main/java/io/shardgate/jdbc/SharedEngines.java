package io.shardgate.jdbc;

import io.shardgate.engine.Engine;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The engines behind {@code DriverManager} connections: one per set of rule files, shared by every
 * connection to it (so they share backend pools), closed when its last connection closes.
 * Thread-safe.
 */
final class SharedEngines {

    private record Shared(Engine engine, int connections) {
    }

    private final Map<String, Shared> engines = new HashMap<>();

    /** The engine for {@code url}'s rule files, counting one more user. */
    synchronized Engine acquire(ShardgateUrl url) throws SQLException {
        String key = String.join(",", url.locations());
        Shared shared = engines.get(key);
        Engine engine = shared == null ? new Engine(url.load()) : shared.engine();
        engines.put(key, new Shared(engine, shared == null ? 1 : shared.connections() + 1));
        return engine;
    }

    /** One user less; the last one closes the engine and its pools. */
    synchronized void release(ShardgateUrl url) {
        String key = String.join(",", url.locations());
        Shared shared = engines.get(key);
        if (shared == null) {
            return;
        }
        if (shared.connections() <= 1) {
            engines.remove(key);
            shared.engine().close();
        } else {
            engines.put(key, new Shared(shared.engine(), shared.connections() - 1));
        }
    }
}
