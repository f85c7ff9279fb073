package io.shardgate.engine.transaction;

import io.shardgate.engine.backend.BackendServer;
import io.shardgate.engine.backend.SessionVariables;
import io.shardgate.rules.config.DataSourceRule;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The cycle search of the deadlock detector, on made-up lock waits (the real thing: CrossShardDeadlockTest). */
class DeadlockCycleTest {

    private final BackendServer g0 = server("g0");
    private final BackendServer g1 = server("g1");
    private final BackendServer g2 = server("g2");
    private final Transaction a = new Transaction(new SessionVariables(), null);
    private final Transaction b = new Transaction(new SessionVariables(), null);
    private final Transaction c = new Transaction(new SessionVariables(), null);
    private final Map<Transaction, List<DeadlockDetector.Wait>> waits = new HashMap<>();

    @Test
    void twoTransactionsWaitingForEachOtherOnTwoServersAreACycle() {
        DeadlockDetector.Wait aOnG1 = wait(a, g1, b);
        DeadlockDetector.Wait bOnG0 = wait(b, g0, a);
        assertThat(DeadlockDetector.crossServerDeadlock(waits)).containsExactlyInAnyOrder(aOnG1, bOnG0);
    }

    @Test
    void aCycleThroughThreeTransactionsAndThreeServersIsFound() {
        wait(a, g1, b);
        wait(b, g2, c);
        wait(c, g0, a);
        assertThat(DeadlockDetector.crossServerDeadlock(waits)).hasSize(3)
                .extracting(DeadlockDetector.Wait::group).containsExactlyInAnyOrder("g0", "g1", "g2");
    }

    @Test
    void aChainOfWaitsIsNoCycle() {
        wait(a, g1, b);
        wait(b, g0, c); // c waits for nothing: it will finish, and so will the others
        assertThat(DeadlockDetector.crossServerDeadlock(waits)).isNull();
    }

    @Test
    void aCycleOnOneServerIsLeftToThatServer() {
        wait(a, g0, b);
        wait(b, g0, a); // InnoDB sees this one and ends it at once
        assertThat(DeadlockDetector.crossServerDeadlock(waits)).isNull();
    }

    @Test
    void aCrossServerCycleIsFoundBesideAOneServerOne() {
        DeadlockDetector.Wait aOnG0 = wait(a, g0, b);
        DeadlockDetector.Wait bOnG0 = wait(b, g0, a);
        DeadlockDetector.Wait aOnG1 = wait(a, g1, b);
        assertThat(DeadlockDetector.crossServerDeadlock(waits)).containsExactlyInAnyOrder(aOnG0, aOnG1, bOnG0);
    }

    @Test
    void onlyTheDeadlockedPartOfTheGraphIsReported() {
        wait(c, g2, a); // c waits for the deadlocked pair, but is not part of it
        DeadlockDetector.Wait aOnG1 = wait(a, g1, b);
        DeadlockDetector.Wait bOnG0 = wait(b, g0, a);
        assertThat(DeadlockDetector.crossServerDeadlock(waits)).containsExactlyInAnyOrder(aOnG1, bOnG0);
    }

    private DeadlockDetector.Wait wait(Transaction waiter, BackendServer server, Transaction holder) {
        DeadlockDetector.Wait wait = new DeadlockDetector.Wait(waiter, server.group(), server, 7, holder);
        waits.computeIfAbsent(waiter, tx -> new java.util.ArrayList<>()).add(wait);
        return wait;
    }

    private static BackendServer server(String group) {
        return new BackendServer("shop", group, BackendServer.LEADER,
                new DataSourceRule("jdbc:mysql://127.0.0.1:3306/" + group, "u", "p", 1));
    }
}
