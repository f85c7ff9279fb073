package io.shardgate.sql.federate;

import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCollation;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Column types between JDBC and Calcite, and values between the backend driver's objects and
 * the representation Calcite's generated code works on (DATE as days since the epoch, TIMESTAMP
 * as local milliseconds, TIME as milliseconds of the day, binary as ByteString). Character columns
 * get a primary-strength collation: compared, sorted and grouped case- and accent-insensitively,
 * as MySQL's default collations do.
 */
final class CalciteTypes {

    private CalciteTypes() {
    }

    static RelDataType type(RelDataTypeFactory factory, FederatedTable.Column column) {
        RelDataType type = switch (column.jdbcType()) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> factory.createSqlType(
                    unsigned(column) && column.jdbcType() == Types.INTEGER ? SqlTypeName.BIGINT : SqlTypeName.INTEGER);
            case Types.BIGINT -> unsigned(column) ? factory.createSqlType(SqlTypeName.DECIMAL, 20, 0)
                    : factory.createSqlType(SqlTypeName.BIGINT);
            case Types.DECIMAL, Types.NUMERIC -> factory.createSqlType(SqlTypeName.DECIMAL,
                    Math.max(1, Math.min(column.size(), factory.getTypeSystem().getMaxNumericPrecision())),
                    Math.max(0, column.scale()));
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
            case Types.BIT, Types.BOOLEAN -> column.size() > 1 ? factory.createSqlType(SqlTypeName.VARBINARY)
                    : factory.createSqlType(SqlTypeName.BOOLEAN);
            case Types.DATE -> factory.createSqlType(SqlTypeName.DATE);
            case Types.TIME -> factory.createSqlType(SqlTypeName.TIME);
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> factory.createSqlType(SqlTypeName.TIMESTAMP);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                    factory.createSqlType(SqlTypeName.VARBINARY);
            default -> text(factory);
        };
        return factory.createTypeWithNullability(type, column.nullable());
    }

    /** VARCHAR with a case- and accent-insensitive collation (MySQL's default collations are). */
    static RelDataType text(RelDataTypeFactory factory) {
        RelDataType varchar = factory.createSqlType(SqlTypeName.VARCHAR);
        SqlCollation ci = new SqlCollation(SqlCollation.Coercibility.IMPLICIT, Locale.ROOT,
                factory.getDefaultCharset(), "primary");
        return factory.createTypeWithCharsetAndCollation(varchar, factory.getDefaultCharset(), ci);
    }

    private static boolean unsigned(FederatedTable.Column column) {
        return column.typeName() != null && column.typeName().toUpperCase(Locale.ROOT).contains("UNSIGNED");
    }

    /** A backend value in Calcite's internal representation for {@code type}. */
    static Object internal(Object value, SqlTypeName type) {
        if (value == null) {
            return null;
        }
        switch (type) {
            case INTEGER:
                return value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).intValue();
            case BIGINT:
                return ((Number) value).longValue();
            case DECIMAL:
                return value instanceof BigDecimal d ? d : value instanceof BigInteger i ? new BigDecimal(i)
                        : new BigDecimal(value.toString());
            case DOUBLE:
                return ((Number) value).doubleValue();
            case BOOLEAN:
                return value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
            case DATE:
                return (int) localDate(value).toEpochDay();
            case TIME:
                return (int) (localTime(value).toNanoOfDay() / 1_000_000);
            case TIMESTAMP:
                return localDateTime(value).toInstant(ZoneOffset.UTC).toEpochMilli();
            case VARBINARY:
                return new ByteString(value instanceof byte[] bytes ? bytes : value.toString().getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));
            default:
                return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                        : value.toString();
        }
    }

    /** A value of Calcite's internal representation as the JDBC object a client expects. */
    static Object external(Object value, SqlTypeName type) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case DATE -> java.sql.Date.valueOf(LocalDate.ofEpochDay(((Number) value).longValue()));
            case TIME -> java.sql.Time.valueOf(LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000));
            case TIMESTAMP -> java.sql.Timestamp.valueOf(LocalDateTime.ofEpochSecond(
                    Math.floorDiv(((Number) value).longValue(), 1000),
                    (int) Math.floorMod(((Number) value).longValue(), 1000) * 1_000_000, ZoneOffset.UTC));
            case BINARY, VARBINARY -> value instanceof ByteString bytes ? bytes.getBytes() : value;
            case CHAR, VARCHAR -> value.toString();
            default -> value;
        };
    }

    static int jdbcType(SqlTypeName type) {
        return switch (type) {
            case TINYINT -> Types.TINYINT;
            case SMALLINT -> Types.SMALLINT;
            case INTEGER -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case DECIMAL -> Types.DECIMAL;
            case FLOAT, REAL, DOUBLE -> Types.DOUBLE;
            case BOOLEAN -> Types.BOOLEAN;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP -> Types.TIMESTAMP;
            case BINARY, VARBINARY -> Types.VARBINARY;
            case NULL -> Types.NULL;
            default -> Types.VARCHAR;
        };
    }

    private static LocalDate localDate(Object value) {
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime().toLocalDate();
        }
        if (value instanceof LocalDateTime ldt) {
            return ldt.toLocalDate();
        }
        return LocalDate.parse(value.toString().substring(0, 10));
    }

    private static LocalTime localTime(Object value) {
        if (value instanceof java.sql.Time t) {
            return t.toLocalTime();
        }
        if (value instanceof LocalTime t) {
            return t;
        }
        return LocalTime.parse(value.toString());
    }

    private static LocalDateTime localDateTime(Object value) {
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime();
        }
        if (value instanceof LocalDateTime ldt) {
            return ldt;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().atStartOfDay();
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toLocalDateTime();
        }
        return LocalDateTime.parse(value.toString().replace(' ', 'T'));
    }
}
