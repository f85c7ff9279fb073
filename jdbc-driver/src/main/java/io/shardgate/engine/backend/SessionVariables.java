package io.shardgate.engine.backend;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a client session has SET that each backend connection it borrows must also have: session
 * system variables (sql_mode, time_zone, …) and user variables (@x), each kept as the literal of
 * its effective value, plus the transaction isolation level. Character-set variables (SET NAMES,
 * character_set_*) describe the client's side of the connection and are kept for the front end,
 * never replayed: the backend drivers manage their own encoding. autocommit belongs to the
 * engine's transaction handling. Not thread-safe (one per session).
 */
public final class SessionVariables {

    /** Variables that are the front end's or the engine's business, not the backends'. */
    public static final Set<String> NOT_REPLAYED = Set.of("names", "character set", "charset",
            "character_set_client", "character_set_results", "character_set_connection", "collation_connection",
            "autocommit", "transaction_isolation", "tx_isolation", "transaction_read_only", "tx_read_only");

    private final Map<String, String> system = new LinkedHashMap<>();
    private final Map<String, String> user = new LinkedHashMap<>();
    private final Map<String, String> local = new LinkedHashMap<>();
    private Integer isolation;

    /** Records a session system variable to replay ({@code literal} is SQL text, e.g. {@code 'ANSI'}). */
    public void setSystem(String name, String literal) {
        system.put(name.toLowerCase(Locale.ROOT), literal);
    }

    /** Back to the server default: the variable is no longer replayed. */
    public void resetSystem(String name) {
        system.remove(name.toLowerCase(Locale.ROOT));
    }

    /** Records a user variable ({@code @name}); a NULL literal forgets it (unset variables are NULL). */
    public void setUser(String name, String literal) {
        String key = name.toLowerCase(Locale.ROOT);
        if ("NULL".equals(literal)) {
            user.remove(key);
        } else {
            user.put(key, literal);
        }
    }

    /** A variable kept for the front end only (NAMES, character_set_results, …), as written. */
    public void setLocal(String name, String value) {
        local.put(name.toLowerCase(Locale.ROOT), value);
    }

    public String local(String name) {
        return local.get(name.toLowerCase(Locale.ROOT));
    }

    public String system(String name) {
        return system.get(name.toLowerCase(Locale.ROOT));
    }

    public String user(String name) {
        return user.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Every session variable set, for reading back (SELECT @@x, SHOW VARIABLES): the replayed
     * system variables and the front end's, lower-case name → value text. A copy.
     */
    public Map<String, String> sessionValues() {
        Map<String, String> all = new LinkedHashMap<>(system);
        all.putAll(local);
        return all;
    }

    /** The session's isolation level as a {@link Connection} constant, or null for the server default. */
    public Integer isolation() {
        return isolation;
    }

    public void setIsolation(Integer isolation) {
        this.isolation = isolation;
    }

    /**
     * The assignments a backend connection needs, keyed so that equal keys mean the same variable:
     * {@code @@name} for system variables, {@code @name} for user variables; values are literals.
     * System variables are left out for servers that do not know them.
     */
    public Map<String, String> assignments(BackendDialect dialect) {
        if (system.isEmpty() && user.isEmpty()) {
            return Map.of();
        }
        Map<String, String> all = new LinkedHashMap<>();
        if (dialect.understandsMysqlVariables()) {
            system.forEach((name, value) -> all.put("@@" + name, value));
        }
        user.forEach((name, value) -> all.put("@" + name, value));
        return all;
    }

    public boolean isEmpty() {
        return system.isEmpty() && user.isEmpty() && isolation == null;
    }

    /** Forgets everything (COM_RESET_CONNECTION). */
    public void clear() {
        system.clear();
        user.clear();
        local.clear();
        isolation = null;
    }

    /** SQL isolation names ("READ-COMMITTED", "read committed") to {@link Connection} constants. */
    public static Integer isolationLevel(String text) {
        String t = text.replace("'", "").replace("\"", "").trim().toUpperCase(Locale.ROOT).replace('-', ' ')
                .replace('_', ' ');
        return switch (t) {
            case "READ UNCOMMITTED" -> Connection.TRANSACTION_READ_UNCOMMITTED;
            case "READ COMMITTED" -> Connection.TRANSACTION_READ_COMMITTED;
            case "REPEATABLE READ" -> Connection.TRANSACTION_REPEATABLE_READ;
            case "SERIALIZABLE" -> Connection.TRANSACTION_SERIALIZABLE;
            default -> null;
        };
    }
}
