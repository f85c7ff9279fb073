package io.shardgate.engine;

import io.shardgate.engine.backend.BackendDialect;
import io.shardgate.engine.backend.BackendServer;
import io.shardgate.engine.backend.SessionVariables;
import io.shardgate.engine.backend.SqlLiteral;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.sql.SetStatement;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Applies a SET statement to a session: autocommit and isolation to the engine's transaction
 * handling, character-set variables to the front end's state, and everything else to the
 * variables replayed on the session's backend connections (checked and evaluated once, here).
 */
final class SessionSet {

    private final ShardingSession session;
    private final SessionVariables variables;

    SessionSet(ShardingSession session) {
        this.session = session;
        this.variables = session.variables();
    }

    void apply(SetStatement set, List<Object> parameters) {
        for (SetStatement.SetAssignment assignment : set.assignments()) {
            String name = assignment.name().toLowerCase(Locale.ROOT);
            switch (assignment.scope()) {
                case GLOBAL -> throw new ShardgateException(ErrorCode.NOT_SUPPORTED, "SET GLOBAL " + name
                        + " through Shardgate; set it on each backend server, where it applies to every client");
                case USER -> variables.setUser(name, userValue(assignment, parameters));
                case NEXT_TRANSACTION -> {
                    if (name.equals("transaction_isolation") || name.equals("tx_isolation")) {
                        session.setNextTransactionIsolation(isolation(assignment.valueText()));
                    }
                }
                case SESSION -> setSession(name, assignment, parameters);
            }
        }
    }

    private void setSession(String name, SetStatement.SetAssignment assignment, List<Object> parameters) {
        String text = assignment.valueText() == null ? "" : assignment.valueText().trim();
        switch (name) {
            case "autocommit" -> session.setAutocommit(truthy(assignment, parameters));
            case "transaction_isolation", "tx_isolation" -> variables.setIsolation(isolation(text));
            case "transaction_read_only", "tx_read_only" -> variables.setLocal(name, text);
            case "names" -> {
                variables.setLocal("names", text);
                if (assignment.collate() != null) {
                    variables.setLocal("collation_connection", assignment.collate());
                }
            }
            default -> {
                if (SessionVariables.NOT_REPLAYED.contains(name)) {
                    variables.setLocal(name, text);
                } else if (text.equalsIgnoreCase("DEFAULT")) {
                    variables.resetSystem(name);
                } else {
                    variables.setSystem(name, systemValue(name, text));
                }
            }
        }
    }

    /**
     * Sets a system variable on a default-group connection to check it and to read the value it
     * takes (an expression such as {@code CONCAT(@@sql_mode, ',ANSI')} is evaluated once, here),
     * which is the literal replayed on other connections. Servers without MySQL variables (H2)
     * keep the text as written, and it is not replayed on them.
     */
    private String systemValue(String name, String text) {
        LogicalDatabase db = session.settingsDatabase();
        BackendServer server = db.backends().leader(db.rules().defaultGroup());
        if (!server.dialect().understandsMysqlVariables()) {
            return text;
        }
        try (Connection connection = db.backends().connect(server, variables);
             Statement statement = connection.createStatement()) {
            statement.execute("SET @@SESSION." + name + " = " + text);
            try (ResultSet rs = statement.executeQuery("SELECT @@SESSION." + name)) {
                rs.next();
                String literal = SqlLiteral.of(rs.getObject(1), server.dialect());
                // put the connection back in the state the replay recorded for it
                String previous = variables.system(name);
                statement.execute("SET @@SESSION." + name + " = " + (previous == null ? "DEFAULT" : previous));
                return literal;
            }
        } catch (SQLException e) {
            throw new BackendException(server.group(), e.getMessage(), e);
        }
    }

    private String userValue(SetStatement.SetAssignment assignment, List<Object> parameters) {
        LogicalDatabase db = session.settingsDatabase();
        BackendServer server = db.backends().leader(db.rules().defaultGroup());
        BackendDialect dialect = server.dialect();
        if (assignment.value() != null) {
            return SqlLiteral.of(assignment.value().resolve(parameters), dialect);
        }
        // an expression: evaluate it once, so every backend sees the same value
        try (Connection connection = db.backends().connect(server, variables);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + assignment.valueText())) {
            rs.next();
            return SqlLiteral.of(rs.getObject(1), dialect);
        } catch (SQLException e) {
            throw new BackendException(server.group(), e.getMessage(), e);
        }
    }

    private static boolean truthy(SetStatement.SetAssignment assignment, List<Object> parameters) {
        Object value = assignment.value() == null ? assignment.valueText() : assignment.value().resolve(parameters);
        String text = String.valueOf(value).trim().replace("'", "").toUpperCase(Locale.ROOT);
        return switch (text) {
            case "1", "ON", "TRUE" -> true;
            case "0", "OFF", "FALSE" -> false;
            default -> throw new ShardgateException(ErrorCode.WRONG_ARGUMENTS, "SET autocommit: expected 0, 1, ON "
                    + "or OFF, got " + value);
        };
    }

    private static Integer isolation(String text) {
        Integer level = SessionVariables.isolationLevel(text);
        if (level == null) {
            throw new ShardgateException(ErrorCode.WRONG_ARGUMENTS, "transaction isolation level " + text
                    + " (expected READ-UNCOMMITTED, READ-COMMITTED, REPEATABLE-READ or SERIALIZABLE)");
        }
        return level;
    }
}
