package io.shardgate.rules.config;

import java.time.Duration;
import java.util.List;

/** A leader–follower group. */
public record GroupRule(String name, DataSourceRule leader, List<DataSourceRule> followers, Pool pool) {

    /** Pool sizes for each server of the group; defaults: max-size 16, min-idle 0, connection-timeout 5s. */
    public record Pool(int maxSize, int minIdle, Duration connectionTimeout) {
        public static final Pool DEFAULT = new Pool(16, 0, Duration.ofSeconds(5));
    }
}
