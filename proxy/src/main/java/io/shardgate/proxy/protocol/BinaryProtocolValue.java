package io.shardgate.proxy.protocol;

import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * Values in the binary protocol (prepared-statement parameters and binary result rows): integers
 * of the column's width, IEEE floats, DECIMAL as text, DATE/DATETIME/TIMESTAMP as 0, 4, 7 or 11
 * bytes, TIME as 0, 8 or 12 bytes, everything else as a length-encoded string.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_binary_resultset.html#sect_protocol_binary_resultset_row_value">Binary Protocol Value</a>
 */
public final class BinaryProtocolValue {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private BinaryProtocolValue() {
    }

    /** Writes a non-null value as {@code column}'s type, converting the engine's Java value to it. */
    public static void write(Payload out, Object value, ColumnDefinition41 column) {
        switch (column.type()) {
            case TINY -> out.writeInt1((int) toLong(value, column));
            case SHORT, YEAR -> out.writeInt2((int) toLong(value, column));
            case INT24, LONG -> out.writeInt4(toLong(value, column));
            case LONGLONG -> out.writeInt8(toLong(value, column));
            case FLOAT -> out.writeFloat(toNumber(value, column).floatValue());
            case DOUBLE -> out.writeDouble(toNumber(value, column).doubleValue());
            case DATE, NEWDATE -> writeDateTime(out, dateTime(value, column), true);
            case DATETIME, TIMESTAMP, DATETIME2, TIMESTAMP2 -> writeDateTime(out, dateTime(value, column), false);
            case TIME, TIME2 -> writeTime(out, time(value, column));
            default -> out.writeLenencBytes(TextProtocolValue.encode(value, column));
        }
    }

    /**
     * Reads one parameter value of {@code type} as the Java object the engine binds: Long (or
     * BigInteger for unsigned BIGINT above Long.MAX_VALUE), Float, Double, BigDecimal, String,
     * byte[], LocalDate/LocalDateTime/LocalTime, or the MySQL text for zero dates and TIME values
     * outside one day.
     */
    public static Object read(Payload in, ColumnType type, boolean unsigned) {
        return switch (type) {
            case NULL -> null;
            case TINY -> unsigned ? (long) in.readInt1() : (long) (byte) in.readInt1();
            case SHORT, YEAR -> unsigned || type == ColumnType.YEAR ? (long) in.readInt2() : (long) (short) in.readInt2();
            case INT24, LONG -> unsigned ? in.readInt4() : (long) (int) in.readInt4();
            case LONGLONG -> {
                long raw = in.readInt8();
                yield unsigned && raw < 0 ? BigInteger.valueOf(raw).add(TWO_TO_64) : (Object) raw;
            }
            case FLOAT -> in.readFloat();
            case DOUBLE -> in.readDouble();
            case DECIMAL, NEWDECIMAL -> new BigDecimal(in.readLenencString());
            case DATE, NEWDATE -> readDateTime(in).toDateParameter();
            case DATETIME, TIMESTAMP, DATETIME2, TIMESTAMP2 -> readDateTime(in).toDateTimeParameter();
            case TIME, TIME2 -> readTime(in).toParameter();
            case TINY_BLOB, MEDIUM_BLOB, LONG_BLOB, BLOB, GEOMETRY, BIT, VECTOR -> in.readLenencBytes();
            case VARCHAR, VAR_STRING, STRING, ENUM, SET, JSON -> text(in.readLenencBytes());
            default -> throw Payload.malformed("parameter type " + type + " cannot be sent in COM_STMT_EXECUTE");
        };
    }

    /**
     * String-typed parameters carry no character set of their own: clients send binary data
     * (Connector/J's setBytes) as VAR_STRING too. Valid UTF-8 becomes a String; anything else stays
     * bytes, so that no byte is replaced on its way to a BLOB column.
     */
    private static Object text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return bytes;
        }
    }

    /** Converts long data sent with COM_STMT_SEND_LONG_DATA to the parameter's declared type. */
    public static Object fromLongData(byte[] data, ColumnType type) {
        return switch (type) {
            case VARCHAR, VAR_STRING, STRING, ENUM, SET, JSON, DECIMAL, NEWDECIMAL -> text(data);
            default -> data;
        };
    }

    static DateTimeValue readDateTime(Payload in) {
        int length = in.readInt1();
        return switch (length) {
            case 0 -> DateTimeValue.ZERO;
            case 4 -> new DateTimeValue(in.readInt2(), in.readInt1(), in.readInt1(), 0, 0, 0, 0);
            case 7 -> new DateTimeValue(in.readInt2(), in.readInt1(), in.readInt1(), in.readInt1(), in.readInt1(),
                    in.readInt1(), 0);
            case 11 -> new DateTimeValue(in.readInt2(), in.readInt1(), in.readInt1(), in.readInt1(), in.readInt1(),
                    in.readInt1(), (int) in.readInt4());
            default -> throw Payload.malformed("a date/datetime value of length " + length + " (expected 0, 4, 7 or 11)");
        };
    }

    static TimeValue readTime(Payload in) {
        int length = in.readInt1();
        if (length == 0) {
            return new TimeValue(false, 0, 0, 0, 0);
        }
        if (length != 8 && length != 12) {
            throw Payload.malformed("a time value of length " + length + " (expected 0, 8 or 12)");
        }
        boolean negative = in.readInt1() == 1;
        long days = in.readInt4();
        int hour = in.readInt1();
        int minute = in.readInt1();
        int second = in.readInt1();
        int micros = length == 12 ? (int) in.readInt4() : 0;
        return new TimeValue(negative, days * 24 + hour, minute, second, micros);
    }

    static void writeDateTime(Payload out, DateTimeValue value, boolean dateOnly) {
        if (value.isZero()) {
            out.writeInt1(0);
        } else if (dateOnly || !value.hasTime()) {
            out.writeInt1(4).writeInt2(value.year()).writeInt1(value.month()).writeInt1(value.day());
        } else if (value.micros() == 0) {
            out.writeInt1(7).writeInt2(value.year()).writeInt1(value.month()).writeInt1(value.day())
                    .writeInt1(value.hour()).writeInt1(value.minute()).writeInt1(value.second());
        } else {
            out.writeInt1(11).writeInt2(value.year()).writeInt1(value.month()).writeInt1(value.day())
                    .writeInt1(value.hour()).writeInt1(value.minute()).writeInt1(value.second()).writeInt4(value.micros());
        }
    }

    static void writeTime(Payload out, TimeValue value) {
        if (value.isZero()) {
            out.writeInt1(0);
            return;
        }
        out.writeInt1(value.micros() == 0 ? 8 : 12);
        out.writeInt1(value.negative() ? 1 : 0);
        out.writeInt4(value.hours() / 24);
        out.writeInt1((int) (value.hours() % 24)).writeInt1(value.minute()).writeInt1(value.second());
        if (value.micros() != 0) {
            out.writeInt4(value.micros());
        }
    }

    private static long toLong(Object value, ColumnDefinition41 column) {
        if (value instanceof Boolean bool) {
            return bool ? 1 : 0;
        }
        if (column.type() == ColumnType.YEAR && (value instanceof Date || value instanceof java.time.temporal.Temporal)) {
            return dateTime(value, column).year();
        }
        return toNumber(value, column).longValue();
    }

    private static Number toNumber(Object value, ColumnDefinition41 column) {
        if (value instanceof Number number) {
            return number;
        }
        if (value instanceof Boolean bool) {
            return bool ? 1 : 0;
        }
        if (value instanceof String text) {
            try {
                return new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                throw mismatch(value, column);
            }
        }
        throw mismatch(value, column);
    }

    private static DateTimeValue dateTime(Object value, ColumnDefinition41 column) {
        DateTimeValue dateTime = DateTimeValue.from(value);
        if (dateTime == null) {
            throw mismatch(value, column);
        }
        return dateTime;
    }

    private static TimeValue time(Object value, ColumnDefinition41 column) {
        TimeValue time = TimeValue.from(value);
        if (time == null) {
            throw mismatch(value, column);
        }
        return time;
    }

    private static ShardgateException mismatch(Object value, ColumnDefinition41 column) {
        return new ShardgateException(ErrorCode.INTERNAL, "column '" + column.name() + "' is declared " + column.type()
                + " but its value is a " + value.getClass().getName() + " (" + value
                + "); the engine's column metadata and row values disagree");
    }
}
