package io.shardgate.testing;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The fixture itself: real GTID replication, induced lag, and a server crash and restart. */
class MariaDbClusterTest {

    @Test
    void followersReplicateLagOnDemandAndSurviveRestart() {
        MariaDbCluster cluster = MariaDbCluster.shared(2, 2);
        MariaDbCluster.Group group = cluster.group(0);
        cluster.createDatabase("fixture");
        cluster.executeOnLeader(0, "fixture", "CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY)", "DELETE FROM t",
                "INSERT INTO t VALUES (1)");
        cluster.awaitReplication(Duration.ofSeconds(30));
        MariaDbServer follower = group.followers().get(0);
        assertThat(MariaDbCluster.query(follower, "SELECT COUNT(*) FROM fixture.t")).isEqualTo("1");
        assertThat(MariaDbCluster.query(follower, "SELECT @@read_only")).isEqualTo("1");

        MariaDbCluster.pauseApplying(follower);
        try {
            cluster.executeOnLeader(0, "fixture", "INSERT INTO t VALUES (2)");
            MariaDbServer other = group.followers().get(1);
            MariaDbCluster.await(Duration.ofSeconds(30),
                    () -> "2".equals(MariaDbCluster.query(other, "SELECT COUNT(*) FROM fixture.t")), "second follower");
            assertThat(MariaDbCluster.query(follower, "SELECT COUNT(*) FROM fixture.t")).isEqualTo("1");
        } finally {
            MariaDbCluster.resumeApplying(follower);
        }
        cluster.awaitReplication(Duration.ofSeconds(30));
        assertThat(MariaDbCluster.query(follower, "SELECT COUNT(*) FROM fixture.t")).isEqualTo("2");

        follower.stop();
        try {
            cluster.executeOnLeader(0, "fixture", "INSERT INTO t VALUES (3)");
        } finally {
            follower.restart();
        }
        cluster.awaitReplication(Duration.ofSeconds(60));
        assertThat(MariaDbCluster.query(follower, "SELECT COUNT(*) FROM fixture.t")).isEqualTo("3");
    }
}
