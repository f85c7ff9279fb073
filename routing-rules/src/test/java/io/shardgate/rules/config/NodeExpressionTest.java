package io.shardgate.rules.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeExpressionTest {

    @Test
    void expandsAsACartesianProductWithTheLeftmostExpressionOutermost() {
        assertThat(NodeExpression.expand("g${0..1}.orders_${0..1}"))
                .containsExactly("g0.orders_0", "g0.orders_1", "g1.orders_0", "g1.orders_1");
        assertThat(NodeExpression.expand("g${0..2}.t")).containsExactly("g0.t", "g1.t", "g2.t");
    }

    @Test
    void aZeroPaddedBoundKeepsItsWidth() {
        assertThat(NodeExpression.expand("g0.t_${00..11}")).hasSize(12).startsWith("g0.t_00", "g0.t_01").endsWith("g0.t_11");
        assertThat(NodeExpression.expand("g0.t_${8..10}")).containsExactly("g0.t_8", "g0.t_9", "g0.t_10");
        assertThat(NodeExpression.expand("g0.t_${008..010}")).containsExactly("g0.t_008", "g0.t_009", "g0.t_010");
    }

    @Test
    void listsAndPlainNamesWork() {
        assertThat(NodeExpression.expand("${[east, west]}.t_${ 1 .. 2 }"))
                .containsExactly("east.t_1", "east.t_2", "west.t_1", "west.t_2");
        assertThat(NodeExpression.expand("g0.orders")).containsExactly("g0.orders");
        assertThat(NodeExpression.expand("g0.t_${5..5}")).containsExactly("g0.t_5");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "g${1..}.t       | '${1..}' is not a range or a list",
            "g${b..a}.t      | '${b..a}' is not a range or a list",
            "g${-1..2}.t     | '${-1..2}' is not a range or a list",
            "g${}.t          | '${}' is not a range or a list",
            "g${3..1}.t      | '${3..1}' counts down; expected from ≤ to, e.g. ${1..3}",
            "g${0..1.t       | '${0..1.t' is not closed",
            "g${[a,b}.t      | '${[a,b}' is not a list; expected ${[a, b, c]}",
            "g${[]}.t        | '${[]}' has an empty item",
            "t_${0..70000}   | '${0..70000}' expands to more than 65536 nodes",
            "${0..300}.${0..300} | expands to more than 65536 nodes",
    })
    void badExpressionsSayWhatIsWrong(String expression, String message) {
        assertThatThrownBy(() -> NodeExpression.expand(expression))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message).hasMessageContaining("expected");
    }
}
