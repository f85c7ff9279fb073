package io.shardgate.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Converts the values backends return to what a {@code ResultSet} getter asks for, the way
 * Connector/J does for the same MySQL column (a DECIMAL read with getLong, a DATETIME with
 * getString as {@code 2024-05-01 10:00:00}, a TINYINT(1) with getBoolean …).
 */
final class Values {

    private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter(Locale.ROOT);
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss").optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter(Locale.ROOT);

    private Values() {
    }

    static String string(Object v) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof Timestamp ts) {
            return DATETIME.format(ts.toLocalDateTime());
        }
        if (v instanceof LocalDateTime ldt) {
            return DATETIME.format(ldt);
        }
        if (v instanceof Time t) {
            return TIME.format(t.toLocalTime());
        }
        if (v instanceof LocalTime lt) {
            return TIME.format(lt);
        }
        if (v instanceof OffsetDateTime odt) {
            return DATETIME.format(odt.toLocalDateTime());
        }
        return v.toString();
    }

    static BigDecimal decimal(Object v) throws SQLException {
        if (v == null || v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof Double || v instanceof Float) {
            return BigDecimal.valueOf(((Number) v).doubleValue());
        }
        if (v instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        String s = string(v).trim();
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new SQLDataException("'" + s + "' is not a number", "22018", 1366, e);
        }
    }

    static long longValue(Object v) throws SQLException {
        if (v == null) {
            return 0;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof Double || v instanceof Float) {
            return (long) ((Number) v).doubleValue();
        }
        BigDecimal d = decimal(v);
        try {
            return d.setScale(0, java.math.RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
            throw new SQLDataException("value " + d.toPlainString() + " is out of range for a long", "22003", 1264, e);
        }
    }

    static int intValue(Object v) throws SQLException {
        long l = longValue(v);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new SQLDataException("value " + l + " is out of range for an int", "22003", 1264);
        }
        return (int) l;
    }

    static double doubleValue(Object v) throws SQLException {
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return decimal(v).doubleValue();
    }

    static boolean booleanValue(Object v) throws SQLException {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        String s = string(v).trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("y") || s.equalsIgnoreCase("yes")) {
            return true;
        }
        if (s.equalsIgnoreCase("false") || s.equalsIgnoreCase("n") || s.equalsIgnoreCase("no") || s.isEmpty()) {
            return false;
        }
        return decimal(s).signum() != 0;
    }

    static byte[] bytes(Object v) {
        if (v == null || v instanceof byte[]) {
            return (byte[]) v;
        }
        return string(v).getBytes(StandardCharsets.UTF_8);
    }

    static Timestamp timestamp(Object v) throws SQLException {
        if (v == null || v instanceof Timestamp) {
            return (Timestamp) v;
        }
        if (v instanceof LocalDateTime ldt) {
            return Timestamp.valueOf(ldt);
        }
        if (v instanceof java.util.Date d) {
            return new Timestamp(d.getTime());
        }
        if (v instanceof LocalDate ld) {
            return Timestamp.valueOf(ld.atStartOfDay());
        }
        if (v instanceof OffsetDateTime odt) {
            return Timestamp.from(odt.toInstant());
        }
        if (v instanceof ZonedDateTime zdt) {
            return Timestamp.from(zdt.toInstant());
        }
        if (v instanceof Instant i) {
            return Timestamp.from(i);
        }
        String s = string(v).trim();
        try {
            return s.length() == 10 ? Timestamp.valueOf(LocalDate.parse(s).atStartOfDay()) : Timestamp.valueOf(s);
        } catch (RuntimeException e) {
            throw new SQLDataException("'" + s + "' is not a timestamp", "22007", 1292, e);
        }
    }

    static Date date(Object v) throws SQLException {
        if (v == null || v instanceof Date) {
            return (Date) v;
        }
        if (v instanceof LocalDate ld) {
            return Date.valueOf(ld);
        }
        Timestamp ts = timestamp(v);
        return Date.valueOf(ts.toLocalDateTime().toLocalDate());
    }

    static Time time(Object v) throws SQLException {
        if (v == null || v instanceof Time) {
            return (Time) v;
        }
        if (v instanceof LocalTime lt) {
            return Time.valueOf(lt);
        }
        if (v instanceof OffsetTime ot) {
            return Time.valueOf(ot.toLocalTime());
        }
        if (v instanceof String s && s.trim().length() <= 8) {
            try {
                return Time.valueOf(s.trim());
            } catch (IllegalArgumentException e) {
                throw new SQLDataException("'" + s + "' is not a time", "22007", 1292, e);
            }
        }
        return Time.valueOf(timestamp(v).toLocalDateTime().toLocalTime());
    }

    @SuppressWarnings("unchecked")
    static <T> T as(Object v, Class<T> type) throws SQLException {
        if (v == null) {
            return null;
        }
        if (type.isInstance(v)) {
            return (T) v;
        }
        Object converted;
        if (type == String.class) {
            converted = string(v);
        } else if (type == Long.class) {
            converted = longValue(v);
        } else if (type == Integer.class) {
            converted = intValue(v);
        } else if (type == Short.class) {
            converted = (short) intValue(v);
        } else if (type == Byte.class) {
            converted = (byte) intValue(v);
        } else if (type == Boolean.class) {
            converted = booleanValue(v);
        } else if (type == Double.class) {
            converted = doubleValue(v);
        } else if (type == Float.class) {
            converted = (float) doubleValue(v);
        } else if (type == BigDecimal.class) {
            converted = decimal(v);
        } else if (type == BigInteger.class) {
            converted = decimal(v).toBigInteger();
        } else if (type == byte[].class) {
            converted = bytes(v);
        } else if (type == Timestamp.class) {
            converted = timestamp(v);
        } else if (type == Date.class) {
            converted = date(v);
        } else if (type == Time.class) {
            converted = time(v);
        } else if (type == LocalDateTime.class) {
            converted = timestamp(v).toLocalDateTime();
        } else if (type == LocalDate.class) {
            converted = date(v).toLocalDate();
        } else if (type == LocalTime.class) {
            converted = time(v).toLocalTime();
        } else if (type == Instant.class) {
            converted = timestamp(v).toInstant();
        } else if (type == OffsetDateTime.class) {
            converted = v instanceof OffsetDateTime ? v
                    : timestamp(v).toLocalDateTime().atZone(java.time.ZoneId.systemDefault()).toOffsetDateTime();
        } else if (type == java.util.UUID.class) {
            converted = java.util.UUID.fromString(string(v));
        } else {
            throw new SQLDataException("cannot convert " + v.getClass().getName() + " to " + type.getName(), "22000");
        }
        return (T) converted;
    }
}
