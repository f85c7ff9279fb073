package io.shardgate.engine.backend;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Brings a pooled backend connection to the state a session expects before it runs anything,
 * sending only the difference from what the connection already has. The engine remembers, per
 * physical connection, the variables it set there; so a connection last used by a session with
 * the same settings needs no round trip, and one with other settings gets them changed (and the
 * ones the new session does not have put back to DEFAULT / NULL). Isolation goes through JDBC,
 * which the pool resets when the connection comes back. Thread-safe.
 */
public final class VariableReplay {

    private final Map<Connection, Map<String, String>> applied = Collections.synchronizedMap(new WeakHashMap<>());

    /** Applies {@code variables} to {@code connection} (a pooled connection about to be used). */
    public void apply(Connection connection, BackendDialect dialect, SessionVariables variables) throws SQLException {
        Connection physical = physical(connection);
        Map<String, String> current = applied.getOrDefault(physical, Map.of());
        Map<String, String> wanted = variables.assignments(dialect);
        if (!current.equals(wanted)) {
            List<String> assignments = new ArrayList<>();
            wanted.forEach((key, value) -> {
                if (!value.equals(current.get(key))) {
                    assignments.add(target(key) + " = " + value);
                }
            });
            current.keySet().stream().filter(key -> !wanted.containsKey(key))
                    .forEach(key -> assignments.add(target(key) + (key.startsWith("@@") ? " = DEFAULT" : " = NULL")));
            applied.remove(physical); // unknown state until the SET succeeds
            send(connection, dialect, assignments);
            applied.put(physical, wanted.isEmpty() ? Map.of() : new LinkedHashMap<>(wanted));
        }
        Integer isolation = variables.isolation();
        if (isolation != null && connection.getTransactionIsolation() != isolation) {
            connection.setTransactionIsolation(isolation);
        }
    }

    /** Forgets what was set on {@code connection} (after an error left its state unknown). */
    public void forget(Connection connection) {
        try {
            applied.remove(physical(connection));
        } catch (SQLException | RuntimeException ignored) {
            // a connection that cannot be unwrapped (or a closed pool proxy, whose hashCode throws) was
            // never recorded, or its entry goes with the garbage-collected connection
        }
    }

    private static void send(Connection connection, BackendDialect dialect, List<String> assignments)
            throws SQLException {
        if (assignments.isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            if (dialect.understandsMysqlVariables()) {
                statement.execute("SET " + String.join(", ", assignments)); // one round trip
            } else {
                for (String assignment : assignments) {
                    statement.execute("SET " + assignment);
                }
            }
        }
    }

    private static String target(String key) {
        return key.startsWith("@@") ? "@@SESSION." + key.substring(2) : key;
    }

    private static Connection physical(Connection connection) throws SQLException {
        return connection.isWrapperFor(Connection.class) ? connection.unwrap(Connection.class) : connection;
    }
}
