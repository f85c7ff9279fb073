package io.shardgate.sql;

/** The coarse class of a statement, known even when Calcite could not parse it. */
public enum StatementKind {
    SELECT, INSERT, REPLACE, UPDATE, DELETE,
    DDL, SET, USE, SHOW, BEGIN, COMMIT, ROLLBACK, SAVEPOINT, XA, EXPLAIN, KILL, ADMIN, OTHER
}
