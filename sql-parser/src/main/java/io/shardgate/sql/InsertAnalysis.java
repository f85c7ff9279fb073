package io.shardgate.sql;

import io.shardgate.sql.lex.SqlTokens;
import io.shardgate.sql.lex.TokenType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * INSERT and REPLACE. The statement's structure (target, column list, VALUES rows and their
 * positions, SET form, ON DUPLICATE KEY UPDATE) is read from tokens, because the rewriter needs
 * row positions and Calcite knows neither REPLACE, IGNORE, SET form nor ON DUPLICATE KEY UPDATE;
 * Calcite then parses the statement without those MySQL parts, which checks it and finds the
 * tables of INSERT … SELECT and of subqueries. A VALUES or SET insert without subqueries is not
 * handed to Calcite at all: the token reading is already complete (values that are not a plain
 * literal or marker are expressions either way), it accepts MySQL-only expressions, and it stays
 * linear for bulk inserts.
 */
final class InsertAnalysis {

    private final StatementContext ctx;
    private final SqlTokens t;

    private StatementKind kind;
    private int tableFirst;
    private int tableLast;
    private final List<String> columns = new ArrayList<>();
    private final List<List<SqlValue>> rows = new ArrayList<>();
    private final List<int[]> rowTokens = new ArrayList<>();
    private int valuesKeyword = -1;
    /** INSERT … SET: each assignment as {columnToken, valueFirst, valueLast}. */
    private final List<int[]> setAssignments = new ArrayList<>();
    private int setKeyword = -1;
    private int selectFirst = -1;
    private int sourceEnd;
    private final List<String> onDuplicate = new ArrayList<>();
    private int onDuplicateFirst = -1;

    InsertAnalysis(StatementContext ctx) {
        this.ctx = ctx;
        this.t = ctx.tokens;
    }

    SqlStatement analyze() {
        kind = t.isWord(0, "REPLACE") ? StatementKind.REPLACE : StatementKind.INSERT;
        String error = readStructure();
        if (error != null) {
            return StatementAnalysis.unparsed(ctx, kind, error);
        }
        if (selectFirst < 0 && !containsSubquery()) {
            // VALUES or SET without subqueries: the token reading is complete and exact, and
            // Calcite would only re-parse every row (seconds for a bulk insert of 20,000 rows).
            return build();
        }
        CalciteTextWriter writer = new CalciteTextWriter(t);
        MySqlOnlySyntax.adapt(t, writer, 0, sourceEnd);
        CalciteText text = write(writer);
        CalciteParsing.Result parsed = CalciteParsing.parse(text, ctx.sql, t);
        if (!parsed.ok() || !(parsed.node() instanceof SqlInsert insert)) {
            return StatementAnalysis.unparsed(ctx, kind, parsed.ok() ? "not an INSERT" : parsed.error());
        }
        QueryAnalyzer analyzer = new QueryAnalyzer(ctx, text);
        SqlNode source = insert.getSource();
        if (selectFirst >= 0) {
            analyzer.query(source, null, false);
        } else if (source instanceof SqlCall values && source.getKind() == SqlKind.VALUES) {
            for (SqlNode row : values.getOperandList()) {
                analyzer.expressions(row, null, true);
            }
        }
        return build();
    }

    private SqlStatement build() {
        ctx.addTable(ctx.tableRef(tableFirst, tableLast, null, false));
        if (onDuplicateFirst >= 0) {
            TableScanner.scan(ctx, onDuplicateFirst, t.size());
        }
        RewriteTokens.Builder r = ctx.rewrite;
        r.rowStarts = new int[rowTokens.size()];
        r.rowEnds = new int[rowTokens.size()];
        for (int k = 0; k < rowTokens.size(); k++) {
            r.rowStarts[k] = t.start(rowTokens.get(k)[0]);
            r.rowEnds[k] = t.end(rowTokens.get(k)[1]);
        }
        if (!setAssignments.isEmpty()) {
            r.setListEnd = t.end(setAssignments.get(setAssignments.size() - 1)[2]);
        }
        List<List<SqlValue>> frozenRows = new ArrayList<>(rows.size());
        for (List<SqlValue> row : rows) {
            frozenRows.add(Collections.unmodifiableList(row));
        }
        return new InsertStatement(ctx.sql, kind, ctx.tables(), t.parameterCount(), ctx.hints,
                StatementContext.lower(t.identifier(tableLast)), List.copyOf(columns),
                Collections.unmodifiableList(frozenRows), selectFirst >= 0, List.copyOf(onDuplicate),
                ctx.finishTokens());
    }

    private boolean containsSubquery() {
        for (int i = 0; i < sourceEnd; i++) {
            if (t.isWord(i, "SELECT")) {
                return true;
            }
        }
        return false;
    }

    /** Reads the statement from tokens; returns an error message, or null when it was understood. */
    private String readStructure() {
        int last = t.size() - 1;
        while (last >= 0 && t.isSymbol(last, ';')) {
            last--;
        }
        int i = 1;
        while (t.isAnyWord(i, "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE")) {
            i++;
        }
        if (t.isWord(i, "INTO")) {
            i++;
        }
        if (!t.isIdentifier(i) || (t.type(i) == TokenType.WORD && MySqlKeywords.isReserved(t.upperWord(i)))) {
            return "expected a table name after " + t.upperWord(0) + " at '" + t.text(i) + "'";
        }
        tableFirst = i;
        tableLast = ctx.dottedNameEnd(i);
        i = tableLast + 1;
        if (t.isWord(i, "PARTITION") && t.isSymbol(i + 1, '(')) {
            i = t.matchingParen(i + 1) + 1;
        }
        if (t.isSymbol(i, '(') && !t.isAnyWord(i + 1, "SELECT", "WITH") && !t.isSymbol(i + 1, '(')) {
            int close = t.matchingParen(i);
            for (int k = i + 1; k < close; k++) {
                if (t.isIdentifier(k) && !t.isSymbol(k + 1, '.')) {
                    columns.add(t.identifier(k).toLowerCase(Locale.ROOT));
                }
            }
            ctx.rewrite.columnListClose = t.start(close);
            i = close + 1;
        }
        if (t.isAnyWord(i, "VALUES", "VALUE")) {
            valuesKeyword = i;
            i = readRows(i + 1, last);
            if (i < 0) {
                return "malformed VALUES list";
            }
        } else if (t.isWord(i, "SET")) {
            setKeyword = i;
            i = readSet(i + 1, last);
            if (i < 0) {
                return "malformed SET list: expected column = value, …";
            }
        } else if (t.isAnyWord(i, "SELECT", "WITH", "TABLE") || t.isSymbol(i, '(')) {
            selectFirst = i;
            int depth = 0;
            while (i <= last) {
                if (t.isSymbol(i, '(')) {
                    depth++;
                } else if (t.isSymbol(i, ')')) {
                    depth--;
                } else if (depth == 0 && t.isWord(i, "ON") && t.isWord(i + 1, "DUPLICATE")) {
                    break;
                }
                i++;
            }
        } else {
            return "expected VALUES, SET or SELECT at '" + t.text(i) + "'";
        }
        sourceEnd = i;
        if (t.isWord(i, "AS") && t.isIdentifier(i + 1)) { // row alias (MySQL 8.0.19+)
            i += 2;
            if (t.isSymbol(i, '(')) {
                i = t.matchingParen(i) + 1;
            }
        }
        if (t.isWord(i, "ON") && t.isWord(i + 1, "DUPLICATE") && t.isWord(i + 2, "KEY") && t.isWord(i + 3, "UPDATE")) {
            onDuplicateFirst = i;
            int k = i + 4;
            int depth = 0;
            boolean expectColumn = true;
            for (; k <= last; k++) {
                if (t.isSymbol(k, '(')) {
                    depth++;
                } else if (t.isSymbol(k, ')')) {
                    depth--;
                } else if (depth == 0 && t.isSymbol(k, ',')) {
                    expectColumn = true;
                } else if (expectColumn && t.isIdentifier(k)) {
                    int end = ctx.dottedNameEnd(k);
                    onDuplicate.add(t.identifier(end).toLowerCase(Locale.ROOT));
                    expectColumn = false;
                    k = end;
                }
            }
            i = last + 1;
        }
        if (i <= last) {
            return "unexpected '" + t.text(i) + "' after the inserted rows";
        }
        return null;
    }

    /** VALUES (…), (…) or VALUES ROW(…), …; returns the index after the list, or -1. */
    private int readRows(int i, int last) {
        while (i <= last) {
            int start = i;
            if (t.isWord(i, "ROW")) {
                i++;
            }
            if (!t.isSymbol(i, '(')) {
                return -1;
            }
            int close = t.matchingParen(i);
            if (close > last) {
                return -1;
            }
            List<SqlValue> row = new ArrayList<>();
            int depth = 0;
            int valueStart = i + 1;
            for (int k = i + 1; k <= close; k++) {
                if (t.isSymbol(k, '(')) {
                    depth++;
                } else if (t.isSymbol(k, ')') && k < close) {
                    depth--;
                } else if (k == close || (depth == 0 && t.isSymbol(k, ','))) {
                    if (k > valueStart || k < close) {
                        row.add(TokenValues.value(t, valueStart, k - 1));
                    }
                    valueStart = k + 1;
                }
            }
            rows.add(row);
            rowTokens.add(new int[] {start, close});
            i = close + 1;
            if (!t.isSymbol(i, ',')) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** SET a = 1, b = ?: one row; returns the index after the list, or -1. */
    private int readSet(int i, int last) {
        List<SqlValue> row = new ArrayList<>();
        while (i <= last) {
            if (!t.isIdentifier(i)) {
                return -1;
            }
            int nameEnd = ctx.dottedNameEnd(i);
            if (!t.isSymbol(nameEnd + 1, '=')) {
                return -1;
            }
            int valueFirst = nameEnd + 2;
            int depth = 0;
            int k = valueFirst;
            for (; k <= last; k++) {
                if (t.isSymbol(k, '(')) {
                    depth++;
                } else if (t.isSymbol(k, ')')) {
                    depth--;
                } else if (depth == 0 && (t.isSymbol(k, ',') || (t.isWord(k, "ON") && t.isWord(k + 1, "DUPLICATE"))
                        || (t.isWord(k, "AS") && t.isIdentifier(k + 1)))) {
                    break;
                }
            }
            if (k == valueFirst) {
                return -1;
            }
            columns.add(t.identifier(nameEnd).toLowerCase(Locale.ROOT));
            row.add(TokenValues.value(t, valueFirst, k - 1));
            setAssignments.add(new int[] {nameEnd, valueFirst, k - 1});
            i = k;
            if (!t.isSymbol(i, ',')) {
                break;
            }
            i++;
        }
        if (row.isEmpty()) {
            return -1;
        }
        rows.add(row);
        return i;
    }

    /** The Calcite form: INSERT INTO t [(cols)] VALUES … | SELECT …, without the MySQL-only parts. */
    private CalciteText write(CalciteTextWriter w) {
        w.replace(0, "INSERT INTO");
        for (int i = 1; i < tableFirst; i++) {
            w.skip(i); // modifiers and INTO (re-written above)
        }
        for (int i = tableLast + 1; i < sourceEnd; i++) {
            if (t.isWord(i, "PARTITION") && t.isSymbol(i + 1, '(') && i == tableLast + 1) {
                w.skip(i, t.matchingParen(i + 1) + 1);
            }
        }
        if (valuesKeyword >= 0) {
            w.replace(valuesKeyword, "VALUES");
        }
        if (setKeyword >= 0) {
            w.emit(0, setKeyword);
            StringBuilder cols = new StringBuilder("(");
            for (int k = 0; k < setAssignments.size(); k++) {
                cols.append(k == 0 ? "" : ", ").append('`').append(columns.get(k).replace("`", "``")).append('`');
            }
            w.synthetic(cols.append(") VALUES (").toString());
            for (int k = 0; k < setAssignments.size(); k++) {
                if (k > 0) {
                    w.synthetic(",");
                }
                int[] a = setAssignments.get(k);
                w.emit(a[1], a[2] + 1);
            }
            w.synthetic(")");
        } else {
            w.emit(0, sourceEnd);
        }
        return w.build();
    }
}
