package io.shardgate.engine.backend;

/**
 * What health checks know about a group's servers, for {@link Backends}: who leads each group now
 * and which servers are known to be down (so a statement fails at once instead of waiting out the
 * pool's connection timeout). Implemented by the replica monitors.
 */
public interface ServerStates {

    /** The group's current leader (a follower promoted outside Shardgate after a failover), or null: the configured one. */
    BackendServer leader(String group);

    /** A plain read without session context on {@code group}, or null: the leader. */
    BackendServer reader(String group);

    /** Why {@code server} cannot be used now (a health check found it down), or null when it may be. */
    String unavailable(BackendServer server);
}
