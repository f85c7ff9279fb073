package io.shardgate.sql;

import io.shardgate.sql.lex.SqlTokens;
import io.shardgate.sql.lex.TokenType;

/**
 * DDL read from tokens (Calcite does not parse MySQL DDL: ENGINE=InnoDB, AUTO_INCREMENT, index
 * definitions …). What matters for routing and rewriting is which tables a statement names and
 * where: CREATE/ALTER/DROP/TRUNCATE/RENAME TABLE, CREATE/DROP INDEX … ON t, REFERENCES t,
 * CREATE TABLE … LIKE t / … SELECT, views and triggers.
 */
final class DdlAnalysis {

    private final StatementContext ctx;
    private final SqlTokens t;
    private final int last;
    private boolean ifExists;
    private boolean ifNotExists;

    DdlAnalysis(StatementContext ctx) {
        this.ctx = ctx;
        this.t = ctx.tokens;
        int l = t.size() - 1;
        while (l >= 0 && t.isSymbol(l, ';')) {
            l--;
        }
        this.last = l;
    }

    SqlStatement analyze() {
        return switch (t.upperWord(0)) {
            case "CREATE" -> create();
            case "ALTER" -> alter();
            case "DROP" -> drop();
            case "TRUNCATE" -> truncate();
            default -> rename();
        };
    }

    private SqlStatement create() {
        int i = 1;
        if (t.isWord(i, "OR") && t.isWord(i + 1, "REPLACE")) {
            i += 2;
        }
        while (true) {
            if (t.isAnyWord(i, "TEMPORARY", "UNIQUE", "FULLTEXT", "SPATIAL", "ONLINE", "OFFLINE")) {
                i++;
            } else if (t.isAnyWord(i, "ALGORITHM", "DEFINER") && t.isSymbol(i + 1, '=')) {
                i = skipValue(i + 2); // CREATE ALGORITHM = MERGE DEFINER = 'u'@'%' VIEW …
            } else if (t.isWord(i, "SQL") && t.isWord(i + 1, "SECURITY")) {
                i += 3;
            } else {
                break;
            }
        }
        String what = t.upperWord(i);
        switch (what) {
            case "TABLE": {
                int name = ifNotExists(i + 1);
                int end = addName(name);
                if (end < 0) {
                    return missingName("CREATE TABLE");
                }
                int k = end + 1;
                if (t.isSymbol(k, '(') && t.isWord(k + 1, "LIKE")) {
                    k++;
                }
                if (t.isWord(k, "LIKE")) {
                    addName(k + 1);
                } else {
                    TableScanner.scan(ctx, end + 1, last + 1); // REFERENCES t, … SELECT … FROM u
                }
                return ddl(DdlStatement.DdlKind.CREATE_TABLE);
            }
            case "INDEX": {
                int on = findWord(i + 1, "ON");
                if (on < 0 || addName(on + 1) < 0) {
                    return missingName("CREATE INDEX … ON");
                }
                return ddl(DdlStatement.DdlKind.CREATE_INDEX);
            }
            case "DATABASE", "SCHEMA": {
                int name = ifNotExists(i + 1);
                if (!t.isIdentifier(name)) {
                    return missingName("CREATE DATABASE");
                }
                ctx.rewrite.databaseName = t.identifier(name);
                return ddl(DdlStatement.DdlKind.CREATE_DATABASE);
            }
            case "VIEW": {
                int end = addName(ifNotExists(i + 1));
                if (end < 0) {
                    return missingName("CREATE VIEW");
                }
                TableScanner.scan(ctx, end + 1, last + 1);
                return ddl(DdlStatement.DdlKind.OTHER);
            }
            case "TRIGGER": {
                int on = findWord(i + 1, "ON");
                if (on >= 0) {
                    addName(on + 1);
                }
                return ddl(DdlStatement.DdlKind.OTHER);
            }
            case "PROCEDURE", "FUNCTION", "EVENT", "TABLESPACE", "SEQUENCE", "AGGREGATE":
                return ddl(DdlStatement.DdlKind.OTHER);
            default:
                // CREATE USER / ROLE / SERVER …: accounts and server objects, not data definition
                return StatementAnalysis.other(ctx, StatementKind.OTHER, true, null);
        }
    }

    private SqlStatement alter() {
        int i = 1;
        while (t.isAnyWord(i, "ONLINE", "OFFLINE", "IGNORE")) {
            i++;
        }
        switch (t.upperWord(i)) {
            case "TABLE": {
                int name = i + 1;
                if (t.isWord(name, "IF") && t.isWord(name + 1, "EXISTS")) {
                    ifExists = true;
                    name += 2;
                }
                int end = addName(name);
                if (end < 0) {
                    return missingName("ALTER TABLE");
                }
                int depth = 0;
                for (int k = end + 1; k <= last; k++) {
                    if (t.isSymbol(k, '(')) {
                        depth++;
                    } else if (t.isSymbol(k, ')')) {
                        depth--;
                    } else if (depth == 0 && t.isWord(k, "RENAME") && !t.isAnyWord(k + 1, "COLUMN", "INDEX", "KEY")) {
                        int target = t.isAnyWord(k + 1, "TO", "AS") ? k + 2 : k + 1;
                        k = Math.max(k, addName(target));
                    } else if (t.isAnyWord(k, "REFERENCES") || (t.isWord(k, "WITH") && t.isWord(k + 1, "TABLE"))) {
                        int target = t.isWord(k, "WITH") ? k + 2 : k + 1;
                        k = Math.max(k, addName(target));
                    }
                }
                return ddl(DdlStatement.DdlKind.ALTER_TABLE);
            }
            case "DATABASE", "SCHEMA":
                if (t.isIdentifier(i + 1) && !t.isAnyWord(i + 1, "DEFAULT", "CHARACTER", "CHARSET", "COLLATE",
                        "READ", "ENCRYPTION", "UPGRADE")) {
                    ctx.rewrite.databaseName = t.identifier(i + 1);
                }
                return ddl(DdlStatement.DdlKind.OTHER);
            case "VIEW": {
                int end = addName(i + 1);
                if (end >= 0) {
                    TableScanner.scan(ctx, end + 1, last + 1);
                }
                return ddl(DdlStatement.DdlKind.OTHER);
            }
            case "PROCEDURE", "FUNCTION", "EVENT", "TABLESPACE", "SEQUENCE":
                return ddl(DdlStatement.DdlKind.OTHER);
            default:
                return StatementAnalysis.other(ctx, StatementKind.OTHER, true, null);
        }
    }

    private SqlStatement drop() {
        int i = 1;
        while (t.isAnyWord(i, "TEMPORARY", "ONLINE", "OFFLINE")) {
            i++;
        }
        switch (t.upperWord(i)) {
            case "TABLE", "TABLES": {
                if (nameList(ifExists(i + 1)) == 0) {
                    return missingName("DROP TABLE");
                }
                return ddl(DdlStatement.DdlKind.DROP_TABLE);
            }
            case "INDEX": {
                int on = findWord(ifExists(i + 1), "ON");
                if (on >= 0) {
                    addName(on + 1);
                }
                return ddl(DdlStatement.DdlKind.DROP_INDEX);
            }
            case "DATABASE", "SCHEMA": {
                int name = ifExists(i + 1);
                if (!t.isIdentifier(name)) {
                    return missingName("DROP DATABASE");
                }
                ctx.rewrite.databaseName = t.identifier(name);
                return ddl(DdlStatement.DdlKind.DROP_DATABASE);
            }
            case "VIEW":
                nameList(ifExists(i + 1));
                return ddl(DdlStatement.DdlKind.OTHER);
            case "TRIGGER", "PROCEDURE", "FUNCTION", "EVENT", "TABLESPACE", "SEQUENCE":
                ifExists(i + 1);
                return ddl(DdlStatement.DdlKind.OTHER);
            default:
                return StatementAnalysis.other(ctx, StatementKind.OTHER, true, null);
        }
    }

    private SqlStatement truncate() {
        int i = t.isWord(1, "TABLE") ? 2 : 1;
        if (addName(i) < 0) {
            return missingName("TRUNCATE TABLE");
        }
        return ddl(DdlStatement.DdlKind.TRUNCATE_TABLE);
    }

    /** RENAME TABLE a TO b [, c TO d]. */
    private SqlStatement rename() {
        if (!t.isAnyWord(1, "TABLE", "TABLES")) {
            return StatementAnalysis.other(ctx, StatementKind.OTHER, true, null); // RENAME USER
        }
        int i = 2;
        while (i <= last) {
            int from = addName(i);
            if (from < 0 || !t.isWord(from + 1, "TO")) {
                return missingName("RENAME TABLE a TO b");
            }
            int to = addName(from + 2);
            if (to < 0) {
                return missingName("RENAME TABLE a TO b");
            }
            if (!t.isSymbol(to + 1, ',')) {
                break;
            }
            i = to + 2;
        }
        return ddl(DdlStatement.DdlKind.RENAME_TABLE);
    }

    private DdlStatement ddl(DdlStatement.DdlKind kind) {
        return new DdlStatement(ctx.sql, kind, ctx.tables(), t.parameterCount(), ctx.hints, ifExists, ifNotExists,
                ctx.finishTokens());
    }

    private SqlStatement missingName(String form) {
        return StatementAnalysis.unparsed(ctx, StatementKind.DDL, form + " expects a name");
    }

    private int ifNotExists(int i) {
        if (t.isWord(i, "IF") && t.isWord(i + 1, "NOT") && t.isWord(i + 2, "EXISTS")) {
            ifNotExists = true;
            return i + 3;
        }
        return i;
    }

    private int ifExists(int i) {
        if (t.isWord(i, "IF") && t.isWord(i + 1, "EXISTS")) {
            ifExists = true;
            return i + 2;
        }
        return i;
    }

    /** Adds the (dotted) table name at {@code i}; returns its last token, or -1 if there is no name. */
    private int addName(int i) {
        if (i > last || !t.isIdentifier(i)) {
            return -1;
        }
        int end = ctx.dottedNameEnd(i);
        ctx.addTable(ctx.tableRef(i, end, null, false));
        return end;
    }

    /** a, b, c: returns how many names were added. */
    private int nameList(int i) {
        int count = 0;
        while (true) {
            int end = addName(i);
            if (end < 0) {
                return count;
            }
            count++;
            if (!t.isSymbol(end + 1, ',')) {
                return count;
            }
            i = end + 2;
        }
    }

    private int findWord(int from, String word) {
        for (int i = from; i <= last; i++) {
            if (t.isWord(i, word)) {
                return i;
            }
        }
        return -1;
    }

    /** Skips a value like {@code 'u'@'%'}, {@code CURRENT_USER()} or {@code MERGE}; returns the next index. */
    private int skipValue(int i) {
        i++;
        if (t.isSymbol(i, '(')) {
            i = t.matchingParen(i) + 1;
        }
        while (t.type(i) == TokenType.VARIABLE) {
            i++;
        }
        return i;
    }
}
