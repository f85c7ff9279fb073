package io.shardgate.engine.replica;

import io.shardgate.engine.backend.BackendServer;
import io.shardgate.rules.config.DataSourceRule;
import io.shardgate.rules.config.ReadRule;
import io.shardgate.rules.config.WriteRule;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The parts of replica handling that need no server: positions, balance, the R + W > N statement. */
class ReplicaUnitsTest {

    @Test
    void aMariaDbPositionCoversAnotherWhenItIsAsFarInEveryDomain() {
        MariaDbReplication dialect = new MariaDbReplication();
        assertThat(dialect.covers("0-1-10", "0-1-9")).isTrue();
        assertThat(dialect.covers("0-1-10", "0-1-10")).isTrue();
        assertThat(dialect.covers("0-1-10", "0-1-11")).isFalse();
        assertThat(dialect.covers("0-2-12,1-1-3", "0-1-11")).as("server id does not matter, the sequence does").isTrue();
        assertThat(dialect.covers("0-1-12", "0-1-11,1-1-1")).as("a domain it has not seen").isFalse();
        assertThat(dialect.covers("", "")).isTrue();
        assertThat(dialect.covers("0-1-5", "")).isTrue();
    }

    @Test
    void aMySqlGtidSetCoversAnotherWhenItContainsEveryTransactionOfIt() {
        MySqlReplication dialect = new MySqlReplication();
        String a = "3E11FA47-71CA-11E1-9E33-C80AA9429562";
        String b = "2174B383-5441-11E8-B90A-C80AA9429562";
        assertThat(dialect.covers(a + ":1-20", a + ":5-20")).isTrue();
        assertThat(dialect.covers(a + ":1-20", a + ":21")).isFalse();
        assertThat(dialect.covers(a + ":1-5:11-18,\n" + b + ":1-2", a.toLowerCase() + ":12-14," + b + ":2")).isTrue();
        assertThat(dialect.covers(a + ":1-5:11-18", a + ":5-11")).as("a gap 6-10").isFalse();
        assertThat(dialect.covers(a + ":1-5", b + ":1")).isFalse();
        assertThat(dialect.covers(a + ":1-5", "")).isTrue();
    }

    @Test
    void theServerKindComesFromItsVersionString() {
        assertThat(ReplicationDialect.forVersion("11.4.2-MariaDB-log")).isInstanceOf(MariaDbReplication.class);
        assertThat(ReplicationDialect.forVersion("8.4.0")).isInstanceOf(MySqlReplication.class);
    }

    @Test
    void roundRobinTurnsAndWeightedFollowsTheWeights() {
        BackendServer a = follower(0, 1);
        BackendServer b = follower(1, 3);
        FollowerChooser roundRobin = new FollowerChooser(ReadRule.Balance.ROUND_ROBIN);
        assertThat(roundRobin.order("g0", List.of(a, b))).containsExactly(a, b);
        assertThat(roundRobin.order("g0", List.of(a, b))).containsExactly(b, a);
        assertThat(roundRobin.order("g0", List.of(a, b))).containsExactly(a, b);

        FollowerChooser weighted = new FollowerChooser(ReadRule.Balance.WEIGHTED);
        Map<BackendServer, Integer> firsts = new HashMap<>();
        for (int i = 0; i < 4000; i++) {
            firsts.merge(weighted.order("g0", List.of(a, b)).get(0), 1, Integer::sum);
        }
        assertThat(firsts.get(b) / (double) firsts.get(a)).as("weight 3 vs 1").isBetween(2.4, 3.8);
    }

    @Test
    void theGuaranteeOfEachPairFollowsRPlusWGreaterThanN() {
        assertThat(ConsistencyGuarantee.strong(ReadRule.Consistency.EVENTUAL, WriteRule.Ack.LEADER, 3)).isFalse();
        assertThat(ConsistencyGuarantee.strong(ReadRule.Consistency.EVENTUAL, WriteRule.Ack.QUORUM, 3)).isFalse();
        assertThat(ConsistencyGuarantee.strong(ReadRule.Consistency.EVENTUAL, WriteRule.Ack.ALL, 3)).isTrue();
        assertThat(ConsistencyGuarantee.strong(ReadRule.Consistency.STRONG, WriteRule.Ack.LEADER, 3)).isTrue();
        assertThat(ConsistencyGuarantee.strong(ReadRule.Consistency.SESSION, WriteRule.Ack.LEADER, 1)).isTrue();
        assertThat(ConsistencyGuarantee.writeCopies(WriteRule.Ack.QUORUM, 3)).isEqualTo(2);
        assertThat(ConsistencyGuarantee.writeCopies(WriteRule.Ack.QUORUM, 2)).isEqualTo(2);
        assertThat(ConsistencyGuarantee.describe(ReadRule.Consistency.BOUNDED, WriteRule.Ack.LEADER, 3))
                .isEqualTo("N=3 (leader + 2 follower(s)), W=1 (writes.ack=leader), R=1 (reads.consistency=bounded): "
                        + "R+W=2 <= N: not strong, a read may miss a write another session had acknowledged; "
                        + "reads are at most reads.max-lag behind");
    }

    private static BackendServer follower(int index, int weight) {
        return new BackendServer("shop", "g0", index,
                new DataSourceRule("jdbc:mysql://10.0.0." + index + ":3306/shop", "app", "x", weight));
    }
}
