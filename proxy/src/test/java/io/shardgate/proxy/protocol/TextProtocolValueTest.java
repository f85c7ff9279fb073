package io.shardgate.proxy.protocol;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

/** Values print as the mysql client would show them from a MySQL server. */
class TextProtocolValueTest {

    @Test
    void doublesPrintShortestAndSwitchToExponentsLikeMysql() {
        assertThat(TextProtocolValue.formatDouble(0.1)).isEqualTo("0.1");
        assertThat(TextProtocolValue.formatDouble(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(TextProtocolValue.formatDouble(100.0)).isEqualTo("100");
        assertThat(TextProtocolValue.formatDouble(-2.5)).isEqualTo("-2.5");
        assertThat(TextProtocolValue.formatDouble(0)).isEqualTo("0");
        assertThat(TextProtocolValue.formatDouble(1e14)).isEqualTo("100000000000000");
        assertThat(TextProtocolValue.formatDouble(1e15)).isEqualTo("1e15");
        assertThat(TextProtocolValue.formatDouble(1e20)).isEqualTo("1e20");
        assertThat(TextProtocolValue.formatDouble(123456789012345678e0)).isEqualTo("1.2345678901234568e17");
        assertThat(TextProtocolValue.formatDouble(1.5e-7)).isEqualTo("1.5e-7");
        assertThat(TextProtocolValue.formatDouble(0.00001)).isEqualTo("0.00001");
        assertThat(TextProtocolValue.formatFloat(1.1f)).isEqualTo("1.1");
        assertThat(TextProtocolValue.formatFloat(3.0f)).isEqualTo("3");
    }

    @Test
    void numbersAndBooleans() {
        assertThat(format(new BigDecimal("1E+3"), ColumnType.NEWDECIMAL, 0)).isEqualTo("1000");
        assertThat(format(new BigDecimal("12.50"), ColumnType.NEWDECIMAL, 2)).isEqualTo("12.50");
        assertThat(format(new BigInteger("18446744073709551615"), ColumnType.LONGLONG, 0)).isEqualTo("18446744073709551615");
        assertThat(format(true, ColumnType.TINY, 0)).isEqualTo("1");
        assertThat(format(false, ColumnType.TINY, 0)).isEqualTo("0");
        assertThat(TextProtocolValue.encode(true, column(ColumnType.BIT, 0))).containsExactly(1);
        assertThat(TextProtocolValue.encode(5L, new ColumnDefinition41("", "", "", "b", "b", 63, 12, ColumnType.BIT, 0, 0)))
                .containsExactly(0, 5);
    }

    @Test
    void zerofillIntegersArePaddedToTheDisplayLength() {
        ColumnDefinition41 zerofill = new ColumnDefinition41("", "", "", "z", "z", 63, 10, ColumnType.LONG,
                ColumnFlags.ZEROFILL | ColumnFlags.UNSIGNED, 0);
        assertThat(TextProtocolValue.format(42L, zerofill)).isEqualTo("0000000042");
        assertThat(TextProtocolValue.format(4_294_967_295L, zerofill)).isEqualTo("4294967295");
        assertThat(TextProtocolValue.format(42L, column(ColumnType.LONG, 0))).isEqualTo("42");
    }

    @Test
    void temporalValuesWithTheColumnsFractionalDigits() {
        assertThat(format(LocalDate.of(999, 1, 2), ColumnType.DATE, 0)).isEqualTo("0999-01-02");
        assertThat(format(Date.valueOf("2024-02-29"), ColumnType.DATE, 0)).isEqualTo("2024-02-29");
        LocalDateTime dateTime = LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000);
        assertThat(format(dateTime, ColumnType.DATETIME, 3)).isEqualTo("2024-02-29 13:14:15.123");
        assertThat(format(dateTime, ColumnType.DATETIME, 6)).isEqualTo("2024-02-29 13:14:15.123456");
        assertThat(format(dateTime.withNano(0), ColumnType.DATETIME, 0)).isEqualTo("2024-02-29 13:14:15");
        assertThat(format(Timestamp.valueOf("2024-01-02 03:04:05.5"), ColumnType.TIMESTAMP, 0)).isEqualTo("2024-01-02 03:04:05.5");
        assertThat(format(Time.valueOf("12:34:56"), ColumnType.TIME, 0)).isEqualTo("12:34:56");
        assertThat(format(LocalTime.of(1, 2, 3, 500_000_000), ColumnType.TIME, 2)).isEqualTo("01:02:03.50");
        assertThat(format(Duration.ofHours(-838).minusMinutes(59).minusSeconds(59), ColumnType.TIME, 0)).isEqualTo("-838:59:59");
        assertThat(format(Date.valueOf("2024-01-01"), ColumnType.YEAR, 0)).isEqualTo("2024");
        assertThat(format("0000-00-00 00:00:00", ColumnType.DATETIME, 0)).isEqualTo("0000-00-00 00:00:00");
    }

    private static String format(Object value, ColumnType type, int decimals) {
        return TextProtocolValue.format(value, column(type, decimals));
    }

    private static ColumnDefinition41 column(ColumnType type, int decimals) {
        return new ColumnDefinition41("", "", "", "c", "c", 63, 1, type, 0, decimals);
    }
}
