package io.shardgate.rules.config;

import java.time.Duration;

/** {@code writes:} defaults ack leader, ack-timeout 5s. */
public record WriteRule(Ack ack, Duration ackTimeout) {

    public static final WriteRule DEFAULT = new WriteRule(Ack.LEADER, Duration.ofSeconds(5));

    public enum Ack { LEADER, QUORUM, ALL }
}
