package io.shardgate.sql;

import io.shardgate.sql.lex.SqlTokens;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

import java.util.ArrayList;
import java.util.List;

/**
 * UPDATE and DELETE, single- and multi-table. Calcite's own UPDATE/DELETE grammar knows neither
 * MySQL's multi-table forms nor ORDER BY / LIMIT on them, so the statement is handed to Calcite as
 * the SELECT that reads the same rows ({@code UPDATE t … SET a = v WHERE c ORDER BY o LIMIT n} is
 * parsed as {@code SELECT v FROM t … WHERE c ORDER BY o LIMIT n}): one code path gives tables,
 * joins, the WHERE predicate and the assigned values, for every form.
 */
final class DmlAnalysis {

    private static final String[] CLAUSE_AFTER_TABLES = {"WHERE", "ORDER", "LIMIT"};

    private final StatementContext ctx;
    private final SqlTokens t;
    private int last;

    DmlAnalysis(StatementContext ctx) {
        this.ctx = ctx;
        this.t = ctx.tokens;
        this.last = t.size() - 1;
        while (last >= 0 && t.isSymbol(last, ';')) {
            last--;
        }
    }

    SqlStatement update() {
        int i = 1;
        while (t.isAnyWord(i, "LOW_PRIORITY", "IGNORE")) {
            i++;
        }
        int refsFirst = i;
        int set = topLevel(refsFirst, "SET");
        if (set < 0 || set == refsFirst) {
            return StatementAnalysis.unparsed(ctx, StatementKind.UPDATE, "UPDATE expects <tables> SET column = value");
        }
        // assignments: {firstColumnToken, lastColumnToken, valueFirst, valueLast}
        List<int[]> assignments = new ArrayList<>();
        int k = set + 1;
        int rest = last + 1;
        while (k <= last) {
            int nameEnd = ctx.dottedNameEnd(k);
            if (!t.isIdentifier(k) || !t.isSymbol(nameEnd + 1, '=')) {
                return StatementAnalysis.unparsed(ctx, StatementKind.UPDATE,
                        "expected column = value in UPDATE at '" + t.text(k) + "'");
            }
            int valueFirst = nameEnd + 2;
            int depth = 0;
            int j = valueFirst;
            for (; j <= last; j++) {
                if (t.isSymbol(j, '(')) {
                    depth++;
                } else if (t.isSymbol(j, ')')) {
                    depth--;
                } else if (depth == 0 && (t.isSymbol(j, ',') || t.isAnyWord(j, CLAUSE_AFTER_TABLES))) {
                    break;
                }
            }
            if (j == valueFirst) {
                return StatementAnalysis.unparsed(ctx, StatementKind.UPDATE, "missing value in UPDATE … SET");
            }
            assignments.add(new int[] {k, nameEnd, valueFirst, j - 1});
            if (!t.isSymbol(j, ',')) {
                rest = j;
                break;
            }
            k = j + 1;
        }
        CalciteTextWriter w = new CalciteTextWriter(t);
        MySqlOnlySyntax.adapt(t, w, 0, t.size());
        w.synthetic("SELECT");
        for (int a = 0; a < assignments.size(); a++) {
            int[] as = assignments.get(a);
            if (a > 0) {
                w.synthetic(",");
            }
            if (as[2] == as[3] && t.isWord(as[2], "DEFAULT")) {
                w.synthetic("NULL");
            } else {
                w.emit(as[2], as[3] + 1);
            }
        }
        w.synthetic("FROM").emit(refsFirst, set).emit(rest, t.size());
        Parsed parsed = parse(w, StatementKind.UPDATE);
        if (parsed.failure != null) {
            return parsed.failure;
        }
        SqlNodeList values = parsed.select.getSelectList();
        List<UpdateStatement.Assignment> result = new ArrayList<>();
        for (int a = 0; a < assignments.size(); a++) {
            int[] as = assignments.get(a);
            String column = StatementContext.lower(t.identifier(as[1]));
            String table;
            if (as[1] > as[0]) {
                table = parsed.info.firstScope.resolve(StatementContext.lower(t.identifier(as[1] - 2)));
            } else {
                table = parsed.info.firstScope.resolveUnqualified();
            }
            if (QueryScope.DERIVED.equals(table)) {
                table = null;
            }
            SqlValue value = as[2] == as[3] && t.isWord(as[2], "DEFAULT") ? null
                    : parsed.analyzer.value(values.get(a));
            result.add(new UpdateStatement.Assignment(new ColumnRef(table, column), value));
        }
        return new UpdateStatement(ctx.sql, ctx.tables(), t.parameterCount(), ctx.hints, List.copyOf(result),
                where(parsed.info), hasLimit(rest), ctx.finishTokens());
    }

    SqlStatement delete() {
        int i = 1;
        while (t.isAnyWord(i, "LOW_PRIORITY", "QUICK", "IGNORE")) {
            i++;
        }
        int targetsFirst = -1;
        int targetsEnd = -1;
        int refsFirst;
        int refsEnd;
        if (t.isWord(i, "FROM")) {
            int using = topLevel(i + 1, "USING");
            if (using >= 0) { // DELETE FROM t1, t2 USING <tables> …
                targetsFirst = i + 1;
                targetsEnd = using;
                refsFirst = using + 1;
            } else {
                refsFirst = i + 1;
            }
        } else { // DELETE t1, t2 FROM <tables> …
            int from = topLevel(i, "FROM");
            if (from < 0) {
                return StatementAnalysis.unparsed(ctx, StatementKind.DELETE, "DELETE expects FROM <table>");
            }
            targetsFirst = i;
            targetsEnd = from;
            refsFirst = from + 1;
        }
        refsEnd = refsFirst;
        int depth = 0;
        while (refsEnd <= last) {
            if (t.isSymbol(refsEnd, '(')) {
                depth++;
            } else if (t.isSymbol(refsEnd, ')')) {
                depth--;
            } else if (depth == 0 && t.isAnyWord(refsEnd, CLAUSE_AFTER_TABLES)) {
                break;
            }
            refsEnd++;
        }
        if (refsEnd == refsFirst) {
            return StatementAnalysis.unparsed(ctx, StatementKind.DELETE, "DELETE expects a table name");
        }
        CalciteTextWriter w = new CalciteTextWriter(t);
        MySqlOnlySyntax.adapt(t, w, 0, t.size());
        w.synthetic("SELECT 1 FROM").emit(refsFirst, refsEnd).emit(refsEnd, t.size());
        Parsed parsed = parse(w, StatementKind.DELETE);
        if (parsed.failure != null) {
            return parsed.failure;
        }
        if (targetsFirst >= 0) {
            // Multi-table targets name tables or aliases of the table list; table names get renamed.
            for (int k = targetsFirst; k < targetsEnd; k++) {
                if (t.isIdentifier(k) && !t.isSymbol(k - 1, '.')) {
                    int end = ctx.dottedNameEnd(k);
                    String name = StatementContext.lower(t.identifier(end));
                    if (!ctx.aliases.contains(name) || end > k) {
                        ctx.addTable(ctx.tableRef(k, end, null, false));
                    }
                    k = end;
                }
            }
        }
        return new DeleteStatement(ctx.sql, ctx.tables(), t.parameterCount(), ctx.hints, where(parsed.info),
                hasLimit(refsEnd), ctx.finishTokens());
    }

    private record Parsed(QueryAnalyzer analyzer, QueryAnalyzer.QueryInfo info, SqlSelect select,
                          SqlStatement failure) {
    }

    private Parsed parse(CalciteTextWriter w, StatementKind kind) {
        CalciteText text = w.build();
        CalciteParsing.Result result = CalciteParsing.parse(text, ctx.sql, t);
        SqlNode node = result.node();
        if (node instanceof SqlOrderBy orderBy) {
            node = orderBy.query;
        }
        if (!(node instanceof SqlSelect select)) {
            return new Parsed(null, null, null, StatementAnalysis.unparsed(ctx, kind,
                    result.ok() ? "could not read the statement's tables" : result.error()));
        }
        QueryAnalyzer analyzer = new QueryAnalyzer(ctx, text);
        QueryAnalyzer.QueryInfo info = analyzer.query(result.node(), null, false);
        return new Parsed(analyzer, info, select, null);
    }

    private static Predicate where(QueryAnalyzer.QueryInfo info) {
        return info.where == null ? Predicate.OPAQUE : info.where;
    }

    /** First token equal to {@code word} at nesting depth 0 from {@code from}; -1 if none. */
    private int topLevel(int from, String word) {
        int depth = 0;
        for (int i = from; i <= last; i++) {
            if (t.isSymbol(i, '(')) {
                depth++;
            } else if (t.isSymbol(i, ')')) {
                depth--;
            } else if (depth == 0 && t.isWord(i, word)) {
                return i;
            }
        }
        return -1;
    }

    private boolean hasLimit(int from) {
        return topLevel(from, "LIMIT") >= 0;
    }
}
