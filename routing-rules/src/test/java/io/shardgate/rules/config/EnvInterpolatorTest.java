package io.shardgate.rules.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EnvInterpolatorTest {

    private final EnvInterpolator env = new EnvInterpolator(Map.of("A", "1", "B", "two", "EMPTY", "")::get);

    @Test
    void replacesEveryVariableAndLeavesOtherPlaceholdersAlone() {
        assertThat(env.interpolate("${env:A}-${env:B}${env:EMPTY}").text()).isEqualTo("1-two");
        assertThat(env.interpolate("g${0..1}.t_${env:A}").text()).isEqualTo("g${0..1}.t_1");
        assertThat(env.interpolate("no dollars").text()).isEqualTo("no dollars");
        assertThat(env.interpolate("cost: $5").text()).isEqualTo("cost: $5");
    }

    @Test
    void aDoubledDollarWritesALiteralPlaceholder() {
        assertThat(env.interpolate("$${env:A} is ${env:A}").text()).isEqualTo("${env:A} is 1");
    }

    @Test
    void everyMissingVariableIsNamed() {
        EnvInterpolator.Result result = env.interpolate("${env:NOPE}:${env:A}:${env:ALSO_NOPE}");
        assertThat(result.text()).isNull();
        assertThat(result.problems()).isEqualTo(List.of(
                "environment variable NOPE is not set; export it or write the value",
                "environment variable ALSO_NOPE is not set; export it or write the value"));
    }

    @Test
    void malformedReferencesAreProblems() {
        assertThat(env.interpolate("${env:A B}").problems())
                .containsExactly("'${env:A B}' does not name an environment variable; expected ${env:NAME} with NAME "
                        + "made of letters, digits and _");
        assertThat(env.interpolate("x${env:A").problems()).containsExactly("'${env:' is not closed; expected ${env:NAME}");
    }
}
