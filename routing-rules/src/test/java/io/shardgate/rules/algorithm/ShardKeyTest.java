package io.shardgate.rules.algorithm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ShardKeyTest {

    static Stream<Object> fortyTwos() {
        return Stream.of(42, "42", 42.0, 42.0f, new BigDecimal("42.00"), new BigDecimal("4.2E+1"), BigInteger.valueOf(42),
                42L, (short) 42, (byte) 42, " 42 ", "+42", "042", "42.", "42.000", "42".getBytes(StandardCharsets.UTF_8),
                new java.util.concurrent.atomic.AtomicLong(42));
    }

    @ParameterizedTest
    @MethodSource("fortyTwos")
    void everySpellingOf42IsOneIntegerKey(Object value) {
        ShardKey key = ShardKey.of(value);
        assertThat(key).isEqualTo(ShardKey.of(42L)).hasSameHashCodeAs(ShardKey.of(42L));
        assertThat(key.isIntegral()).isTrue();
        assertThat(key.longValue()).isEqualTo(42L);
        assertThat(key.integerValue()).isEqualTo(BigInteger.valueOf(42));
        assertThat(key.canonicalBytes()).isEqualTo(HexFormat.of().parseHex("000000000000002a"));
        assertThat(key.text()).isEqualTo("42");
        assertThat(key).hasToString("42");
    }

    static Stream<Object> decimals() {
        return Stream.of(4.5, "4.5", "4.50", new BigDecimal("4.5000"), 4.5f, " 4.5");
    }

    @ParameterizedTest
    @MethodSource("decimals")
    void nonIntegralNumbersAreDecimalKeysWithoutTrailingZeros(Object value) {
        ShardKey key = ShardKey.of(value);
        assertThat(key.kind()).isEqualTo(ShardKey.Kind.DECIMAL);
        assertThat(key.isNumeric()).isTrue();
        assertThat(key.isIntegral()).isFalse();
        assertThat(key.decimalValue()).isEqualTo(new BigDecimal("4.5"));
        assertThat(key.canonicalBytes()).isEqualTo("4.5".getBytes(StandardCharsets.UTF_8));
        assertThat(key).isEqualTo(ShardKey.of("4.5"));
    }

    @Test
    void textIsCaseFoldedAndLosesTrailingSpacesButNotLeadingOnes() {
        assertThat(ShardKey.of("Alice ")).isEqualTo(ShardKey.of("alice")).isEqualTo(ShardKey.of("ALICE   "));
        assertThat(ShardKey.of(" alice")).isNotEqualTo(ShardKey.of("alice"));
        ShardKey key = ShardKey.of("Alice ");
        assertThat(key.isText()).isTrue();
        assertThat(key.text()).isEqualTo("alice");
        assertThat(key.canonicalBytes()).isEqualTo("alice".getBytes(StandardCharsets.UTF_8));
        assertThat(key).hasToString("'alice'");
        assertThat(ShardKey.of("Ünïcode".getBytes(StandardCharsets.UTF_8))).isEqualTo(ShardKey.of("ünïcode"));
    }

    @Test
    void stringsThatAreNotPlainNumbersStayText() {
        for (String text : List.of("1e3", "0x10", "12abc", "-", ".", "1.2.3", "")) {
            assertThat(ShardKey.of(text).isText()).as(text).isTrue();
        }
    }

    @Test
    void integersBeyondLongKeepTheirValueAndHashTheirDigits() {
        ShardKey big = ShardKey.of("12345678901234567890");
        assertThat(big.isIntegral()).isTrue();
        assertThat(big.fitsInLong()).isFalse();
        assertThat(big).isEqualTo(ShardKey.of(new BigInteger("12345678901234567890")))
                .isEqualTo(ShardKey.of(new BigDecimal("12345678901234567890.000")));
        assertThat(big.canonicalBytes()).isEqualTo("12345678901234567890".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(big::longValue).isInstanceOf(ArithmeticException.class);
        assertThat(ShardKey.of(Long.MIN_VALUE).fitsInLong()).isTrue();
        assertThat(ShardKey.of(BigInteger.valueOf(Long.MAX_VALUE)).fitsInLong()).isTrue();
        assertThat(ShardKey.of(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)).fitsInLong()).isFalse();
    }

    @Test
    void negativeIntegersAreTwosComplement() {
        assertThat(ShardKey.of(-7).canonicalBytes()).isEqualTo(HexFormat.of().parseHex("fffffffffffffff9"));
        assertThat(ShardKey.of("-7")).isEqualTo(ShardKey.of(-7L));
        assertThat(ShardKey.of(-0.0)).isEqualTo(ShardKey.of(0));
    }

    @Test
    void booleansAreOneAndZero() {
        assertThat(ShardKey.of(true)).isEqualTo(ShardKey.of(1));
        assertThat(ShardKey.of(false)).isEqualTo(ShardKey.of(0));
    }

    @Test
    void nullIsItsOwnKey() {
        ShardKey key = ShardKey.of(null);
        assertThat(key.isNull()).isTrue();
        assertThat(key).isEqualTo(ShardKey.ofNull()).hasToString("NULL");
        assertThat(key.text()).isNull();
        assertThat(key.canonicalBytes()).isEmpty();
    }

    @Test
    void datesAreTheirMysqlLiteralText() {
        assertThat(ShardKey.of(LocalDate.of(2024, 5, 1))).isEqualTo(ShardKey.of("2024-05-01"));
        assertThat(ShardKey.of(java.sql.Timestamp.valueOf("2024-05-01 10:00:00")))
                .isEqualTo(ShardKey.of("2024-05-01 10:00:00"))
                .isEqualTo(ShardKey.of(LocalDateTime.of(2024, 5, 1, 10, 0)));
        assertThat(ShardKey.of(LocalDateTime.of(2024, 5, 1, 10, 0, 0, 500_000_000)))
                .isEqualTo(ShardKey.of("2024-05-01 10:00:00.5"));
    }

    @Test
    void nanCannotBeAKey() {
        assertThatThrownBy(() -> ShardKey.of(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected a finite number");
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> orderings() {
        return Stream.of(
                arguments(1, 2, -1), arguments(2, "2.0", 0), arguments("4.5", 4, 1), arguments(-7, 3, -1),
                arguments("12345678901234567890", Long.MAX_VALUE, 1), arguments("a", "B", -1), arguments("b", "A ", 1),
                arguments(null, 1, -1), arguments(null, null, 0));
    }

    @ParameterizedTest
    @MethodSource("orderings")
    void numbersCompareByValueAndTextByFoldedString(Object a, Object b, int sign) {
        assertThat(Integer.signum(ShardKey.of(a).compareTo(ShardKey.of(b)))).isEqualTo(sign);
        assertThat(Integer.signum(ShardKey.of(b).compareTo(ShardKey.of(a)))).isEqualTo(-sign);
    }

    @Test
    void numbersAndTextDoNotCompare() {
        assertThatThrownBy(() -> ShardKey.of(1).compareTo(ShardKey.of("abc")))
                .isInstanceOf(ClassCastException.class).hasMessageContaining("values of one kind");
    }

    @Test
    void decimalKeysAreNotIntegers() {
        assertThatThrownBy(() -> ShardKey.of("4.5").integerValue()).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> ShardKey.of("abc").decimalValue()).isInstanceOf(ArithmeticException.class);
    }
}
