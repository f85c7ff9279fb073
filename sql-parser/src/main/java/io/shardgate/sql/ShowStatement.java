package io.shardgate.sql;

import java.util.List;
import java.util.Map;

/**
 * SHOW … (and DESCRIBE/DESC table, which is {@code SHOW COLUMNS FROM table}). {@code what} is the
 * normalized subject in upper case with single spaces: "TABLES", "FULL TABLES", "DATABASES",
 * "COLUMNS", "FULL COLUMNS", "CREATE TABLE", "VARIABLES", "SESSION VARIABLES", "WARNINGS", "ERRORS",
 * "COLLATION", "CHARACTER SET", "INDEX", "TABLE STATUS", "STATUS", "PROCESSLIST", "ENGINES",
 * "PLUGINS", "GRANTS", "CREATE DATABASE", "MASTER STATUS" ….
 * {@code like} is the LIKE pattern if given, {@code database} the FROM/IN database if given.
 */
public record ShowStatement(String sql, String what, List<TableRef> tables, String like, String database,
                            Map<String, String> hints, RewriteTokens tokens) implements SqlStatement {

    @Override
    public StatementKind kind() {
        return StatementKind.SHOW;
    }

    @Override
    public int parameterCount() {
        return 0;
    }
}
