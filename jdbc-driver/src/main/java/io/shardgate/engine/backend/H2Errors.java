package io.shardgate.engine.backend;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * H2's errors (the demo's and the fast tests' shards) told as MySQL tells them: H2 numbers its
 * errors after SQLSTATEs and in the 90000s, which MySQL clients cannot read (the error packet's
 * number has two bytes: 90022 would arrive as 24486), and it appends the physical SQL to every
 * message. Applications written for MySQL react to 1062 for a duplicate key or 1054 for an unknown
 * column, whatever the shards run on; an H2 error without a MySQL counterpart becomes 1105 with
 * H2's number in the message.
 */
public final class H2Errors {

    /** An error as MySQL tells it: number, SQLSTATE, message. */
    public record Told(int number, String sqlState, String message) {
    }

    private record Mysql(int number, String sqlState) {
    }

    private static final Map<Integer, Mysql> BY_H2_CODE = Map.ofEntries(
            Map.entry(21002, new Mysql(1136, "21S01")),  // column count does not match
            Map.entry(22001, new Mysql(1406, "22001")),  // value too long
            Map.entry(22003, new Mysql(1264, "22003")),  // numeric value out of range
            Map.entry(22004, new Mysql(1264, "22003")),
            Map.entry(22007, new Mysql(1292, "22007")),  // invalid date/time
            Map.entry(22012, new Mysql(1365, "22012")),  // division by zero
            Map.entry(22018, new Mysql(1366, "HY000")),  // data conversion
            Map.entry(23502, new Mysql(1048, "23000")),  // NULL not allowed
            Map.entry(23503, new Mysql(1451, "23000")),  // a child row exists
            Map.entry(23505, new Mysql(1062, "23000")),  // duplicate key
            Map.entry(23506, new Mysql(1452, "23000")),  // the parent row is missing
            Map.entry(23513, new Mysql(3819, "HY000")),  // check constraint
            Map.entry(40001, new Mysql(1213, "40001")),  // deadlock
            Map.entry(42000, new Mysql(1064, "42000")),  // syntax error
            Map.entry(42001, new Mysql(1064, "42000")),
            Map.entry(42101, new Mysql(1050, "42S01")),  // table exists
            Map.entry(42102, new Mysql(1146, "42S02")),  // table not found
            Map.entry(42103, new Mysql(1146, "42S02")),
            Map.entry(42104, new Mysql(1146, "42S02")),
            Map.entry(42111, new Mysql(1061, "42000")),  // index exists
            Map.entry(42112, new Mysql(1091, "42000")),  // index not found
            Map.entry(42121, new Mysql(1060, "42S21")),  // duplicate column
            Map.entry(42122, new Mysql(1054, "42S22")),  // column not found
            Map.entry(50200, new Mysql(1205, "HY000")),  // lock wait timeout
            Map.entry(57014, new Mysql(1317, "70100")),  // statement cancelled
            Map.entry(90013, new Mysql(1049, "42000")),  // database not found
            Map.entry(90016, new Mysql(1055, "42000")),  // must be in GROUP BY
            Map.entry(90022, new Mysql(1305, "42000")),  // function not found
            Map.entry(90059, new Mysql(1052, "23000")),  // ambiguous column
            Map.entry(90079, new Mysql(1049, "42000")),  // schema not found
            Map.entry(90131, new Mysql(1213, "40001"))); // concurrent update: retry the transaction

    /** "; SQL statement:\n<the physical SQL> [42122-232]" or just " [42122-232]" at the end of H2's messages. */
    private static final Pattern STATEMENT_SUFFIX = Pattern.compile("(?s)(; SQL statement:\\R.*)? \\[\\d+-\\d+]");

    private H2Errors() {
    }

    /**
     * H2's error {@code e}, told by {@code message} (which may have more text around H2's), as MySQL
     * tells it: MySQL's number and SQLSTATE, without the physical SQL and version marker H2 appends;
     * an error MySQL has no number for is 1105 with H2's number in the message. Empty when {@code e}
     * is not H2's.
     */
    public static Optional<Told> tell(String message, SQLException e) {
        if (!e.getClass().getName().startsWith("org.h2.")) {
            return Optional.empty();
        }
        String cleaned = message == null ? "" : STATEMENT_SUFFIX.matcher(message).replaceFirst("");
        Mysql mysql = BY_H2_CODE.get(e.getErrorCode());
        return Optional.of(mysql == null ? new Told(1105, "HY000", cleaned + " (H2 error " + e.getErrorCode() + ")")
                : new Told(mysql.number(), mysql.sqlState(), cleaned));
    }
}
