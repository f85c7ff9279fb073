package io.shardgate.rules.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DidYouMeanTest {

    private final List<String> keys = List.of("shard-key", "algorithm", "shards", "key-generator", "co-located-with");

    @Test
    void suggestsTheNearestKeyForTyposSwapsAndCase() {
        assertThat(DidYouMean.closest("shard_key", keys)).isEqualTo("shard-key");
        assertThat(DidYouMean.closest("shardKey", keys)).isEqualTo("shard-key");
        assertThat(DidYouMean.closest("algortihm", keys)).isEqualTo("algorithm");
        assertThat(DidYouMean.closest("SHARDS", keys)).isEqualTo("shards");
        assertThat(DidYouMean.closest("colocated-with", keys)).isEqualTo("co-located-with");
    }

    @Test
    void suggestsNothingWhenNothingIsClose() {
        assertThat(DidYouMean.closest("replicas", keys)).isNull();
        assertThat(DidYouMean.hint("replicas", keys)).isEmpty();
        assertThat(DidYouMean.hint("shard_key", keys)).isEqualTo(" did you mean 'shard-key'?");
    }
}
