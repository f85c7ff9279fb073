package io.shardgate.sql;

import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParser;

import java.util.HashSet;
import java.util.Set;

/**
 * Which words MySQL reserves, and which words Calcite reserves but MySQL lets applications use as
 * names ({@code date}, {@code value}, {@code user}, {@code year} …): those must be back-quoted
 * before Calcite sees them, unless they are used as keywords right there.
 */
final class MySqlKeywords {

    /**
     * MySQL 8.0 reserved words (the (R) entries of the keyword list), except those that only
     * MySQL 8.0 reserves and that MariaDB and MySQL 5.7 applications use as names ({@code rank},
     * {@code system}, {@code groups} …): those stay usable as names here, and their function forms
     * ({@code RANK() OVER …}) are recognized by the parenthesis that follows.
     */
    static final Set<String> RESERVED = Set.of(
            "ACCESSIBLE", "ADD", "ALL", "ALTER", "ANALYZE", "AND", "AS", "ASC", "ASENSITIVE", "BEFORE", "BETWEEN",
            "BIGINT", "BINARY", "BLOB", "BOTH", "BY", "CALL", "CASCADE", "CASE", "CHANGE", "CHAR", "CHARACTER",
            "CHECK", "COLLATE", "COLUMN", "CONDITION", "CONSTRAINT", "CONTINUE", "CONVERT", "CREATE", "CROSS",
            "CUBE", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "CURSOR", "DATABASE",
            "DATABASES", "DAY_HOUR", "DAY_MICROSECOND", "DAY_MINUTE", "DAY_SECOND", "DEC", "DECIMAL", "DECLARE",
            "DEFAULT", "DELAYED", "DELETE", "DESC", "DESCRIBE", "DETERMINISTIC", "DISTINCT", "DISTINCTROW", "DIV",
            "DOUBLE", "DROP", "DUAL", "EACH", "ELSE", "ELSEIF", "ENCLOSED", "ESCAPED", "EXCEPT", "EXISTS", "EXIT",
            "EXPLAIN", "FALSE", "FETCH", "FLOAT", "FLOAT4", "FLOAT8", "FOR", "FORCE", "FOREIGN", "FROM", "FULLTEXT",
            "FUNCTION", "GENERATED", "GET", "GRANT", "GROUP", "GROUPING", "HAVING", "HIGH_PRIORITY",
            "HOUR_MICROSECOND", "HOUR_MINUTE", "HOUR_SECOND", "IF", "IGNORE", "IN", "INDEX", "INFILE", "INNER",
            "INOUT", "INSENSITIVE", "INSERT", "INT", "INT1", "INT2", "INT3", "INT4", "INT8", "INTEGER", "INTERSECT",
            "INTERVAL", "INTO", "IO_AFTER_GTIDS", "IO_BEFORE_GTIDS", "IS", "ITERATE", "JOIN", "JSON_TABLE", "KEY",
            "KEYS", "KILL", "LATERAL", "LEADING", "LEAVE", "LEFT", "LIKE", "LIMIT", "LINEAR", "LINES", "LOAD",
            "LOCALTIME", "LOCALTIMESTAMP", "LOCK", "LONG", "LONGBLOB", "LONGTEXT", "LOOP", "LOW_PRIORITY",
            "MASTER_BIND", "MASTER_SSL_VERIFY_SERVER_CERT", "MATCH", "MAXVALUE", "MEDIUMBLOB", "MEDIUMINT",
            "MEDIUMTEXT", "MIDDLEINT", "MINUTE_MICROSECOND", "MINUTE_SECOND", "MOD", "MODIFIES", "NATURAL", "NOT",
            "NO_WRITE_TO_BINLOG", "NULL", "NUMERIC", "OF", "ON", "OPTIMIZE", "OPTIMIZER_COSTS", "OPTION",
            "OPTIONALLY", "OR", "ORDER", "OUT", "OUTER", "OUTFILE", "OVER", "PARTITION", "PRECISION", "PRIMARY",
            "PROCEDURE", "PURGE", "RANGE", "READ", "READS", "READ_WRITE", "REAL", "RECURSIVE", "REFERENCES",
            "REGEXP", "RELEASE", "RENAME", "REPEAT", "REPLACE", "REQUIRE", "RESIGNAL", "RESTRICT", "RETURN",
            "REVOKE", "RIGHT", "RLIKE", "ROW", "ROWS", "SCHEMA", "SCHEMAS", "SECOND_MICROSECOND", "SELECT",
            "SENSITIVE", "SEPARATOR", "SET", "SHOW", "SIGNAL", "SMALLINT", "SPATIAL", "SPECIFIC", "SQL",
            "SQLEXCEPTION", "SQLSTATE", "SQLWARNING", "SQL_BIG_RESULT", "SQL_CALC_FOUND_ROWS", "SQL_SMALL_RESULT",
            "SSL", "STARTING", "STORED", "STRAIGHT_JOIN", "TABLE", "TERMINATED", "THEN", "TINYBLOB", "TINYINT",
            "TINYTEXT", "TO", "TRAILING", "TRIGGER", "TRUE", "UNDO", "UNION", "UNIQUE", "UNLOCK", "UNSIGNED",
            "UPDATE", "USAGE", "USE", "USING", "UTC_DATE", "UTC_TIME", "UTC_TIMESTAMP", "VALUES", "VARBINARY",
            "VARCHAR", "VARCHARACTER", "VARYING", "VIRTUAL", "WHEN", "WHERE", "WHILE", "WINDOW", "WITH", "WRITE",
            "XOR", "YEAR_MONTH", "ZEROFILL");

    /**
     * Calcite-reserved words that MySQL SQL uses as keywords in statements we hand to Calcite;
     * quoting them would break that syntax (CASE … END, LIKE … ESCAPE, LIMIT … OFFSET, > ANY (…)).
     */
    private static final Set<String> NEVER_QUOTE = Set.of(
            "END", "ESCAPE", "UNKNOWN", "OFFSET", "ANY", "SOME", "CURRENT", "MEMBER");

    static final Set<String> TIME_UNITS = Set.of(
            "MICROSECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR");

    private MySqlKeywords() {
    }

    static boolean isReserved(String upperWord) {
        return RESERVED.contains(upperWord);
    }

    /** True when Calcite would read the word as a keyword although MySQL allows it as a name. */
    static boolean calciteOnlyReserved(String upperWord) {
        return CalciteReserved.WORDS.contains(upperWord);
    }

    /** Computed once from Calcite's own parser metadata, so a Calcite upgrade keeps it right. */
    private static final class CalciteReserved {
        static final Set<String> WORDS = compute();

        private static Set<String> compute() {
            SqlAbstractParserImpl.Metadata metadata = SqlParser.create("", CalciteParsing.CORE).getMetadata();
            Set<String> words = new HashSet<>();
            for (String token : metadata.getTokens()) {
                if (metadata.isReservedWord(token) && !RESERVED.contains(token) && !NEVER_QUOTE.contains(token)) {
                    words.add(token);
                }
            }
            return Set.copyOf(words);
        }
    }
}
