package io.shardgate.engine.backend;

import java.math.BigDecimal;
import java.util.HexFormat;

/** Writes a Java value as a SQL literal for the statements the engine itself sends (SET replays). */
public final class SqlLiteral {

    private SqlLiteral() {
    }

    public static String of(Object value, BackendDialect dialect) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof byte[] bytes) {
            return "X'" + HexFormat.of().formatHex(bytes) + "'";
        }
        return quote(value.toString(), dialect);
    }

    /** A quoted string; MySQL and MariaDB also treat backslash as an escape (default sql_mode). */
    public static String quote(String text, BackendDialect dialect) {
        String escaped = text.replace("'", "''");
        if (dialect == BackendDialect.MYSQL || dialect == BackendDialect.MARIADB) {
            escaped = escaped.replace("\\", "\\\\");
        }
        return "'" + escaped + "'";
    }
}
