package io.shardgate.proxy.protocol;

import java.sql.Time;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MySQL TIME value: signed, and up to 838 hours, so wider than {@link LocalTime}.
 *
 * @param hours total hours (may exceed 23)
 */
public record TimeValue(boolean negative, long hours, int minute, int second, int micros) {

    private static final Pattern TEXT = Pattern.compile("(-)?(\\d+):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,9}))?");

    /** Decimals value MySQL uses for "not fixed"; no fraction digits are implied. */
    public static final int NOT_FIXED_DECIMALS = 31;

    public static TimeValue from(Object value) {
        if (value instanceof Time time) {
            return of(time.toLocalTime());
        }
        if (value instanceof LocalTime time) {
            return of(time);
        }
        if (value instanceof OffsetTime time) {
            return of(time.toLocalTime());
        }
        if (value instanceof Duration duration) {
            boolean negative = duration.isNegative();
            Duration abs = duration.abs();
            return new TimeValue(negative, abs.toHours(), abs.toMinutesPart(), abs.toSecondsPart(), abs.toNanosPart() / 1000);
        }
        if (value instanceof Timestamp timestamp) {
            return of(timestamp.toLocalDateTime().toLocalTime());
        }
        if (value instanceof LocalDateTime dateTime) {
            return of(dateTime.toLocalTime());
        }
        if (value instanceof CharSequence text) {
            Matcher m = TEXT.matcher(text.toString().trim());
            if (!m.matches()) {
                return null;
            }
            int micros = m.group(5) == null ? 0 : Integer.parseInt((m.group(5) + "000000").substring(0, 6));
            return new TimeValue(m.group(1) != null, Long.parseLong(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), micros);
        }
        return null;
    }

    public static TimeValue of(LocalTime time) {
        return new TimeValue(false, time.getHour(), time.getMinute(), time.getSecond(), time.getNano() / 1000);
    }

    public boolean isZero() {
        return hours == 0 && minute == 0 && second == 0 && micros == 0;
    }

    /** LocalTime when it fits in a day, else the MySQL text (negative or beyond 24 hours). */
    public Object toParameter() {
        if (!negative && hours < 24) {
            return LocalTime.of((int) hours, minute, second, micros * 1000);
        }
        return format(0);
    }

    public String format(int decimals) {
        return (negative ? "-" : "") + String.format("%02d:%02d:%02d", hours, minute, second) + fraction(micros, decimals);
    }

    /**
     * The fractional-seconds suffix: exactly {@code decimals} digits for a column with 1..6
     * fractional digits (as MySQL prints it); otherwise only the digits that are not zero.
     */
    static String fraction(int micros, int decimals) {
        if (decimals >= 1 && decimals <= 6) {
            String digits = String.format("%06d", micros);
            return "." + digits.substring(0, decimals);
        }
        if (micros == 0) {
            return "";
        }
        String digits = String.format("%06d", micros);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return "." + digits.substring(0, end);
    }
}
