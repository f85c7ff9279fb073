package io.shardgate.proxy.frontend;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextRequestsTest {

    @Test
    void valuesAreWrittenBackAsTheLiteralsTheyWere() {
        assertThat(TextRequests.inline("SELECT 'why?', c FROM sbtest1_2 WHERE id = ? AND k > -? AND pad = ? AND x IN (?, ?)",
                List.of(42L, new BigDecimal("1.50"), "it's", new BigInteger("18446744073709551615"), "")))
                .isEqualTo("SELECT 'why?', c FROM sbtest1_2 WHERE id = 42 AND k > -1.50 AND pad = 'it''s' "
                        + "AND x IN (18446744073709551615, '')");
    }

    @Test
    void aMarkerCountThatDoesNotMatchIsABug() {
        assertThatThrownBy(() -> TextRequests.inline("SELECT c FROM t WHERE id = ?", List.of()))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> TextRequests.inline("SELECT c FROM t WHERE id = ?", List.of(1L, 2L)))
                .isInstanceOf(IllegalStateException.class);
    }
}
