package io.shardgate.engine.observe;

import io.shardgate.engine.backend.BackendServer;

import java.time.Duration;

/**
 * A follower's replication lag as last measured.
 *
 * @param follower the follower (its database, group and role name the metric's labels)
 * @param lag      how far it is behind its leader; null when unknown (replication stopped or the
 *                 follower cannot be reached)
 */
public record FollowerLag(BackendServer follower, Duration lag) {
}
