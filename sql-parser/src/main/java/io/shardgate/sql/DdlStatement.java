package io.shardgate.sql;

import java.util.List;
import java.util.Map;

/** DDL: CREATE/ALTER/DROP/TRUNCATE/RENAME TABLE, CREATE/DROP INDEX, databases, views, others. */
public record DdlStatement(String sql, DdlKind ddlKind, List<TableRef> tables, int parameterCount,
                           Map<String, String> hints, boolean ifExists, boolean ifNotExists, RewriteTokens tokens)
        implements SqlStatement {

    @Override
    public StatementKind kind() {
        return StatementKind.DDL;
    }

    /** For CREATE/ALTER/DROP DATABASE (or SCHEMA): the database name as written, unquoted; else null. */
    public String databaseName() {
        return tokens == null ? null : tokens.databaseName();
    }

    public enum DdlKind {
        CREATE_TABLE, ALTER_TABLE, DROP_TABLE, TRUNCATE_TABLE, RENAME_TABLE, CREATE_INDEX, DROP_INDEX,
        CREATE_DATABASE, DROP_DATABASE, OTHER
    }
}
