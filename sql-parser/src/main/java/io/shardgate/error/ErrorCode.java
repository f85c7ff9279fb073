package io.shardgate.error;

/**
 * The one error catalogue: MySQL error number, SQLSTATE and a message template
 * ({@link String#format} arguments). The proxy turns these into ERR packets, the driver into the
 * {@code SQLException} subclass of the SQLSTATE class. Messages say what, why and what to change.
 */
public enum ErrorCode {
    PARSE_ERROR(1064, "42000", "You have an error in your SQL syntax: %s"),
    UNKNOWN_TABLE(1146, "42S02", "Table '%s' doesn't exist"),
    UNKNOWN_DATABASE(1049, "42000", "Unknown database '%s'"),
    NO_DATABASE_SELECTED(1046, "3D000", "No database selected; run USE <database> or connect with a database"),
    ACCESS_DENIED(1045, "28000", "Access denied for user '%s'@'%s' (using password: %s)"),
    DB_ACCESS_DENIED(1044, "42000", "Access denied for user '%s'@'%s' to database '%s'"),
    NOT_SUPPORTED(1235, "42000", "This version of Shardgate doesn't yet support '%s'"),
    UNPREPARABLE(1295, "HY000", "This command is not supported in the prepared statement protocol yet: %s"),
    WRONG_ARGUMENTS(1210, "HY000", "Incorrect arguments to %s"),
    UNKNOWN_STATEMENT(1243, "HY000", "Unknown prepared statement handler (%s) given to %s"),
    MISSING_SHARD_KEY(1364, "HY000", "%s"),
    SHARD_KEY_UPDATE(1105, "HY000", "%s"),
    CROSS_SHARD_JOIN_REJECTED(1105, "HY000", "%s"),
    CROSS_SHARD_TRANSACTION_REJECTED(1105, "HY000", "%s"),
    SCATTER_WRITE_REJECTED(1105, "HY000", "%s"),
    UNSUPPORTED_MERGE(1235, "42000", "%s"),
    ROUTE_ERROR(1105, "HY000", "%s"),
    BACKEND_UNAVAILABLE(2013, "08S01", "%s"),
    BACKEND_ERROR(1105, "HY000", "%s"),
    ACK_TIMEOUT(1105, "HY000", "%s"),
    QUERY_INTERRUPTED(1317, "70100", "Query execution was interrupted"),
    MEMORY_LIMIT(1038, "HY001", "%s"),
    /** A federated (cross-shard) join read more rows than policies.federation-max-rows allows. */
    FEDERATION_LIMIT(1038, "HY001", "%s"),
    XA_ERROR(1397, "XAE04", "%s"),
    // An XA transaction Shardgate rolled back on every group before deciding to commit (MySQL's XA_RBROLLBACK).
    XA_ROLLED_BACK(1402, "XA100", "%s"),
    MALFORMED_PACKET(1835, "HY000", "Malformed communication packet: %s"),
    UNKNOWN_COMMAND(1047, "08S01", "Unknown command %s"),
    UNKNOWN_SYSTEM_VARIABLE(1193, "HY000", "Unknown system variable '%s'"),
    // Wire-protocol and session errors the proxy answers itself (added by the proxy).
    BAD_HANDSHAKE(1043, "08S01", "Bad handshake: %s"),
    PACKET_TOO_LARGE(1153, "08S01", "Got a packet bigger than 'max_allowed_packet' bytes (%s); raise max-packet-size or send less"),
    PACKETS_OUT_OF_ORDER(1156, "08S01", "Got packets out of order: %s"),
    // Operations (issue 7): shutdown and rule reload.
    SERVER_SHUTDOWN(1053, "08S01", "Server shutdown in progress: %s"),
    RULES_RELOAD_FAILED(1105, "HY000", "%s"),
    EMPTY_QUERY(1065, "42000", "Query was empty"),
    UNKNOWN_THREAD(1094, "HY000", "Unknown thread id: %s"),
    NOT_THREAD_OWNER(1095, "HY000", "You are not owner of thread %s"),
    NO_OPEN_CURSOR(1421, "HY000", "The statement (%s) has no open cursor."),
    INTERNAL(1105, "HY000", "%s");

    private final int mysqlCode;
    private final String sqlState;
    private final String template;

    ErrorCode(int mysqlCode, String sqlState, String template) {
        this.mysqlCode = mysqlCode;
        this.sqlState = sqlState;
        this.template = template;
    }

    public int mysqlCode() {
        return mysqlCode;
    }

    public String sqlState() {
        return sqlState;
    }

    public String format(Object... args) {
        return String.format(template, args);
    }
}
