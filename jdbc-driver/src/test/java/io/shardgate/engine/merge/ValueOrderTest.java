package io.shardgate.engine.merge;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ValueOrderTest {

    private final ValueOrder order = ValueOrder.MYSQL;

    @Test
    void nullSortsBeforeEveryValue() {
        List<Object> values = new ArrayList<>(Arrays.asList(3L, null, "a", -10L));
        values.sort(order);
        assertThat(values.get(0)).isNull();
        assertThat(order.compare(null, null)).isZero();
    }

    @Test
    void numbersCompareByValueAcrossJavaTypes() {
        assertThat(order.compare(2, 2L)).isZero();
        assertThat(order.compare(2L, new BigDecimal("2.00"))).isZero();
        assertThat(order.compare(new BigDecimal("2.5"), 2.4d)).isPositive();
        assertThat(order.compare(BigInteger.TEN.pow(20), Long.MAX_VALUE)).isPositive();
        assertThat(order.compare(-1L, 0.5f)).isNegative();
        assertThat(order.compare(true, 1L)).isZero();
    }

    @Test
    void stringsCompareCaseAndAccentInsensitively() {
        assertThat(order.compare("apple", "APPLE")).isZero();
        assertThat(order.compare("Banana", "apple")).isPositive();
        assertThat(order.compare("abc", "abcd")).isNegative();
        assertThat(order.compare("é", "E")).isZero();
        assertThat(order.compare("Zoë", "zoe")).isZero();
        assertThat(order.compare("9", "a")).isNegative();
    }

    @Test
    void sortsMixedCaseWordsLikeTheServerCollation() {
        List<String> words = new ArrayList<>(List.of("delta", "Charlie", "alpha", "Bravo", "échelle", "Echo"));
        words.sort(order);
        assertThat(words).containsExactly("alpha", "Bravo", "Charlie", "delta", "échelle", "Echo");
    }

    /**
     * Spaces and punctuation inside text are values of their own, as in every MySQL/MariaDB
     * collation: an order that ignored them (a Collator at primary strength did) merged the
     * groups 'a-b', 'a b' and 'ab' into one. Trailing spaces do not count (PAD SPACE).
     */
    @Test
    void punctuationAndInnerSpacesCountTrailingSpacesDoNot() {
        assertThat(order.compare("a-b", "ab")).isNotZero();
        assertThat(order.compare("a b", "ab")).isNotZero();
        assertThat(order.compare("a.b", "a_b")).isNegative(); // utf8mb4_general_ci: '.' (2E) < '_' (5F)
        assertThat(order.compare("john.doe", "johndoe")).isNotZero();
        assertThat(order.compare("abc  ", "ABC")).isZero();
        assertThat(order.key("abc  ")).isEqualTo(order.key("ABC"));
        assertThat(order.key("a-b")).isNotEqualTo(order.key("ab"));
        assertThat(order.compare(" a", "a")).isNegative();
        assertThat(order.exactFor("a")).isFalse();
        assertThat(order.exactFor(1L)).isTrue();
        assertThat(order.exactFor(null)).isFalse();
    }

    @Test
    void bytesCompareUnsigned() {
        assertThat(order.compare(new byte[] {(byte) 0xff}, new byte[] {0x01})).isPositive();
        assertThat(order.compare(new byte[] {1, 2}, new byte[] {1, 2})).isZero();
    }

    @Test
    void timestampsCompareByInstant() {
        assertThat(order.compare(Timestamp.valueOf("2024-01-01 00:00:00"), Timestamp.valueOf("2023-12-31 23:59:59")))
                .isPositive();
    }

    @Test
    void keysAreEqualExactlyWhenValuesCompareEqual() {
        assertThat(order.key("Hello")).isEqualTo(order.key("hELLO"));
        assertThat(order.key("café")).isEqualTo(order.key("CAFE"));
        assertThat(order.key(2L)).isEqualTo(order.key(new BigDecimal("2.000")));
        assertThat(order.key(0L)).isEqualTo(order.key(new BigDecimal("0.00")));
        assertThat(order.key(null)).isEqualTo(order.key(null)).isNotEqualTo(order.key(0L));
        assertThat(order.key(new byte[] {1})).isEqualTo(order.key(new byte[] {1}));
        assertThat(order.key("a")).isNotEqualTo(order.key("b"));
    }
}
