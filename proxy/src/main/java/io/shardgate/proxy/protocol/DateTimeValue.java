package io.shardgate.proxy.protocol;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MySQL DATE/DATETIME/TIMESTAMP value by its fields, so that zero dates ({@code 0000-00-00})
 * and years before 1000 survive, which java.time cannot represent or format the MySQL way.
 */
public record DateTimeValue(int year, int month, int day, int hour, int minute, int second, int micros) {

    private static final Pattern TEXT = Pattern.compile(
            "(\\d{1,4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,9}))?)?");

    public static final DateTimeValue ZERO = new DateTimeValue(0, 0, 0, 0, 0, 0, 0);

    /** The value of a JDBC/java.time object or a MySQL-formatted string; null if it is none of those. */
    public static DateTimeValue from(Object value) {
        if (value instanceof Timestamp timestamp) {
            return of(timestamp.toLocalDateTime());
        }
        if (value instanceof java.sql.Date date) {
            return of(date.toLocalDate());
        }
        if (value instanceof java.util.Date date) {
            return of(new Timestamp(date.getTime()).toLocalDateTime());
        }
        if (value instanceof LocalDateTime dateTime) {
            return of(dateTime);
        }
        if (value instanceof LocalDate date) {
            return of(date);
        }
        if (value instanceof OffsetDateTime dateTime) {
            return of(dateTime.toLocalDateTime());
        }
        if (value instanceof ZonedDateTime dateTime) {
            return of(dateTime.toLocalDateTime());
        }
        if (value instanceof Instant instant) {
            return of(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
        if (value instanceof CharSequence text) {
            return parse(text.toString());
        }
        return null;
    }

    public static DateTimeValue of(LocalDateTime value) {
        return new DateTimeValue(value.getYear(), value.getMonthValue(), value.getDayOfMonth(), value.getHour(),
                value.getMinute(), value.getSecond(), value.getNano() / 1000);
    }

    public static DateTimeValue of(LocalDate value) {
        return new DateTimeValue(value.getYear(), value.getMonthValue(), value.getDayOfMonth(), 0, 0, 0, 0);
    }

    static DateTimeValue parse(String text) {
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        int micros = 0;
        if (m.group(7) != null) {
            String fraction = (m.group(7) + "000000").substring(0, 6);
            micros = Integer.parseInt(fraction);
        }
        return new DateTimeValue(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), micros);
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    public boolean hasTime() {
        return hour != 0 || minute != 0 || second != 0 || micros != 0;
    }

    /** A java.time value for the engine, or the MySQL text when it has none (zero dates). */
    public Object toDateParameter() {
        return year == 0 || month == 0 || day == 0 ? formatDate() : LocalDate.of(year, month, day);
    }

    public Object toDateTimeParameter() {
        return year == 0 || month == 0 || day == 0 ? formatDateTime(0)
                : LocalDateTime.of(year, month, day, hour, minute, second, micros * 1000);
    }

    public String formatDate() {
        return String.format("%04d-%02d-%02d", year, month, day);
    }

    /** {@code yyyy-MM-dd HH:mm:ss} and the fraction as {@link TimeValue#fraction} prints it. */
    public String formatDateTime(int decimals) {
        return String.format("%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour, minute, second)
                + TimeValue.fraction(micros, decimals);
    }
}
