package io.shardgate.engine.replica;

import io.shardgate.engine.backend.BackendServer;

import java.util.List;

/**
 * One health check of a group: who leads it now (the configured leader, or a follower promoted
 * outside Shardgate), whether that leader can take writes, and every server's state.
 *
 * @param leaderProblem why writes cannot go to the group now, or null
 */
public record GroupHealth(String group, BackendServer leader, boolean leaderUp, List<ServerHealth> servers,
                          String leaderProblem) {

    public ServerHealth of(BackendServer server) {
        for (ServerHealth health : servers) {
            if (health.server().equals(server)) {
                return health;
            }
        }
        return null;
    }
}
