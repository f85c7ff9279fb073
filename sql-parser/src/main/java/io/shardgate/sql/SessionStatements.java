package io.shardgate.sql;

import io.shardgate.sql.lex.SqlTokens;
import io.shardgate.sql.lex.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Statements read from their keywords alone, which Calcite does not know or gets wrong for MySQL:
 * SET, USE, SHOW, DESCRIBE of a table, transaction control, KILL and Shardgate's own admin SQL.
 */
final class SessionStatements {

    private SessionStatements() {
    }

    /** Index of the last token that is not a trailing semicolon. */
    private static int lastToken(SqlTokens t) {
        int last = t.size() - 1;
        while (last >= 0 && t.isSymbol(last, ';')) {
            last--;
        }
        return last;
    }

    // ---------------------------------------------------------------- SET

    static SqlStatement set(StatementContext ctx) {
        SqlTokens t = ctx.tokens;
        int last = lastToken(t);
        List<SetStatement.SetAssignment> assignments = new ArrayList<>();
        SetStatement.Scope scope = SetStatement.Scope.SESSION;
        int i = 1;
        while (i <= last) {
            if (t.isAnyWord(i, "GLOBAL", "PERSIST", "PERSIST_ONLY")) {
                scope = SetStatement.Scope.GLOBAL;
                i++;
                continue;
            }
            if (t.isAnyWord(i, "SESSION", "LOCAL")) {
                scope = SetStatement.Scope.SESSION;
                i++;
                continue;
            }
            if (t.isWord(i, "TRANSACTION")) {
                boolean explicitScope = t.isAnyWord(i - 1, "GLOBAL", "SESSION", "LOCAL");
                SetStatement.Scope txScope = explicitScope ? scope : SetStatement.Scope.NEXT_TRANSACTION;
                i = transactionCharacteristics(t, i + 1, last, txScope, assignments);
                if (i < 0) {
                    return StatementAnalysis.unparsed(ctx, StatementKind.SET,
                            "SET TRANSACTION expects ISOLATION LEVEL <level>, READ ONLY or READ WRITE");
                }
                continue;
            }
            if (t.isWord(i, "NAMES") || t.isWord(i, "CHARSET") || (t.isWord(i, "CHARACTER") && t.isWord(i + 1, "SET"))) {
                boolean names = t.isWord(i, "NAMES");
                i += t.isWord(i, "CHARACTER") ? 2 : 1;
                if (i > last) {
                    return StatementAnalysis.unparsed(ctx, StatementKind.SET, "SET NAMES expects a character set");
                }
                String valueText = t.text(i);
                SqlValue value = t.isWord(i, "DEFAULT") ? null : new SqlValue.Literal(t.identifier(i));
                i++;
                String collate = null;
                if (t.isWord(i, "COLLATE") && i + 1 <= last) {
                    collate = t.identifier(i + 1);
                    i += 2;
                }
                assignments.add(new SetStatement.SetAssignment(SetStatement.Scope.SESSION, names ? "names" : "charset",
                        valueText, value, collate));
            } else {
                int nameEnd = i;
                SetStatement.Scope varScope = scope;
                String name;
                if (t.type(i) == TokenType.VARIABLE) {
                    String var = t.text(i);
                    if (var.startsWith("@@")) {
                        name = var.substring(2);
                        String lowerName = name.toLowerCase(Locale.ROOT);
                        if (lowerName.startsWith("global.") || lowerName.startsWith("persist.")
                                || lowerName.startsWith("persist_only.")) {
                            varScope = SetStatement.Scope.GLOBAL;
                            name = name.substring(name.indexOf('.') + 1);
                        } else if (lowerName.startsWith("session.") || lowerName.startsWith("local.")) {
                            varScope = SetStatement.Scope.SESSION;
                            name = name.substring(name.indexOf('.') + 1);
                        } else {
                            varScope = SetStatement.Scope.SESSION;
                        }
                        name = unquote(name);
                    } else {
                        varScope = SetStatement.Scope.USER;
                        name = unquote(var.substring(1));
                    }
                } else if (t.isIdentifier(i)) {
                    nameEnd = i;
                    while (t.isSymbol(nameEnd + 1, '.') && t.isIdentifier(nameEnd + 2)) {
                        nameEnd += 2;
                    }
                    StringBuilder b = new StringBuilder();
                    for (int k = i; k <= nameEnd; k += 2) {
                        b.append(k == i ? "" : ".").append(t.identifier(k));
                    }
                    name = b.toString();
                    if (t.isAnyWord(i, "PASSWORD", "ROLE", "RESOURCE", "STATEMENT")
                            || (t.isWord(i, "DEFAULT") && t.isWord(i + 1, "ROLE"))) {
                        if (!t.isSymbol(nameEnd + 1, '=') && !t.isSymbol(nameEnd + 1, ":=")
                                || t.isAnyWord(i, "PASSWORD", "STATEMENT")) {
                            // SET PASSWORD / ROLE / STATEMENT …: a SET that is not a variable assignment
                            return StatementAnalysis.other(ctx, StatementKind.SET, true, null);
                        }
                    }
                } else {
                    return StatementAnalysis.unparsed(ctx, StatementKind.SET,
                            "expected a variable name at '" + t.text(i) + "'");
                }
                int op = nameEnd + 1;
                if (!t.isSymbol(op, '=') && !t.isSymbol(op, ":=")) {
                    return StatementAnalysis.unparsed(ctx, StatementKind.SET,
                            "expected '=' after " + name + " in SET");
                }
                int valueStart = op + 1;
                int valueEnd = expressionEnd(t, valueStart, last);
                if (valueEnd < valueStart) {
                    return StatementAnalysis.unparsed(ctx, StatementKind.SET, "missing value for " + name + " in SET");
                }
                String valueText = ctx.sql.substring(t.start(valueStart), t.end(valueEnd));
                SqlValue value = TokenValues.value(t, valueStart, valueEnd);
                if (value == null && valueStart == valueEnd && varScope != SetStatement.Scope.USER
                        && t.type(valueStart) == TokenType.WORD && !t.isWord(valueStart, "DEFAULT")) {
                    value = new SqlValue.Literal(t.text(valueStart)); // SET autocommit = ON: a bare word is a string
                }
                assignments.add(new SetStatement.SetAssignment(varScope, name.toLowerCase(Locale.ROOT), valueText,
                        value, null));
                i = valueEnd + 1;
            }
            if (i <= last) {
                if (!t.isSymbol(i, ',')) {
                    return StatementAnalysis.unparsed(ctx, StatementKind.SET,
                            "expected ',' or the end of SET at '" + t.text(i) + "'");
                }
                i++;
            }
        }
        if (assignments.isEmpty()) {
            return StatementAnalysis.unparsed(ctx, StatementKind.SET, "SET without an assignment");
        }
        TableScanner.scan(ctx, 0, t.size());
        return new SetStatement(ctx.sql, ctx.tables(), t.parameterCount(), ctx.hints, List.copyOf(assignments),
                ctx.finishTokens());
    }

    /** Reads ISOLATION LEVEL …, READ ONLY, READ WRITE (comma separated); returns the next index or -1. */
    private static int transactionCharacteristics(SqlTokens t, int i, int last, SetStatement.Scope scope,
                                                  List<SetStatement.SetAssignment> out) {
        while (i <= last) {
            if (t.isWord(i, "ISOLATION") && t.isWord(i + 1, "LEVEL")) {
                i += 2;
                String level;
                if (t.isWord(i, "READ") && t.isAnyWord(i + 1, "COMMITTED", "UNCOMMITTED")) {
                    level = "READ-" + t.upperWord(i + 1);
                    i += 2;
                } else if (t.isWord(i, "REPEATABLE") && t.isWord(i + 1, "READ")) {
                    level = "REPEATABLE-READ";
                    i += 2;
                } else if (t.isWord(i, "SERIALIZABLE")) {
                    level = "SERIALIZABLE";
                    i++;
                } else {
                    return -1;
                }
                out.add(new SetStatement.SetAssignment(scope, "transaction_isolation", level,
                        new SqlValue.Literal(level), null));
            } else if (t.isWord(i, "READ") && t.isAnyWord(i + 1, "ONLY", "WRITE")) {
                boolean readOnly = t.isWord(i + 1, "ONLY");
                out.add(new SetStatement.SetAssignment(scope, "transaction_read_only", readOnly ? "1" : "0",
                        new SqlValue.Literal(readOnly ? 1L : 0L), null));
                i += 2;
            } else {
                return -1;
            }
            if (t.isSymbol(i, ',')) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** Last token of an expression starting at {@code i}: up to a top-level comma or the end. */
    private static int expressionEnd(SqlTokens t, int i, int last) {
        int depth = 0;
        int j = i;
        for (; j <= last; j++) {
            if (t.isSymbol(j, '(')) {
                depth++;
            } else if (t.isSymbol(j, ')')) {
                depth--;
            } else if (depth == 0 && t.isSymbol(j, ',')) {
                break;
            }
        }
        return j - 1;
    }

    private static String unquote(String name) {
        if (name.length() >= 2) {
            char q = name.charAt(0);
            if ((q == '\'' || q == '"' || q == '`') && name.charAt(name.length() - 1) == q) {
                return name.substring(1, name.length() - 1);
            }
        }
        return name;
    }

    // ---------------------------------------------------------------- USE, KILL, transactions

    static SqlStatement use(StatementContext ctx) {
        SqlTokens t = ctx.tokens;
        if (lastToken(t) != 1 || !(t.isIdentifier(1) || t.type(1) == TokenType.STRING)) {
            return StatementAnalysis.unparsed(ctx, StatementKind.USE, "USE expects one database name");
        }
        return new UseStatement(ctx.sql, t.identifier(1), ctx.hints, ctx.finishTokens());
    }

    static SqlStatement kill(StatementContext ctx) {
        SqlTokens t = ctx.tokens;
        int i = 1;
        if (t.isAnyWord(i, "HARD", "SOFT")) {
            i++;
        }
        boolean queryOnly = false;
        if (t.isWord(i, "CONNECTION")) {
            i++;
        } else if (t.isWord(i, "QUERY")) {
            queryOnly = true;
            i++;
            if (t.isWord(i, "ID")) {
                i++;
            }
        }
        if (t.type(i) != TokenType.NUMBER || lastToken(t) != i || t.text(i).indexOf('.') >= 0) {
            return StatementAnalysis.unparsed(ctx, StatementKind.KILL, "KILL expects [CONNECTION | QUERY] <id>");
        }
        try {
            return new KillStatement(ctx.sql, queryOnly, Long.parseLong(t.text(i)), ctx.hints, ctx.finishTokens());
        } catch (NumberFormatException e) {
            return StatementAnalysis.unparsed(ctx, StatementKind.KILL, "connection id out of range: " + t.text(i));
        }
    }

    static SqlStatement transaction(StatementContext ctx) {
        SqlTokens t = ctx.tokens;
        int last = lastToken(t);
        String keyword = t.upperWord(0);
        switch (keyword) {
            case "BEGIN":
                return new TransactionStatement(ctx.sql, StatementKind.BEGIN, null, false, false, ctx.hints,
                        ctx.finishTokens());
            case "START": {
                boolean readOnly = false;
                for (int i = 2; i <= last; i++) {
                    if (t.isWord(i, "READ") && t.isWord(i + 1, "ONLY")) {
                        readOnly = true;
                    }
                }
                return new TransactionStatement(ctx.sql, StatementKind.BEGIN, null, false, readOnly, ctx.hints,
                        ctx.finishTokens());
            }
            case "COMMIT":
                return new TransactionStatement(ctx.sql, StatementKind.COMMIT, null, false, false, ctx.hints,
                        ctx.finishTokens());
            case "ROLLBACK": {
                int i = 1;
                if (t.isWord(i, "WORK")) {
                    i++;
                }
                String savepoint = null;
                if (t.isWord(i, "TO")) {
                    i++;
                    if (t.isWord(i, "SAVEPOINT")) {
                        i++;
                    }
                    if (!t.isIdentifier(i)) {
                        return StatementAnalysis.unparsed(ctx, StatementKind.ROLLBACK,
                                "ROLLBACK TO expects a savepoint name");
                    }
                    savepoint = t.identifier(i);
                }
                return new TransactionStatement(ctx.sql, StatementKind.ROLLBACK, savepoint, false, false, ctx.hints,
                        ctx.finishTokens());
            }
            case "SAVEPOINT":
                if (!t.isIdentifier(1)) {
                    return StatementAnalysis.unparsed(ctx, StatementKind.SAVEPOINT, "SAVEPOINT expects a name");
                }
                return new TransactionStatement(ctx.sql, StatementKind.SAVEPOINT, t.identifier(1), false, false,
                        ctx.hints, ctx.finishTokens());
            default: // RELEASE SAVEPOINT name
                if (!t.isWord(1, "SAVEPOINT") || !t.isIdentifier(2)) {
                    return StatementAnalysis.unparsed(ctx, StatementKind.SAVEPOINT,
                            "RELEASE expects SAVEPOINT <name>");
                }
                return new TransactionStatement(ctx.sql, StatementKind.SAVEPOINT, t.identifier(2), true, false,
                        ctx.hints, ctx.finishTokens());
        }
    }

    // ---------------------------------------------------------------- SHOW, DESCRIBE

    static SqlStatement show(StatementContext ctx) {
        SqlTokens t = ctx.tokens;
        if (t.isWord(1, "SHARDGATE")) {
            return admin(ctx);
        }
        int last = lastToken(t);
        List<String> words = new ArrayList<>();
        String like = null;
        String database = null;
        boolean tableSubject = false;
        boolean databaseSubject = false;
        int i = 1;
        while (i <= last) {
            if (t.isWord(i, "LIKE")) {
                if (t.type(i + 1) == TokenType.STRING) {
                    like = t.stringValue(i + 1);
                }
                break;
            }
            if (t.isAnyWord(i, "WHERE", "LIMIT") || t.isWord(i, "FOR")) {
                break;
            }
            if (t.isAnyWord(i, "FROM", "IN")) {
                int nameEnd = ctx.dottedNameEnd(i + 1);
                if (!t.isIdentifier(i + 1)) {
                    break;
                }
                if (tableSubject && ctx.tables().isEmpty()) {
                    ctx.addTable(ctx.tableRef(i + 1, nameEnd, null, false));
                } else {
                    database = t.identifier(i + 1);
                }
                i = nameEnd + 1;
                continue;
            }
            if (!words.isEmpty() && t.isSymbol(i, '(') && t.isSymbol(i + 1, '*') && t.isSymbol(i + 2, ')')) {
                words.set(words.size() - 1, words.get(words.size() - 1) + "(*)"); // SHOW COUNT(*) WARNINGS
                i += 3;
                continue;
            }
            if (t.type(i) != TokenType.WORD) {
                break;
            }
            String word = t.upperWord(i);
            if (!words.isEmpty() && words.get(0).equals("CREATE") && words.size() == 2) {
                break; // SHOW CREATE <kind> <name>: the name follows
            }
            switch (word) {
                case "FIELDS" -> word = "COLUMNS";
                case "SCHEMAS" -> word = "DATABASES";
                case "INDEXES", "KEYS" -> word = "INDEX";
                case "CHARSET" -> word = "CHARACTER SET";
                case "LOCAL" -> word = "SESSION";
                case "SCHEMA" -> word = "DATABASE";
                case "EXTENDED", "STORAGE" -> word = null;
                default -> {
                }
            }
            if (word != null && word.equals("SET") && !words.isEmpty()
                    && words.get(words.size() - 1).equals("CHARACTER")) {
                words.set(words.size() - 1, "CHARACTER SET");
            } else if (word != null) {
                words.add(word);
            }
            String subject = String.join(" ", words);
            tableSubject = subject.endsWith("COLUMNS") || subject.endsWith("INDEX");
            i++;
        }
        if (words.isEmpty()) {
            return StatementAnalysis.unparsed(ctx, StatementKind.SHOW, "SHOW expects what to show");
        }
        String what = String.join(" ", words);
        if (words.get(0).equals("CREATE") && words.size() == 2 && i <= last && t.isIdentifier(i)) {
            if (words.get(1).equals("DATABASE")) {
                int j = i;
                if (t.isWord(j, "IF") && t.isWord(j + 1, "NOT") && t.isWord(j + 2, "EXISTS")) {
                    j += 3;
                }
                database = t.identifier(j);
            } else if (words.get(1).equals("TABLE") || words.get(1).equals("VIEW")) {
                ctx.addTable(ctx.tableRef(i, ctx.dottedNameEnd(i), null, false));
            }
        }
        return new ShowStatement(ctx.sql, what, ctx.tables(), like, database, ctx.hints, ctx.finishTokens());
    }

    /** DESCRIBE t / DESC t / EXPLAIN t: the columns of a table. */
    static SqlStatement describeTable(StatementContext ctx) {
        SqlTokens t = ctx.tokens;
        int nameEnd = ctx.dottedNameEnd(1);
        ctx.addTable(ctx.tableRef(1, nameEnd, null, false));
        String like = null;
        if (t.type(nameEnd + 1) == TokenType.STRING) {
            like = t.stringValue(nameEnd + 1);
        } else if (t.isIdentifier(nameEnd + 1)) {
            like = t.identifier(nameEnd + 1);
        }
        return new ShowStatement(ctx.sql, "COLUMNS", ctx.tables(), like, null, ctx.hints, ctx.finishTokens());
    }

    // ---------------------------------------------------------------- Shardgate's own SQL

    static SqlStatement admin(StatementContext ctx) {
        SqlTokens t = ctx.tokens;
        int last = lastToken(t);
        AdminStatement.Command command = null;
        if (t.isWord(0, "SHOW") && t.isWord(1, "SHARDGATE") && last == 2) {
            command = switch (t.upperWord(2)) {
                case "GROUPS" -> AdminStatement.Command.SHOW_GROUPS;
                case "RULES" -> AdminStatement.Command.SHOW_RULES;
                case "HOTSPOTS" -> AdminStatement.Command.SHOW_HOTSPOTS;
                default -> null;
            };
        } else if (t.isWord(0, "RELOAD") && t.isWord(1, "SHARDGATE") && t.isWord(2, "RULES") && last == 2) {
            command = AdminStatement.Command.RELOAD_RULES;
        }
        if (command == null) {
            return StatementAnalysis.other(ctx, StatementKind.ADMIN, false, "unknown Shardgate command '"
                    + ctx.sql.strip() + "'; expected SHOW SHARDGATE GROUPS|RULES|HOTSPOTS, RELOAD SHARDGATE RULES"
                    + " or EXPLAIN ROUTE <sql>");
        }
        return new AdminStatement(ctx.sql, command, null, ctx.hints, ctx.finishTokens());
    }

    /** EXPLAIN ROUTE &lt;sql&gt;: the argument is the inner SQL exactly as written. */
    static SqlStatement explainRoute(StatementContext ctx) {
        String argument = ctx.sql.substring(ctx.tokens.end(1)).strip();
        while (argument.endsWith(";")) {
            argument = argument.substring(0, argument.length() - 1).strip();
        }
        if (argument.isEmpty()) {
            return StatementAnalysis.other(ctx, StatementKind.ADMIN, false, "EXPLAIN ROUTE expects a statement");
        }
        return new AdminStatement(ctx.sql, AdminStatement.Command.EXPLAIN_ROUTE, argument, ctx.hints,
                RewriteTokens.NONE);
    }
}
