package io.shardgate.engine.backend;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * What kind of server a backend URL points at, for the few things the engine must do differently:
 * how to stream a large result, and which session variables the server understands.
 */
public enum BackendDialect {
    MYSQL, MARIADB, H2, OTHER;

    public static BackendDialect of(String url) {
        if (startsWith(url, "jdbc:mysql:")) {
            return MYSQL;
        }
        if (startsWith(url, "jdbc:mariadb:")) {
            return MARIADB;
        }
        if (startsWith(url, "jdbc:h2:")) {
            return H2;
        }
        return OTHER;
    }

    /** Case-insensitive, without copying the URL (this runs for every statement). */
    private static boolean startsWith(String url, String prefix) {
        return url.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /**
     * Makes {@code statement} stream its result row by row instead of reading it whole into memory.
     * Connector/J and MariaDB Connector/J stream with fetch size {@link Integer#MIN_VALUE} on a
     * forward-only read-only statement (the connection is busy until the result is drained or
     * closed, which is why every unit has its own connection outside transactions). H2 reads lazily
     * when the URL sets {@code LAZY_QUERY_EXECUTION=1}; other drivers get a plain fetch size hint.
     */
    public void streamResults(Statement statement) throws SQLException {
        switch (this) {
            case MYSQL, MARIADB -> statement.setFetchSize(Integer.MIN_VALUE);
            case H2, OTHER -> statement.setFetchSize(1000);
        }
    }

    /** Whether MySQL system variables ({@code SET @@SESSION.sql_mode = …}) can be replayed here. */
    public boolean understandsMysqlVariables() {
        return this == MYSQL || this == MARIADB;
    }

    /**
     * Whether closing a half-read streaming result would read the rest of it first (Connector/J
     * does): then an early close cancels the statement before closing it.
     */
    public boolean drainsOnClose() {
        return this == MYSQL || this == MARIADB;
    }
}
