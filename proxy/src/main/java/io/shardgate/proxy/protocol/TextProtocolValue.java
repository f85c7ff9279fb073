package io.shardgate.proxy.protocol;

import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetTime;

/**
 * Formats the values the engine returns (JDBC {@code getObject} results) as MySQL prints them in
 * text result sets: integers and decimals plainly, doubles in the shortest form that reads back,
 * booleans as 1/0, temporal values with the column's fractional digits, bytes unchanged.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query_response_text_resultset_row.html">Text Resultset Row</a>
 */
public final class TextProtocolValue {

    private TextProtocolValue() {
    }

    /** The bytes of a non-null value in a text row (or a string-typed binary value). */
    public static byte[] encode(Object value, ColumnDefinition41 column) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof Blob blob) {
            return blobBytes(blob);
        }
        if (column.type() == ColumnType.BIT) {
            return bitBytes(value, column.columnLength());
        }
        return format(value, column).getBytes(StandardCharsets.UTF_8);
    }

    public static String format(Object value, ColumnDefinition41 column) {
        ColumnType type = column.type();
        int decimals = column.decimals();
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Boolean bool) {
            return bool ? "1" : "0";
        }
        if (type == ColumnType.YEAR && !(value instanceof Number)) {
            DateTimeValue date = DateTimeValue.from(value);
            if (date != null) {
                return String.format("%04d", date.year());
            }
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double number) {
            return formatDouble(number);
        }
        if (value instanceof Float number) {
            return formatFloat(number);
        }
        if (value instanceof Number number) {
            String digits = number.toString();
            return (column.flags() & ColumnFlags.ZEROFILL) != 0
                    ? io.shardgate.engine.ColumnMeta.zeroFilled(digits, column.columnLength()) : digits;
        }
        if (type == ColumnType.TIME || value instanceof java.sql.Time || value instanceof LocalTime
                || value instanceof Duration || value instanceof OffsetTime) {
            TimeValue time = TimeValue.from(value);
            if (time != null) {
                return time.format(decimals);
            }
        }
        DateTimeValue dateTime = DateTimeValue.from(value);
        if (dateTime != null) {
            boolean dateOnly = type == ColumnType.DATE || type == ColumnType.NEWDATE
                    || (value instanceof java.sql.Date) || (value instanceof java.time.LocalDate);
            return dateOnly && type != ColumnType.DATETIME && type != ColumnType.TIMESTAMP
                    ? dateTime.formatDate() : dateTime.formatDateTime(decimals);
        }
        if (value instanceof Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (SQLException e) {
                throw new ShardgateException(ErrorCode.BACKEND_ERROR, e, "could not read a CLOB value: " + e.getMessage());
            }
        }
        return value.toString();
    }

    /**
     * A double the way MySQL prints it: the shortest digits that read back to the same value,
     * plain between 1e-5 and 1e15 ({@code 100}, {@code 0.1}), otherwise {@code 1.5e20}.
     */
    public static String formatDouble(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return formatDigits(new BigDecimal(Double.toString(value)));
    }

    public static String formatFloat(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            return Float.toString(value);
        }
        return formatDigits(new BigDecimal(Float.toString(value)));
    }

    private static String formatDigits(BigDecimal shortest) {
        if (shortest.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = shortest.stripTrailingZeros();
        int exponent = stripped.precision() - stripped.scale() - 1;
        if (exponent >= -5 && exponent < 15) {
            return stripped.toPlainString();
        }
        String digits = stripped.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (stripped.signum() < 0 ? "-" : "") + mantissa + "e" + exponent;
    }

    static byte[] bitBytes(Object value, long bits) {
        if (value instanceof Boolean bool) {
            return new byte[] {(byte) (bool ? 1 : 0)};
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof Number number) {
            int length = (int) Math.max(1, Math.min(8, (bits + 7) / 8));
            long raw = number instanceof BigInteger big ? big.longValue() : number.longValue();
            byte[] bytes = new byte[length];
            for (int i = length - 1; i >= 0; i--) {
                bytes[i] = (byte) raw;
                raw >>>= 8;
            }
            return bytes;
        }
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] blobBytes(Blob blob) {
        try {
            return blob.getBytes(1, (int) blob.length());
        } catch (SQLException e) {
            throw new ShardgateException(ErrorCode.BACKEND_ERROR, e, "could not read a BLOB value: " + e.getMessage());
        }
    }
}
