package io.shardgate.engine.merge;

import io.shardgate.sql.federate.CollationKey;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Comparator;

/**
 * Orders column values the way MySQL orders them, so that merging rows that each shard sorted
 * gives the order one server would have given:
 * <ul>
 *   <li>NULL is smaller than every value (first ascending, last descending);</li>
 *   <li>numbers compare by value across Integer, Long, BigInteger, BigDecimal, Double and Float
 *       ({@code 2 = 2.0}); booleans as 0/1;</li>
 *   <li>strings compare as the default utf8mb4 collations do where they agree (MariaDB's
 *       utf8mb4_general_ci and uca1400_ai_ci, MySQL's utf8mb4_0900_ai_ci): case- and
 *       accent-insensitive ({@code 'a' = 'A' = 'á'}), trailing spaces ignored, every other
 *       character significant ({@code 'a-b'}, {@code 'a b'} and {@code 'ab'} are three values).
 *       The order is that of the folded text ({@link CollationKey}, as federated joins sort it) by
 *       code point, so {@code '.' < '_' < 'a'}, while utf8mb4_general_ci sorts {@code '_'} after the
 *       letters and the UCA collations all punctuation before digits. Where that matters (text keys of a GROUP BY or DISTINCT merge), the
 *       merges do not rely on this order but group by {@link #key}; an ORDER BY merge over such
 *       text may order it differently from one server. Columns with a binary or case-sensitive
 *       collation arrive as such strings too and are then merged case-insensitively;</li>
 *   <li>byte arrays compare as unsigned bytes (binary collation); dates and times by value;</li>
 *   <li>values of different kinds (a number and a string) compare as numbers when the string is
 *       numeric, else by their text.</li>
 * </ul>
 * {@link #compare} returning 0 is also what GROUP BY and DISTINCT use as "the same value".
 * Thread-safe.
 */
public final class ValueOrder implements Comparator<Object> {

    public static final ValueOrder MYSQL = new ValueOrder();

    private ValueOrder() {
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compare(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == null) {
            return -1;
        }
        if (b == null) {
            return 1;
        }
        if (a instanceof String x && b instanceof String y) {
            return compareStrings(x, y);
        }
        if (isNumeric(a) && isNumeric(b)) {
            return compareNumbers(a, b);
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return compareBytes(x, y);
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable comparable) {
            return comparable.compareTo(b);
        }
        if (isNumeric(a) || isNumeric(b)) {
            BigDecimal x = asDecimal(a);
            BigDecimal y = asDecimal(b);
            if (x != null && y != null) {
                return x.compareTo(y);
            }
        }
        if (a instanceof java.util.Date x && b instanceof java.util.Date y) {
            return Long.compare(x.getTime(), y.getTime());
        }
        return compareStrings(text(a), text(b));
    }

    /**
     * Whether this order is exactly the server's for {@code value}'s kind: numbers, dates and times,
     * booleans and byte strings compare the same on every server, text only under the collation
     * this order imitates (others differ, e.g. on punctuation: utf8mb4_general_ci sorts '.' before
     * '_', the UCA collations after). Null: unknown. Merges that rely on rows with equal keys
     * meeting in a sorted stream use it only where it is exact; elsewhere they group by hash.
     */
    public boolean exactFor(Object value) {
        return value != null && !(value instanceof String);
    }

    /** {@link #exactFor} every one of {@code columns} of {@code row}. */
    public boolean exactFor(Object[] row, int[] columns) {
        for (int column : columns) {
            if (!exactFor(row[column])) {
                return false;
            }
        }
        return true;
    }

    /** A value that is equal (as {@link Object#equals}) for values that compare as 0, for hashing. */
    public Object key(Object value) {
        if (value == null) {
            return NullKey.NULL;
        }
        if (value instanceof String s) {
            return CollationKey.of(s);
        }
        if (isNumeric(value)) {
            BigDecimal d = asDecimal(value);
            if (d == null) {
                return value; // NaN, infinities
            }
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (value instanceof byte[] bytes) {
            return java.nio.ByteBuffer.wrap(bytes);
        }
        return value;
    }

    private enum NullKey { NULL }

    private int compareStrings(String x, String y) {
        if (isSimple(x) && isSimple(y)) {
            int n = Math.min(x.length(), y.length());
            for (int i = 0; i < n; i++) {
                int c = Character.toLowerCase(x.charAt(i)) - Character.toLowerCase(y.charAt(i));
                if (c != 0) {
                    return c;
                }
            }
            return x.length() - y.length();
        }
        return CollationKey.of(x).compareTo(CollationKey.of(y));
    }

    /** ASCII letters and digits only: there the collation is plain case-insensitive order. */
    private static boolean isSimple(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumeric(Object v) {
        return v instanceof Number || v instanceof Boolean;
    }

    private static int compareNumbers(Object a, Object b) {
        if (isIntegral(a) && isIntegral(b) && !(a instanceof BigInteger) && !(b instanceof BigInteger)) {
            return Long.compare(longValue(a), longValue(b));
        }
        if ((a instanceof Double || a instanceof Float) && (b instanceof Double || b instanceof Float)) {
            return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        return asDecimal(a).compareTo(asDecimal(b));
    }

    private static boolean isIntegral(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger || v instanceof Boolean;
    }

    private static long longValue(Object v) {
        return v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).longValue();
    }

    /** The value as a decimal, or null when it is not a number (nor numeric text). */
    static BigDecimal asDecimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? new BigDecimal(d) : null;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return BigDecimal.valueOf(longValue(v));
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static int compareBytes(byte[] x, byte[] y) {
        return java.util.Arrays.compareUnsigned(x, y);
    }

    private static String text(Object v) {
        return v instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : v.toString();
    }
}
