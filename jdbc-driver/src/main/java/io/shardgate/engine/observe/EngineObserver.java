package io.shardgate.engine.observe;

/**
 * What an engine tells the outside about its work, for metrics, hotspot tracking and logs. The
 * engine calls it on the thread that ran the statement, after the statement (success or error),
 * so an implementation must be fast and must not throw (an exception is logged and dropped).
 * The engine knows nothing of metrics libraries: the proxy implements this interface over
 * Micrometer. Every method has an empty default, so an observer implements only what it needs.
 */
public interface EngineObserver {

    /** An observer that ignores everything. */
    EngineObserver NONE = new EngineObserver() {
    };

    /** One statement finished (or failed) in a session. */
    default void statementExecuted(StatementEvent event) {
    }

    /**
     * One measurement of a follower's replication lag, reported by whatever in the engine watches
     * replication (the group health monitor): {@code engine.observer().followerLag(…)}.
     */
    default void followerLag(FollowerLag lag) {
    }

    /**
     * The engine broke a deadlock across groups of {@code database} (no single server could see
     * it): one transaction was rolled back.
     */
    default void crossShardDeadlock(String database, java.util.List<String> groups) {
    }
}
