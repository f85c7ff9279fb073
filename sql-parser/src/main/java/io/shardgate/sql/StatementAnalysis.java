package io.shardgate.sql;

import io.shardgate.sql.lex.MySqlLexer;
import io.shardgate.sql.lex.SqlTokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Analyzes one statement: lexes it, reads hints, classifies it by its leading keywords and hands
 * it to the analysis for its kind. Never throws: whatever cannot be analyzed becomes an
 * {@link OtherStatement} that still carries its kind and the tables found by scanning tokens.
 */
final class StatementAnalysis {

    /** Statements recognized by their keyword whose structure routing does not need. */
    private static final Set<String> OTHER_KEYWORDS = Set.of("DO", "CALL", "LOCK", "UNLOCK", "FLUSH", "ANALYZE",
            "OPTIMIZE", "CHECK", "CHECKSUM", "REPAIR", "HANDLER", "LOAD", "GRANT", "REVOKE", "HELP", "RESET",
            "PURGE", "CHANGE", "STOP", "INSTALL", "UNINSTALL", "SHUTDOWN", "CACHE", "PREPARE", "EXECUTE",
            "DEALLOCATE", "IMPORT", "CLONE", "BINLOG", "SIGNAL", "RESIGNAL", "GET", "RESTART", "BACKUP", "STATUS");

    private StatementAnalysis() {
    }

    static SqlStatement analyze(String sql) {
        SqlTokens tokens = MySqlLexer.tokenize(sql);
        Map<String, String> hints = HintComments.parse(tokens.comments());
        StatementContext ctx = new StatementContext(sql, tokens, hints);
        try {
            return dispatch(ctx);
        } catch (RuntimeException | StackOverflowError e) {
            // A bug or a pathological statement must cost this statement's analysis, nothing more.
            return unparsed(ctx, leadingKind(tokens), "statement could not be analyzed: " + e);
        }
    }

    private static SqlStatement dispatch(StatementContext ctx) {
        SqlTokens t = ctx.tokens;
        if (t.size() == 0 || (t.size() == 1 && t.isSymbol(0, ';'))) {
            return unparsed(ctx, StatementKind.OTHER, "empty statement");
        }
        int first = 0;
        while (t.isSymbol(first, '(')) {
            first++;
        }
        String keyword = t.upperWord(first);
        if (first > 0 && !keyword.equals("SELECT") && !keyword.equals("WITH")) {
            return unknown(ctx);
        }
        if (keyword.equals("WITH") && first == 0) {
            String main = t.upperWord(afterCommonTableExpressions(t));
            if (!main.equals("SELECT") && !main.isEmpty() && !t.isSymbol(afterCommonTableExpressions(t), '(')) {
                // WITH … UPDATE / DELETE (MySQL 8): not analyzable here, but it must keep its kind
                return unparsed(ctx, leadingKind(main), "WITH … " + main + " is not supported by the analyzer");
            }
        }
        switch (keyword) {
            case "SELECT", "WITH", "VALUES", "TABLE":
                return new SelectAnalysis(ctx).analyze();
            case "INSERT", "REPLACE":
                return new InsertAnalysis(ctx).analyze();
            case "UPDATE":
                return new DmlAnalysis(ctx).update();
            case "DELETE":
                return new DmlAnalysis(ctx).delete();
            case "SET":
                return SessionStatements.set(ctx);
            case "USE":
                return SessionStatements.use(ctx);
            case "SHOW":
                return SessionStatements.show(ctx);
            case "DESCRIBE", "DESC", "EXPLAIN":
                return explain(ctx);
            case "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE":
                return SessionStatements.transaction(ctx);
            case "START":
                return t.isWord(1, "TRANSACTION") ? SessionStatements.transaction(ctx)
                        : other(ctx, StatementKind.OTHER, true, null);
            case "XA":
                return other(ctx, StatementKind.XA, true, null);
            case "KILL":
                return SessionStatements.kill(ctx);
            case "CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME":
                return new DdlAnalysis(ctx).analyze();
            case "RELOAD":
                return t.isWord(1, "SHARDGATE") ? SessionStatements.admin(ctx)
                        : other(ctx, StatementKind.OTHER, true, null);
            default:
                if (OTHER_KEYWORDS.contains(keyword)) {
                    return other(ctx, StatementKind.OTHER, true, null);
                }
                return unknown(ctx);
        }
    }

    /** EXPLAIN ROUTE, DESCRIBE table, or EXPLAIN / DESCRIBE of a statement. */
    private static SqlStatement explain(StatementContext ctx) {
        SqlTokens t = ctx.tokens;
        if (t.isWord(0, "EXPLAIN") && t.isWord(1, "ROUTE") && t.size() > 2) {
            return SessionStatements.explainRoute(ctx);
        }
        int i = 1;
        if (t.isIdentifier(i) && !t.isAnyWord(i, "SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "WITH", "TABLE",
                "VALUES", "FORMAT", "EXTENDED", "PARTITIONS", "ANALYZE", "FOR")) {
            return SessionStatements.describeTable(ctx);
        }
        while (true) {
            if (t.isWord(i, "FORMAT") && t.isSymbol(i + 1, '=')) {
                i += 3;
            } else if (t.isAnyWord(i, "EXTENDED", "PARTITIONS", "ANALYZE")) {
                i++;
            } else {
                break;
            }
        }
        if (i >= t.size() || t.isWord(i, "FOR")) { // EXPLAIN FOR CONNECTION n
            return other(ctx, StatementKind.EXPLAIN, true, null);
        }
        int offset = t.start(i);
        SqlStatement inner = analyze(ctx.sql.substring(offset));
        List<TableRef> tables = new ArrayList<>();
        for (TableRef r : inner.tables()) {
            tables.add(new TableRef(r.name(), r.schema(), r.alias(), r.start() + offset, r.end() + offset,
                    r.inSubquery()));
        }
        boolean parsed = !(inner instanceof OtherStatement o && !o.parsed());
        String error = inner instanceof OtherStatement o ? o.parseError() : null;
        return new OtherStatement(ctx.sql, StatementKind.EXPLAIN, List.copyOf(tables), inner.parameterCount(),
                ctx.hints, parsed, error, inner, inner.tokens().shift(offset));
    }

    /** A statement with an unknown leading keyword: Calcite's verdict as the error. */
    private static SqlStatement unknown(StatementContext ctx) {
        CalciteTextWriter w = new CalciteTextWriter(ctx.tokens);
        w.emit(0, ctx.tokens.size());
        CalciteParsing.Result result = CalciteParsing.parse(w.build(), ctx.sql, ctx.tokens);
        String keyword = ctx.tokens.text(0);
        String error = "unknown statement '" + keyword + "'" + (result.ok() ? "" : ": " + result.error());
        return unparsed(ctx, StatementKind.OTHER, error);
    }

    /** A statement whose structure could not be analyzed; tables from scanning tokens. */
    static OtherStatement unparsed(StatementContext ctx, StatementKind kind, String error) {
        return other(ctx, kind, false, error);
    }

    static OtherStatement other(StatementContext failed, StatementKind kind, boolean parsed, String error) {
        // start afresh: a failed analysis may have recorded part of the statement
        StatementContext ctx = new StatementContext(failed.sql, failed.tokens, failed.hints);
        TableScanner.scan(ctx, 0, ctx.tokens.size());
        return new OtherStatement(ctx.sql, kind, ctx.tables(), ctx.tokens.parameterCount(), ctx.hints, parsed,
                error, null, ctx.finishTokens());
    }

    /** Index of the statement keyword after {@code WITH [RECURSIVE] name [(cols)] AS (…) [, …]}. */
    private static int afterCommonTableExpressions(SqlTokens t) {
        int i = t.isWord(1, "RECURSIVE") ? 2 : 1;
        while (t.isIdentifier(i)) {
            i++;
            if (t.isSymbol(i, '(')) {
                i = t.matchingParen(i) + 1;
            }
            if (!t.isWord(i, "AS") || !t.isSymbol(i + 1, '(')) {
                return i;
            }
            i = t.matchingParen(i + 1) + 1;
            if (!t.isSymbol(i, ',')) {
                return i;
            }
            i++;
        }
        return i;
    }

    private static StatementKind leadingKind(SqlTokens t) {
        int first = 0;
        while (t.isSymbol(first, '(')) {
            first++;
        }
        if (t.isWord(first, "WITH") && first == 0) {
            StatementKind main = leadingKind(t.upperWord(afterCommonTableExpressions(t)));
            return main == StatementKind.OTHER ? StatementKind.SELECT : main;
        }
        return leadingKind(t.upperWord(first));
    }

    private static StatementKind leadingKind(String keyword) {
        return switch (keyword) {
            case "SELECT", "WITH", "VALUES", "TABLE" -> StatementKind.SELECT;
            case "INSERT" -> StatementKind.INSERT;
            case "REPLACE" -> StatementKind.REPLACE;
            case "UPDATE" -> StatementKind.UPDATE;
            case "DELETE" -> StatementKind.DELETE;
            case "CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME" -> StatementKind.DDL;
            case "SET" -> StatementKind.SET;
            case "USE" -> StatementKind.USE;
            case "SHOW" -> StatementKind.SHOW;
            case "BEGIN", "START" -> StatementKind.BEGIN;
            case "COMMIT" -> StatementKind.COMMIT;
            case "ROLLBACK" -> StatementKind.ROLLBACK;
            case "SAVEPOINT", "RELEASE" -> StatementKind.SAVEPOINT;
            case "XA" -> StatementKind.XA;
            case "EXPLAIN", "DESCRIBE", "DESC" -> StatementKind.EXPLAIN;
            case "KILL" -> StatementKind.KILL;
            default -> StatementKind.OTHER;
        };
    }
}
