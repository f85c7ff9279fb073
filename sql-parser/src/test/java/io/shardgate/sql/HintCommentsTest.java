package io.shardgate.sql;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HintCommentsTest {

    private final SqlAnalyzer analyzer = new SqlAnalyzer(0);

    @Test
    void optimizerHintStyleWithFlagsAndValues() {
        assertThat(analyzer.analyze("SELECT /*+ shardgate: shard=g0.orders_1, leader */ * FROM orders").hints())
                .containsExactly(Map.entry("shard", "g0.orders_1"), Map.entry("leader", "true"));
    }

    @Test
    void plainCommentAnywhereKeysLowerCased() {
        assertThat(analyzer.analyze("UPDATE t SET a = 1 /* ShardGate: Consistency = strong */ WHERE b = 2").hints())
                .containsExactly(Map.entry("consistency", "strong"));
        assertThat(analyzer.analyze("INSERT INTO t (a) VALUES (1) -- shardgate: shard='g1'").hints())
                .containsExactly(Map.entry("shard", "g1"));
    }

    @Test
    void hintsFromSeveralCommentsAndOnEveryKindOfStatement() {
        assertThat(analyzer.analyze("/* shardgate: a=1 */ SET autocommit = 0 /*+ shardgate: b */").hints())
                .containsExactly(Map.entry("a", "1"), Map.entry("b", "true"));
        assertThat(analyzer.analyze("/* shardgate: leader */ FOO").hints()).containsKey("leader");
    }

    @Test
    void otherCommentsAndStringsAreNotHints() {
        assertThat(analyzer.analyze("SELECT /*+ MAX_EXECUTION_TIME(10) */ '/* shardgate: x */' FROM t /* note */").hints())
                .isEmpty();
    }
}
