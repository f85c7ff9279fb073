package io.shardgate.proxy.compat;

import java.util.List;

/**
 * A statement the proxy answers itself, over the logical schema and the session's state, instead
 * of sending it to a backend: what {@link LocalStatements} recognizes.
 */
sealed interface LocalStatement {

    /** A SELECT without tables whose every item is a system variable, a session function or a literal. */
    record VariableSelect(List<Item> items, boolean noRows) implements LocalStatement {
    }

    /** One select-list item and the column label MySQL gives it (the alias, else the text as written). */
    record Item(Expression expression, String label) {
    }

    sealed interface Expression {
    }

    /** {@code @@[scope.]name}; scope null when not written. */
    record SystemVariable(String scope, String name) implements Expression {
    }

    /** DATABASE(), USER(), CONNECTION_ID() …: the function's name in upper case. */
    record SessionFunction(String name) implements Expression {
    }

    /** A number (Long or BigDecimal), string, NULL (null) or boolean (1/0) literal. */
    record Literal(Object value) implements Expression {
    }

    /** What a server-level SHOW lists. */
    enum Subject { VARIABLES, STATUS, COLLATION, CHARACTER_SET, ENGINES, PLUGINS, WARNINGS, ERRORS, WARNING_COUNT,
        ERROR_COUNT, CREATE_DATABASE }

    /**
     * SHOW [GLOBAL|SESSION] VARIABLES/STATUS, COLLATION, CHARACTER SET, ENGINES, PLUGINS, WARNINGS …
     *
     * @param global   GLOBAL was written (VARIABLES, STATUS)
     * @param like     the LIKE pattern, or null
     * @param where    the WHERE condition's text, or null
     * @param argument the database of SHOW CREATE DATABASE, else null
     */
    record ShowServer(Subject subject, boolean global, String like, String where, String argument)
            implements LocalStatement {
    }

    /** What a table-level SHOW describes. */
    enum TableSubject { COLUMNS, FULL_COLUMNS, CREATE_TABLE, INDEX }

    /**
     * SHOW [FULL] COLUMNS, DESCRIBE, SHOW CREATE TABLE, SHOW INDEX of one table; answered here only
     * where the table's backend cannot answer it the MySQL way (H2).
     *
     * @param database the qualifier or FROM database, or null for the session's
     * @param like     the LIKE pattern (or DESCRIBE's column), or null
     */
    record ShowTable(TableSubject subject, String table, String database, String like) implements LocalStatement {
    }

    /**
     * A query on information_schema tables: {@code sql} is the statement with the
     * {@code information_schema.} qualifiers removed, to run over the logical schema's tables.
     */
    record InformationSchemaQuery(String sql, int parameterCount) implements LocalStatement {
    }
}
