package io.shardgate.rules.config;

import java.time.Duration;

/** {@code reads:} defaults round-robin, session, max-lag 2s, session-wait 1s. */
public record ReadRule(Balance balance, Consistency consistency, Duration maxLag, Duration sessionWait) {

    public static final ReadRule DEFAULT =
            new ReadRule(Balance.ROUND_ROBIN, Consistency.SESSION, Duration.ofSeconds(2), Duration.ofSeconds(1));

    public enum Balance { ROUND_ROBIN, RANDOM, WEIGHTED }

    public enum Consistency { STRONG, SESSION, BOUNDED, EVENTUAL }
}
