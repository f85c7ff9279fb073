package io.shardgate.rules.algorithm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A shard-key value in canonical form, so that values MySQL considers equal route to the same
 * shard: {@code 42}, {@code '42'}, {@code 42.0} and {@code 42.00} are one key, and so are
 * {@code 'Alice'} and {@code 'alice '} (case-insensitive collation, PAD SPACE). Merging values
 * that MySQL would keep apart is harmless (they merely share a shard); splitting equal values
 * would lose rows, so canonicalization errs on the side of merging. The full rules are in
 * docs/sharding-algorithms.md.
 *
 * <p>A key is one of four kinds: SQL NULL (routes to shard 0), an integer (a long, or a BigInteger
 * beyond the long range), a non-integral decimal (trailing zeros stripped), or text (lower case,
 * trailing spaces removed).
 */
public final class ShardKey implements Comparable<ShardKey> {

    /** What a key holds. */
    public enum Kind { NULL, INTEGER, DECIMAL, TEXT }

    // Optional sign, digits with an optional fraction (or a bare fraction): what MySQL compares
    // numerically when a string meets a number. No exponent, no hex: those stay text.
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    // A BigDecimal like 1E+100000 would expand to a huge integer; no shard key is that long.
    private static final int MAX_INTEGER_DIGITS = 1000;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private static final ShardKey NULL = new ShardKey(Kind.NULL, 0, null, null, null);

    private final Kind kind;
    private final long longValue;          // INTEGER within the long range
    private final BigInteger bigInteger;   // INTEGER beyond the long range, else null
    private final BigDecimal decimal;      // DECIMAL, else null
    private final String text;             // TEXT, else null

    private ShardKey(Kind kind, long longValue, BigInteger bigInteger, BigDecimal decimal, String text) {
        this.kind = kind;
        this.longValue = longValue;
        this.bigInteger = bigInteger;
        this.decimal = decimal;
        this.text = text;
    }

    /**
     * The canonical key of a Java value: null (SQL NULL); any Number; Boolean (1 or 0); a String,
     * CharSequence or Character (a plain number in it, surrounding spaces ignored, becomes that
     * number; anything else is text); byte[] (decoded as UTF-8, then like a String); java.time and
     * java.sql dates and times (as their MySQL literal text); anything else by its toString().
     *
     * @throws IllegalArgumentException for NaN or infinite floating-point values, which no column holds
     */
    public static ShardKey of(Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof ShardKey key) {
            return key;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof AtomicLong || value instanceof AtomicInteger) {
            return ofLong(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return ofInteger(big);
        }
        if (value instanceof BigDecimal decimal) {
            return ofDecimal(decimal);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("shard key " + value + " is not a number a column can hold; "
                        + "expected a finite number");
            }
            // toString gives the shortest decimal that reads back as the same double: 0.1, not 0.1000000000000000055…
            return ofDecimal(new BigDecimal(value instanceof Float ? Float.toString((Float) value) : Double.toString(d)));
        }
        if (value instanceof Number number) {
            return ofString(number.toString());
        }
        if (value instanceof Boolean bool) {
            return ofLong(bool ? 1 : 0);
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return ofString(value.toString());
        }
        if (value instanceof byte[] bytes) {
            return ofString(new String(bytes, StandardCharsets.UTF_8));
        }
        return ofString(temporalText(value));
    }

    /** The SQL NULL key. */
    public static ShardKey ofNull() {
        return NULL;
    }

    private static ShardKey ofLong(long value) {
        return new ShardKey(Kind.INTEGER, value, null, null, null);
    }

    private static ShardKey ofInteger(BigInteger value) {
        return value.bitLength() < Long.SIZE
                ? ofLong(value.longValue())
                : new ShardKey(Kind.INTEGER, 0, value, null, null);
    }

    private static ShardKey ofDecimal(BigDecimal value) {
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            if (stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS) {
                throw new IllegalArgumentException("shard key " + value + " has more than " + MAX_INTEGER_DIGITS
                        + " digits; expected a value a column can hold");
            }
            return ofInteger(stripped.toBigIntegerExact());
        }
        return new ShardKey(Kind.DECIMAL, 0, null, stripped, null);
    }

    private static ShardKey ofString(String value) {
        String trimmed = value.strip();
        if (PLAIN_NUMBER.matcher(trimmed).matches()) {
            if (trimmed.indexOf('.') < 0 && trimmed.length() < 19) {
                return ofLong(Long.parseLong(trimmed));
            }
            return ofDecimal(new BigDecimal(trimmed));
        }
        return new ShardKey(Kind.TEXT, 0, null, null, stripTrailingSpaces(value).toLowerCase(Locale.ROOT));
    }

    private static String stripTrailingSpaces(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == ' ') {
            end--;
        }
        return value.substring(0, end);
    }

    // Dates and times as MySQL writes their literals, so a java.sql.Timestamp parameter and the
    // literal '2024-05-01 10:00:00' agree.
    private static String temporalText(Object value) {
        if (value instanceof java.sql.Timestamp timestamp) {
            return dateTimeText(timestamp.toLocalDateTime());
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof java.sql.Time time) {
            return time.toLocalTime().format(TIME);
        }
        if (value instanceof LocalDateTime dateTime) {
            return dateTimeText(dateTime);
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof LocalTime time) {
            return time.format(TIME) + fraction(time.getNano());
        }
        return value.toString();
    }

    private static String dateTimeText(LocalDateTime dateTime) {
        return dateTime.format(DATE_TIME) + fraction(dateTime.getNano());
    }

    private static String fraction(int nanos) {
        if (nanos == 0) {
            return "";
        }
        String digits = String.format(Locale.ROOT, "%09d", nanos);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return "." + digits.substring(0, end);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /** An integer or a decimal. */
    public boolean isNumeric() {
        return kind == Kind.INTEGER || kind == Kind.DECIMAL;
    }

    /** A whole number (42, '42', 42.0 …). */
    public boolean isIntegral() {
        return kind == Kind.INTEGER;
    }

    public boolean isText() {
        return kind == Kind.TEXT;
    }

    /** An integer that {@link #longValue()} can return. */
    public boolean fitsInLong() {
        return kind == Kind.INTEGER && bigInteger == null;
    }

    /** @throws ArithmeticException unless {@link #fitsInLong()} */
    public long longValue() {
        if (!fitsInLong()) {
            throw new ArithmeticException("shard key " + this + " is not an integer in the range of a long");
        }
        return longValue;
    }

    /** @throws ArithmeticException unless {@link #isIntegral()} */
    public BigInteger integerValue() {
        if (kind != Kind.INTEGER) {
            throw new ArithmeticException("shard key " + this + " is not an integer");
        }
        return bigInteger != null ? bigInteger : BigInteger.valueOf(longValue);
    }

    /** The value of a numeric key (integers too), without trailing zeros. @throws ArithmeticException for text and NULL */
    public BigDecimal decimalValue() {
        return switch (kind) {
            case INTEGER -> bigInteger != null ? new BigDecimal(bigInteger) : BigDecimal.valueOf(longValue);
            case DECIMAL -> decimal;
            default -> throw new ArithmeticException("shard key " + this + " is not a number");
        };
    }

    /** The canonical text: the folded string of a text key, the plain digits of a number, null for NULL. */
    public String text() {
        return switch (kind) {
            case NULL -> null;
            case INTEGER -> bigInteger != null ? bigInteger.toString() : Long.toString(longValue);
            case DECIMAL -> decimal.toPlainString();
            case TEXT -> text;
        };
    }

    /**
     * The bytes that hashing algorithms hash: an integer in the long range as its 8-byte big-endian
     * two's complement; a larger integer or a decimal as the UTF-8 of its plain digits; text as
     * UTF-8; NULL as no bytes (algorithms send NULL to shard 0 without hashing).
     */
    public byte[] canonicalBytes() {
        if (fitsInLong()) {
            byte[] bytes = new byte[8];
            long v = longValue;
            for (int i = 7; i >= 0; i--) {
                bytes[i] = (byte) v;
                v >>>= 8;
            }
            return bytes;
        }
        return kind == Kind.NULL ? new byte[0] : text().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Numbers by value, text by string; NULL sorts before everything.
     *
     * @throws ClassCastException when a number meets text: their order depends on the column type
     */
    @Override
    public int compareTo(ShardKey other) {
        if (kind == Kind.NULL || other.kind == Kind.NULL) {
            return Boolean.compare(kind != Kind.NULL, other.kind != Kind.NULL);
        }
        if (isNumeric() && other.isNumeric()) {
            if (fitsInLong() && other.fitsInLong()) {
                return Long.compare(longValue, other.longValue);
            }
            return decimalValue().compareTo(other.decimalValue());
        }
        if (isText() && other.isText()) {
            return text.compareTo(other.text);
        }
        throw new ClassCastException("cannot order the number and the text " + this + " and " + other
                + "; range conditions on a shard key need values of one kind");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShardKey other
                && kind == other.kind
                && longValue == other.longValue
                && Objects.equals(bigInteger, other.bigInteger)
                && Objects.equals(decimal, other.decimal)
                && Objects.equals(text, other.text);
    }

    @Override
    public int hashCode() {
        return switch (kind) {
            case NULL -> 0;
            case INTEGER -> bigInteger != null ? bigInteger.hashCode() : Long.hashCode(longValue);
            case DECIMAL -> decimal.hashCode();
            case TEXT -> text.hashCode();
        };
    }

    /** {@code 42}, {@code 4.2}, {@code 'alice'} or {@code NULL}. */
    @Override
    public String toString() {
        return switch (kind) {
            case NULL -> "NULL";
            case TEXT -> "'" + text + "'";
            default -> text();
        };
    }
}
