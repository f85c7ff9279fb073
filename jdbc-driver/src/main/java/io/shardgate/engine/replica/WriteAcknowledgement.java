package io.shardgate.engine.replica;

import io.shardgate.engine.backend.BackendServer;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.config.WriteRule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code writes.ack: quorum | all}: after the leader has committed, waits on the followers
 * themselves (MASTER_GTID_WAIT, in parallel) until enough have applied the write. A group of N
 * copies needs N/2 followers for a quorum (a majority counting the leader) and every follower for
 * all. When they do not confirm in time the write stays committed on the leader, and the error
 * says so: the client must not assume it failed.
 */
final class WriteAcknowledgement {

    private final Replicas replicas;
    private final ExecutorService waiters;

    WriteAcknowledgement(Replicas replicas, ExecutorService waiters) {
        this.replicas = replicas;
        this.waiters = waiters;
    }

    /** The waits of one group: its followers' outcomes arrive as they finish (null: it confirmed). */
    private record GroupWaits(int followers, int need, Map<BackendServer, String> problems,
                              ExecutorCompletionService<Map.Entry<BackendServer, String>> outcomes) {
    }

    void await(Map<String, String> positionsByGroup, WriteRule.Ack ack, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, GroupWaits> waitsByGroup = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : positionsByGroup.entrySet()) {
            GroupHealth health = replicas.health(entry.getKey());
            if (health == null) {
                continue;
            }
            List<BackendServer> followers = new ArrayList<>();
            for (BackendServer server : replicas.backends().servers(entry.getKey())) {
                if (!server.equals(health.leader())) {
                    followers.add(server);
                }
            }
            int copies = followers.size() + 1;
            int need = ack == WriteRule.Ack.ALL ? followers.size() : copies / 2;
            if (need == 0) {
                continue;
            }
            ExecutorCompletionService<Map.Entry<BackendServer, String>> outcomes = new ExecutorCompletionService<>(waiters);
            Map<BackendServer, String> problems = new LinkedHashMap<>();
            for (BackendServer follower : followers) {
                problems.put(follower, "no answer within the timeout");
                outcomes.submit(() -> new java.util.AbstractMap.SimpleEntry<>(follower,
                        waitOn(follower, entry.getValue(), timeout)));
            }
            waitsByGroup.put(entry.getKey(), new GroupWaits(followers.size(), need, problems, outcomes));
        }
        for (Map.Entry<String, GroupWaits> entry : waitsByGroup.entrySet()) {
            GroupWaits waits = entry.getValue();
            int confirmed = 0;
            int answered = 0;
            while (confirmed < waits.need() && answered < waits.followers()) {
                Map.Entry<BackendServer, String> outcome = next(waits.outcomes(), deadline);
                if (outcome == null) {
                    break;
                }
                answered++;
                if (outcome.getValue() == null) {
                    confirmed++;
                    waits.problems().remove(outcome.getKey());
                } else {
                    waits.problems().put(outcome.getKey(), outcome.getValue());
                }
            }
            if (confirmed < waits.need()) {
                throw notAcknowledged(entry.getKey(), positionsByGroup.get(entry.getKey()), ack, timeout, waits,
                        confirmed);
            }
        }
    }

    private ShardgateException notAcknowledged(String group, String position, WriteRule.Ack ack, Duration timeout,
                                               GroupWaits waits, int confirmed) {
        GroupHealth health = replicas.health(group);
        int copies = waits.followers() + 1;
        int required = waits.need() + 1;
        List<String> missing = new ArrayList<>();
        waits.problems().forEach((follower, problem) -> missing.add(follower.describe() + ": " + problem));
        return new ShardgateException(ErrorCode.ACK_TIMEOUT, "the write IS committed on " + health.leader().describe()
                + " (GTID " + position + "), but writes.ack=" + ack.name().toLowerCase(Locale.ROOT) + " needs it on "
                + required + " of " + copies + " copies and only " + (confirmed + 1) + " had it within "
                + timeout.toMillis() + " ms (" + String.join("; ", missing) + "). It is not yet on " + required
                + " copies and could be lost if the leader fails now; do not simply retry it (it would apply twice). "
                + "Check replication on those followers, raise writes.ack-timeout, or lower writes.ack");
    }

    private static Map.Entry<BackendServer, String> next(
            ExecutorCompletionService<Map.Entry<BackendServer, String>> outcomes, long deadline) {
        try {
            // the server-side waits end at the same timeout: a little slack lets their answer arrive
            long left = Math.max(0, deadline - System.nanoTime()) + TimeUnit.MILLISECONDS.toNanos(300);
            Future<Map.Entry<BackendServer, String>> done = outcomes.poll(left, TimeUnit.NANOSECONDS);
            return done == null ? null : done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for a follower failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String waitOn(BackendServer follower, String position, Duration timeout) {
        try (Connection connection = replicas.backends().connect(follower)) {
            ReplicationDialect dialect = replicas.dialectOf(follower, connection);
            try (PreparedStatement wait = connection.prepareStatement(dialect.waitSql())) {
                wait.setString(1, position);
                wait.setDouble(2, timeout.toMillis() / 1000.0);
                try (ResultSet row = wait.executeQuery()) {
                    if (row.next() && !row.wasNull() && dialect.reached(row.getLong(1))) {
                        return null;
                    }
                    return "not applied yet";
                }
            }
        } catch (SQLException | ShardgateException e) {
            return e.getMessage();
        }
    }
}
