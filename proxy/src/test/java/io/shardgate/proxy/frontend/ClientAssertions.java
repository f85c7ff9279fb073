package io.shardgate.proxy.frontend;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

/** What a client must read back from {@code SELECT * FROM types}, in text and binary protocol alike. */
final class ClientAssertions {

    private ClientAssertions() {
    }

    static void assertTypesRow(ResultSet rs) throws SQLException {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt("tiny")).isEqualTo(-5);
        assertThat(rs.getInt("utiny")).isEqualTo(250);
        assertThat(rs.getInt("small")).isEqualTo(-300);
        assertThat(rs.getInt("medium")).isEqualTo(70_000);
        assertThat(rs.getInt("int")).isEqualTo(-2_000_000_000);
        assertThat(rs.getLong("uint")).isEqualTo(4_000_000_000L);
        assertThat(rs.getLong("big")).isEqualTo(Long.MIN_VALUE);
        assertThat(rs.getBigDecimal("ubig")).isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(rs.getBigDecimal("dec")).isEqualByComparingTo("12345.6789");
        assertThat(rs.getFloat("flt")).isEqualTo(1.5f);
        assertThat(rs.getDouble("dbl")).isEqualTo(0.1);
        assertThat(rs.getObject("date", LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(rs.getObject("dt", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000));
        assertThat(rs.getObject("ts", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        assertThat(rs.getObject("tm", LocalTime.class)).isEqualTo(LocalTime.of(12, 34, 56));
        assertThat(rs.getInt("yr")).isEqualTo(2024);
        assertThat(rs.getString("vc")).isEqualTo("héllo ✓");
        assertThat(rs.getString("txt")).isEqualTo("long text");
        assertThat(rs.getBytes("blb")).containsExactly(0, 1, 0xFF);
        assertThat(rs.getBytes("vb")).containsExactly(0xCA, 0xFE);
        assertThat(rs.getString("js")).isEqualTo("{\"a\": 1}");
        assertThat(rs.getString("en")).isEqualTo("small");
        assertThat(rs.getBoolean("bool")).isTrue();
        assertThat(rs.getInt("bool")).isEqualTo(1);

        assertThat(rs.next()).isTrue();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            assertThat(rs.getObject(i)).as("column %s of the NULL row", rs.getMetaData().getColumnLabel(i)).isNull();
            assertThat(rs.wasNull()).isTrue();
        }
        assertThat(rs.next()).isFalse();
    }
}
