package io.shardgate.sql;

import io.shardgate.sql.lex.SqlTokens;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SELECT statements: the Calcite parse, then the shape a multi-shard merge needs (select items,
 * aggregates, the derived columns to append, GROUP BY / ORDER BY as output column indexes,
 * LIMIT) and the rewrite positions (LIMIT clause, end of the select list).
 */
final class SelectAnalysis {

    private static final Set<String> MERGEABLE = Set.of("COUNT", "SUM", "MIN", "MAX", "AVG", "GROUP_CONCAT");
    private static final Set<String> OTHER_AGGREGATES = Set.of("STD", "STDDEV", "STDDEV_POP", "STDDEV_SAMP",
            "VARIANCE", "VAR_POP", "VAR_SAMP", "BIT_AND", "BIT_OR", "BIT_XOR", "JSON_ARRAYAGG", "JSON_OBJECTAGG",
            "APPROX_COUNT_DISTINCT", "LISTAGG", "STRING_AGG", "ARRAY_AGG");
    private static final String[] SELECT_LIST_END = {"FROM", "INTO", "WHERE", "GROUP", "HAVING", "WINDOW",
            "ORDER", "LIMIT", "UNION", "EXCEPT", "INTERSECT", "FOR", "LOCK", "MINUS"};
    private static final String[] SELECT_PREFIX = {"DISTINCT", "ALL", "DISTINCTROW", "HIGH_PRIORITY",
            "STRAIGHT_JOIN", "SQL_SMALL_RESULT", "SQL_BIG_RESULT", "SQL_BUFFER_RESULT", "SQL_NO_CACHE", "SQL_CACHE",
            "SQL_CALC_FOUND_ROWS"};

    private final StatementContext ctx;
    private final SqlTokens t;

    SelectAnalysis(StatementContext ctx) {
        this.ctx = ctx;
        this.t = ctx.tokens;
    }

    SqlStatement analyze() {
        CalciteTextWriter writer = new CalciteTextWriter(t);
        MySqlOnlySyntax.Found found = MySqlOnlySyntax.adapt(t, writer, 0, t.size());
        SelectStatement.LockMode lock = found.lock();
        ctx.rewrite.rollup = found.rollup();
        writer.emit(0, t.size());
        CalciteText text = writer.build();
        CalciteParsing.Result parsed = CalciteParsing.parse(text, ctx.sql, t);
        if (!parsed.ok()) {
            return StatementAnalysis.unparsed(ctx, StatementKind.SELECT, parsed.error());
        }
        SqlNode root = parsed.node();
        if (!root.getKind().belongsTo(SqlKind.QUERY)) {
            return StatementAnalysis.unparsed(ctx, StatementKind.SELECT,
                    "not a query: " + root.getKind().lowerName);
        }
        QueryAnalyzer analyzer = new QueryAnalyzer(ctx, text);
        QueryAnalyzer.QueryInfo info = analyzer.query(root, null, false);

        // ORDER BY / LIMIT of the whole statement
        SqlNode top = root instanceof SqlWith with ? with.body : root;
        SqlNodeList orderList = null;
        SqlNode offset = null;
        SqlNode fetch = null;
        if (top instanceof SqlOrderBy orderBy) {
            orderList = orderBy.orderList;
            offset = orderBy.offset;
            fetch = orderBy.fetch;
        } else if (top instanceof SqlSelect select) {
            orderList = select.getOrderList();
            offset = select.getOffset();
            fetch = select.getFetch();
        }
        SelectStatement.Limit limit = null;
        if (fetch != null) {
            limit = new SelectStatement.Limit(offset == null ? null : analyzer.value(offset), analyzer.value(fetch));
            findLimitClause();
        }

        Shape shape = new Shape(analyzer, info, text);
        shape.items();
        if (info.first != null && !info.union) {
            shape.groupBy(info.first.getGroup());
        }
        shape.orderBy(orderList, !info.union && info.first != null);
        if (info.first != null && !info.union && info.first.getHaving() != null && !found.rollup()) {
            ctx.rewrite.having = shape.having(info.first.getHaving());
            findHavingClause();
        }
        shape.averages(!info.union);

        boolean distinct = info.first != null && info.first.isDistinct();
        // WITH ROLLUP, like HAVING, needs complete groups: report it as having (see SelectStatement#rollup)
        boolean having = info.first != null && info.first.getHaving() != null || found.rollup();
        Predicate where = info.where == null ? Predicate.OPAQUE : info.where;
        return new SelectStatement(ctx.sql, ctx.tables(), t.parameterCount(), ctx.hints, where,
                List.copyOf(shape.items), List.copyOf(shape.derivedText), distinct, List.copyOf(shape.groupKeys),
                List.copyOf(shape.orderKeys), limit, having, lock, ctx.subquery, info.union, ctx.finishTokens());
    }

    /**
     * The outermost HAVING clause: from its keyword to the token before the next clause at nesting
     * depth 0 (ORDER BY, LIMIT, FOR, LOCK, WINDOW) or the end.
     */
    private void findHavingClause() {
        int depth = 0;
        int start = -1;
        int last = -1;
        for (int i = 0; i < t.size(); i++) {
            if (t.isSymbol(i, '(')) {
                depth++;
            } else if (t.isSymbol(i, ')')) {
                depth--;
            }
            if (depth == 0 && start < 0 && t.isWord(i, "HAVING")) {
                start = i;
            } else if (start >= 0 && depth == 0 && (t.isWord(i, "ORDER") || t.isWord(i, "LIMIT")
                    || t.isWord(i, "FOR") || t.isWord(i, "LOCK") || t.isWord(i, "WINDOW") || t.isSymbol(i, ';'))) {
                break;
            }
            if (start >= 0) {
                last = i;
            }
        }
        if (start < 0) {
            ctx.rewrite.having = null;
            return;
        }
        ctx.rewrite.havingStart = t.start(start);
        ctx.rewrite.havingEnd = t.end(last);
    }

    /** The outermost LIMIT clause: its keyword and values at nesting depth 0. */
    private void findLimitClause() {
        int depth = 0;
        int limitToken = -1;
        for (int i = 0; i < t.size(); i++) {
            if (t.isSymbol(i, '(')) {
                depth++;
            } else if (t.isSymbol(i, ')')) {
                depth--;
            } else if (depth == 0 && t.isWord(i, "LIMIT")) {
                limitToken = i;
            }
        }
        if (limitToken < 0) {
            return;
        }
        int last = limitToken + 1;
        if (t.isSymbol(last + 1, ',') || t.isWord(last + 1, "OFFSET")) {
            last += 2;
        }
        ctx.rewrite.limitStart = t.start(limitToken);
        ctx.rewrite.limitEnd = t.end(last);
    }

    /** Builds items, derived columns and sort keys of the first query block. */
    private final class Shape {
        final QueryAnalyzer analyzer;
        final QueryAnalyzer.QueryInfo info;
        final CalciteText text;
        final List<SelectStatement.SelectItem> items = new ArrayList<>();
        final List<SqlNode> itemExpressions = new ArrayList<>();
        final List<String> derivedText = new ArrayList<>();
        /** Normalized expression text of each output column (items, then derived), for matching. */
        final List<String> outputKeys = new ArrayList<>();
        final List<SelectStatement.SortKey> groupKeys = new ArrayList<>();
        final List<SelectStatement.SortKey> orderKeys = new ArrayList<>();
        boolean star;

        Shape(QueryAnalyzer analyzer, QueryAnalyzer.QueryInfo info, CalciteText text) {
            this.analyzer = analyzer;
            this.info = info;
            this.text = text;
        }

        void items() {
            if (info.first == null) {
                return;
            }
            SqlNodeList list = info.first.getSelectList();
            List<int[]> pieces = splitSelectList(info.first);
            boolean useTokens = pieces != null && pieces.size() == list.size();
            for (int i = 0; i < list.size(); i++) {
                SqlNode node = list.get(i);
                SqlNode expr = node;
                String alias = null;
                if (node.getKind() == SqlKind.AS && node instanceof SqlCall as) {
                    expr = as.operand(0);
                    alias = ((SqlIdentifier) as.operand(1)).getSimple();
                }
                String itemText;
                if (useTokens) {
                    int[] piece = pieces.get(i);
                    int last = piece[1];
                    if (alias != null && last > piece[0]) {
                        last--; // the alias
                        if (t.isWord(last, "AS") && last > piece[0]) {
                            last--;
                        }
                    }
                    itemText = ctx.sql.substring(t.start(piece[0]), t.end(last));
                } else {
                    itemText = textOf(expr);
                }
                boolean isStar = expr instanceof SqlIdentifier id && id.isStar();
                star |= isStar;
                SelectStatement.Aggregate aggregate = aggregate(expr);
                boolean distinctArgument = aggregate != SelectStatement.Aggregate.NONE
                        && expr instanceof SqlBasicCall call && call.getFunctionQuantifier() != null
                        && "DISTINCT".equalsIgnoreCase(call.getFunctionQuantifier().toValue());
                items.add(new SelectStatement.SelectItem(itemText, alias, aggregate, distinctArgument, isStar, -1, -1));
                itemExpressions.add(expr);
                outputKeys.add(normalize(itemText));
            }
        }

        void groupBy(SqlNodeList group) {
            if (group == null) {
                return;
            }
            for (int i = 0; i < group.size(); i++) {
                int column = columnFor(group.get(i), "__sg_g" + i, true);
                if (column >= 0) {
                    groupKeys.add(new SelectStatement.SortKey(column, false));
                }
            }
        }

        void orderBy(SqlNodeList order, boolean mayDerive) {
            if (order == null) {
                return;
            }
            for (int i = 0; i < order.size(); i++) {
                SqlNode key = order.get(i);
                boolean descending = false;
                while (key.getKind() == SqlKind.DESCENDING || key.getKind() == SqlKind.NULLS_FIRST
                        || key.getKind() == SqlKind.NULLS_LAST) {
                    descending |= key.getKind() == SqlKind.DESCENDING;
                    key = ((SqlCall) key).operand(0);
                }
                int column = columnFor(key, "__sg_o" + i, mayDerive);
                if (column >= 0) {
                    orderKeys.add(new SelectStatement.SortKey(column, descending));
                }
            }
        }

        /**
         * The HAVING condition over output columns, deriving the aggregates it needs; null when
         * some part of it cannot be evaluated after a merge (functions of aggregates, IN, …).
         */
        HavingCondition having(SqlNode node) {
            int[] derivedCount = {0};
            return havingTerm(node, derivedCount);
        }

        private HavingCondition havingTerm(SqlNode node, int[] derivedCount) {
            if (!(node instanceof SqlBasicCall call)) {
                return null;
            }
            SqlKind kind = call.getKind();
            if (kind == SqlKind.AND || kind == SqlKind.OR) {
                List<HavingCondition> terms = new ArrayList<>();
                for (SqlNode operand : call.getOperandList()) {
                    HavingCondition term = havingTerm(operand, derivedCount);
                    if (term == null) {
                        return null;
                    }
                    terms.add(term);
                }
                return kind == SqlKind.AND ? new HavingCondition.And(List.copyOf(terms))
                        : new HavingCondition.Or(List.copyOf(terms));
            }
            if (kind == SqlKind.NOT) {
                HavingCondition term = havingTerm(call.operand(0), derivedCount);
                return term == null ? null : new HavingCondition.Not(term);
            }
            Predicate.CompareOp op = switch (kind) {
                case EQUALS -> Predicate.CompareOp.EQ;
                case NOT_EQUALS -> Predicate.CompareOp.NE;
                case LESS_THAN -> Predicate.CompareOp.LT;
                case LESS_THAN_OR_EQUAL -> Predicate.CompareOp.LE;
                case GREATER_THAN -> Predicate.CompareOp.GT;
                case GREATER_THAN_OR_EQUAL -> Predicate.CompareOp.GE;
                default -> null;
            };
            if (op == null || call.operandCount() != 2) {
                return null;
            }
            HavingCondition.Operand left = havingOperand(call.operand(0), derivedCount);
            HavingCondition.Operand right = havingOperand(call.operand(1), derivedCount);
            return left == null || right == null ? null : new HavingCondition.Compare(left, op, right);
        }

        private HavingCondition.Operand havingOperand(SqlNode node, int[] derivedCount) {
            SqlValue value = analyzer.value(node);
            if (value != null) {
                return new HavingCondition.Value(value);
            }
            if (node instanceof SqlNumericLiteral) {
                return null;
            }
            boolean columnOrAggregate = node instanceof SqlIdentifier
                    || aggregate(node) != SelectStatement.Aggregate.NONE;
            if (!columnOrAggregate) {
                return null;
            }
            int column = columnFor(node, "__sg_h" + derivedCount[0]++, true);
            return column < 0 ? null : new HavingCondition.Column(column);
        }

        /** SUM and COUNT behind every AVG, so shards' partial averages can be combined. */
        void averages(boolean mayDerive) {
            if (!mayDerive) {
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                SelectStatement.SelectItem item = items.get(i);
                if (item.aggregate() != SelectStatement.Aggregate.AVG || item.distinctArgument()
                        || !(itemExpressions.get(i) instanceof SqlBasicCall call) || call.operandCount() != 1) {
                    continue;
                }
                int[] range = analyzer.tokenRange(call.operand(0));
                if (range == null) {
                    continue;
                }
                int sum = derive("SUM(", range, ") AS __sg_avg_sum" + i, SelectStatement.Aggregate.SUM);
                int count = derive("COUNT(", range, ") AS __sg_avg_cnt" + i, SelectStatement.Aggregate.COUNT);
                items.set(i, new SelectStatement.SelectItem(item.text(), item.alias(), item.aggregate(),
                        item.distinctArgument(), item.star(), sum, count));
            }
        }

        /** The output column a GROUP BY / ORDER BY key refers to, appending a derived column if needed. */
        private int columnFor(SqlNode key, String derivedAlias, boolean mayDerive) {
            if (key instanceof SqlNumericLiteral number && number.isInteger()) {
                int position = number.intValue(true);
                return position >= 1 && position <= items.size() ? position - 1 : -1;
            }
            if (key instanceof SqlIdentifier id && id.isSimple()) {
                for (int i = 0; i < items.size(); i++) {
                    if (id.getSimple().equalsIgnoreCase(items.get(i).alias())) {
                        return i;
                    }
                }
            }
            int[] range = analyzer.tokenRange(key);
            if (range == null) {
                return -1;
            }
            String keyText = normalize(ctx.sql.substring(t.start(range[0]), t.end(range[1])));
            int same = outputKeys.indexOf(keyText);
            if (same >= 0) {
                return same;
            }
            if (key instanceof SqlIdentifier id && !id.isStar()) {
                ColumnRef keyColumn = analyzer.column(id, info.firstScope);
                for (int i = 0; i < items.size(); i++) {
                    if (itemExpressions.get(i) instanceof SqlIdentifier itemId && !itemId.isStar()
                            && sameColumn(keyColumn, analyzer.column(itemId, info.firstScope))) {
                        return i;
                    }
                }
            }
            if (!mayDerive) {
                return -1;
            }
            return derive("", range, " AS " + derivedAlias, aggregate(key));
        }

        private boolean sameColumn(ColumnRef a, ColumnRef b) {
            if (a == null || b == null || !a.column().equals(b.column())) {
                return false;
            }
            return a.table() == null || b.table() == null || a.table().equals(b.table());
        }

        /** Appends a derived column; returns its output index. */
        private int derive(String prefix, int[] range, String suffix, SelectStatement.Aggregate aggregate) {
            int start = t.start(range[0]);
            int end = t.end(range[1]);
            String expression = ctx.sql.substring(start, end);
            derivedText.add(prefix + expression + suffix);
            outputKeys.add(normalize(prefix + expression + (prefix.isEmpty() ? "" : ")")));
            ctx.rewrite.derived.add(new RewriteTokens.DerivedColumn(prefix, start, end, suffix, aggregate));
            return items.size() + derivedText.size() - 1;
        }

        private String textOf(SqlNode node) {
            int[] range = analyzer.tokenRange(node);
            return range == null ? node.toString() : ctx.sql.substring(t.start(range[0]), t.end(range[1]));
        }

        /**
         * Token ranges [first, last] of the select-list items of a block, split at top-level
         * commas; records where the list ends. Null when the list cannot be found.
         */
        private List<int[]> splitSelectList(SqlSelect select) {
            int i = text.startToken(select);
            while (i >= 0 && i < t.size() && !t.isWord(i, "SELECT")) {
                i++;
            }
            if (i < 0 || i >= t.size()) {
                return null;
            }
            i++;
            while (t.isAnyWord(i, SELECT_PREFIX)) {
                i++;
            }
            List<int[]> pieces = new ArrayList<>();
            int depth = 0;
            int pieceStart = i;
            int j = i;
            for (; j < t.size(); j++) {
                if (t.isSymbol(j, '(')) {
                    depth++;
                } else if (t.isSymbol(j, ')')) {
                    if (--depth < 0) {
                        break;
                    }
                } else if (depth == 0) {
                    if (t.isSymbol(j, ',')) {
                        pieces.add(new int[] {pieceStart, j - 1});
                        pieceStart = j + 1;
                    } else if (t.isSymbol(j, ';') || t.isAnyWord(j, SELECT_LIST_END)) {
                        break;
                    }
                }
            }
            if (j > pieceStart) {
                pieces.add(new int[] {pieceStart, j - 1});
            }
            if (j - 1 >= i) {
                ctx.rewrite.selectListEnd = t.end(j - 1);
            }
            return pieces;
        }
    }

    static SelectStatement.Aggregate aggregate(SqlNode expr) {
        if (expr instanceof SqlBasicCall call) {
            String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
            if (call.getKind() != SqlKind.OVER && MERGEABLE.contains(name)) {
                return SelectStatement.Aggregate.valueOf(name);
            }
        }
        return containsAggregate(expr) ? SelectStatement.Aggregate.OTHER : SelectStatement.Aggregate.NONE;
    }

    private static boolean containsAggregate(SqlNode node) {
        if (node instanceof SqlNodeList list) {
            for (SqlNode n : list) {
                if (containsAggregate(n)) {
                    return true;
                }
            }
            return false;
        }
        if (!(node instanceof SqlCall call) || node.getKind().belongsTo(SqlKind.QUERY)) {
            return false;
        }
        if (call.getKind() == SqlKind.OVER || call.getOperator().isAggregator()) {
            return true;
        }
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        if (MERGEABLE.contains(name) || OTHER_AGGREGATES.contains(name)) {
            return true;
        }
        for (SqlNode operand : call.getOperandList()) {
            if (operand != null && containsAggregate(operand)) {
                return true;
            }
        }
        return false;
    }

    /** Expression text compared ignoring case, spaces and back-quotes. */
    static String normalize(String expression) {
        StringBuilder b = new StringBuilder(expression.length());
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (!Character.isWhitespace(c) && c != '`') {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }
}
