package io.shardgate.sql;

import io.shardgate.sql.lex.SqlTokens;
import io.shardgate.sql.lex.TokenType;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlAbstractDateTimeLiteral;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks Calcite query trees: records every table occurrence (with its original text position),
 * scopes for column qualifiers, subqueries, and reduces WHERE / ON conditions to {@link Predicate}s.
 */
final class QueryAnalyzer {

    /** What one query expression contributes to its statement. */
    static final class QueryInfo {
        Predicate where;
        SqlSelect first;
        QueryScope firstScope;
        boolean union;
    }

    private final StatementContext ctx;
    private final CalciteText text;
    private final SqlTokens t;

    QueryAnalyzer(StatementContext ctx, CalciteText text) {
        this.ctx = ctx;
        this.text = text;
        this.t = ctx.tokens;
    }

    // ---------------------------------------------------------------- queries and tables

    QueryInfo query(SqlNode node, QueryScope outer, boolean inSubquery) {
        if (node instanceof SqlOrderBy orderBy) {
            QueryInfo info = query(orderBy.query, outer, inSubquery);
            expressions(orderBy.orderList, info.firstScope != null ? info.firstScope : outer, inSubquery);
            return info;
        }
        if (node instanceof SqlWith with) {
            QueryScope withScope = new QueryScope(outer);
            for (SqlNode item : with.withList) {
                SqlWithItem withItem = (SqlWithItem) item;
                String name = StatementContext.lower(withItem.name.getSimple());
                withScope.addCte(name);
                ctx.aliases.add(name);
                ctx.subquery = true;
                query(withItem.query, withScope, true);
            }
            return query(with.body, withScope, inSubquery);
        }
        if (node instanceof SqlSelect select) {
            return block(select, outer, inSubquery);
        }
        if (node instanceof SqlCall call && (node.getKind() == SqlKind.UNION || node.getKind() == SqlKind.INTERSECT
                || node.getKind() == SqlKind.EXCEPT)) {
            QueryInfo left = query(call.operand(0), outer, inSubquery);
            QueryInfo right = query(call.operand(1), outer, inSubquery);
            QueryInfo info = new QueryInfo();
            info.first = left.first;
            info.firstScope = left.firstScope;
            info.union = true;
            // Rows come from either side: the shards of both are needed.
            info.where = or(left.where, right.where);
            return info;
        }
        if (node != null && node.getKind() == SqlKind.EXPLICIT_TABLE && node instanceof SqlCall call
                && call.operand(0) instanceof SqlIdentifier id) {
            QueryInfo info = new QueryInfo();
            info.firstScope = new QueryScope(outer);
            table(id, null, info.firstScope, inSubquery);
            return info;
        }
        QueryInfo info = new QueryInfo();
        info.firstScope = new QueryScope(outer);
        expressions(node, info.firstScope, inSubquery);
        return info;
    }

    private QueryInfo block(SqlSelect select, QueryScope outer, boolean inSubquery) {
        int enclosing = ctx.currentBlock;
        int id = ctx.openBlock();
        try {
            QueryInfo info = walkBlock(select, outer, inSubquery);
            ctx.closeBlock(id, info.where);
            return info;
        } finally {
            ctx.currentBlock = enclosing;
        }
    }

    private QueryInfo walkBlock(SqlSelect select, QueryScope outer, boolean inSubquery) {
        QueryScope scope = new QueryScope(outer);
        List<Predicate> conjuncts = new ArrayList<>();
        from(select.getFrom(), scope, outer, inSubquery, conjuncts, false);
        expressions(select.getSelectList(), scope, inSubquery);
        if (select.getWhere() != null) {
            conjuncts.add(0, predicate(select.getWhere(), scope));
            expressions(select.getWhere(), scope, inSubquery);
        }
        expressions(select.getGroup(), scope, inSubquery);
        expressions(select.getHaving(), scope, inSubquery);
        expressions(select.getOrderList(), scope, inSubquery);
        QueryInfo info = new QueryInfo();
        info.first = select;
        info.firstScope = scope;
        info.where = and(conjuncts);
        return info;
    }

    /**
     * Walks a FROM clause. Conditions of inner joins restrict rows and join the conjuncts; under
     * the null-supplying side of an outer join only column equalities are kept (they still tell
     * which tables are joined on what, but restrict nothing).
     */
    private void from(SqlNode node, QueryScope scope, QueryScope outer, boolean inSubquery, List<Predicate> conjuncts,
                      boolean nullable) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlIdentifier id) {
            table(id, null, scope, inSubquery);
            return;
        }
        if (node instanceof SqlJoin join) {
            JoinType type = join.getJoinType();
            boolean leftNullable = nullable || type == JoinType.RIGHT || type == JoinType.FULL;
            boolean rightNullable = nullable || type == JoinType.LEFT || type == JoinType.FULL;
            from(join.getLeft(), scope, outer, inSubquery, conjuncts, leftNullable);
            from(join.getRight(), scope, outer, inSubquery, conjuncts, rightNullable);
            SqlNode condition = join.getCondition();
            if (join.getConditionType() == JoinConditionType.ON && condition != null) {
                Predicate p = predicate(condition, scope);
                boolean restricts = !nullable && (type == JoinType.INNER || type == JoinType.COMMA
                        || type == JoinType.CROSS);
                conjuncts.add(restricts ? p : equalitiesOnly(p));
                expressions(condition, scope, inSubquery);
            } else if (join.getConditionType() == JoinConditionType.USING && condition instanceof SqlNodeList using) {
                String left = singleTable(join.getLeft());
                String right = singleTable(join.getRight());
                if (left != null && right != null) {
                    for (SqlNode c : using) {
                        if (c instanceof SqlIdentifier id) {
                            String col = StatementContext.lower(id.getSimple());
                            conjuncts.add(new Predicate.ColumnEquality(new ColumnRef(left, col),
                                    new ColumnRef(right, col)));
                        }
                    }
                }
            }
            return;
        }
        if (node.getKind() == SqlKind.AS && node instanceof SqlCall as) {
            SqlNode source = as.operand(0);
            String alias = ((SqlIdentifier) as.operand(1)).getSimple();
            if (source instanceof SqlIdentifier id) {
                table(id, alias, scope, inSubquery);
            } else {
                derived(source, alias, scope, outer);
            }
            return;
        }
        if (node.getKind() == SqlKind.LATERAL && node instanceof SqlCall lateral) {
            from(lateral.operand(0), scope, scope, inSubquery, conjuncts, nullable);
            return;
        }
        derived(node, null, scope, outer);
    }

    private void derived(SqlNode source, String alias, QueryScope scope, QueryScope outer) {
        ctx.subquery = true;
        if (alias != null) {
            ctx.aliases.add(StatementContext.lower(alias));
        }
        scope.add(StatementContext.lower(alias), null);
        if (source.getKind().belongsTo(SqlKind.QUERY)) {
            query(source, outer, true);
        } else {
            expressions(source, scope, true);
        }
    }

    /** The table name of a FROM item that is one table (with or without alias), else null. */
    private String singleTable(SqlNode node) {
        if (node instanceof SqlIdentifier id) {
            return StatementContext.lower(id.names.get(id.names.size() - 1));
        }
        if (node.getKind() == SqlKind.AS && node instanceof SqlCall as && as.operand(0) instanceof SqlIdentifier id) {
            return StatementContext.lower(id.names.get(id.names.size() - 1));
        }
        return null;
    }

    private void table(SqlIdentifier id, String alias, QueryScope scope, boolean inSubquery) {
        int first = text.startToken(id);
        int last = text.endToken(id);
        if (first < 0 || last < first) {
            return;
        }
        String name = StatementContext.lower(id.names.get(id.names.size() - 1));
        if (id.names.size() == 1 && t.type(first) == TokenType.WORD && name.equals("dual")) {
            return; // FROM DUAL: no table
        }
        if (id.names.size() == 1 && scope.isCte(name)) {
            scope.add(alias == null ? name : StatementContext.lower(alias), null);
            return;
        }
        ctx.addTable(ctx.tableRef(first, last, alias, inSubquery));
        scope.add(alias == null ? null : StatementContext.lower(alias), name);
    }

    /** Finds subqueries inside expressions and analyzes them (their tables are the statement's too). */
    void expressions(SqlNode node, QueryScope scope, boolean inSubquery) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlNodeList list) {
            for (SqlNode n : list) {
                expressions(n, scope, inSubquery);
            }
            return;
        }
        if (!(node instanceof SqlCall call)) {
            return;
        }
        SqlKind kind = node.getKind();
        if (kind == SqlKind.SELECT || kind == SqlKind.ORDER_BY || kind == SqlKind.WITH || kind == SqlKind.UNION
                || kind == SqlKind.INTERSECT || kind == SqlKind.EXCEPT || kind == SqlKind.EXPLICIT_TABLE) {
            ctx.subquery = true;
            query(node, scope, true);
            return;
        }
        for (SqlNode operand : call.getOperandList()) {
            expressions(operand, scope, inSubquery);
        }
    }

    // ---------------------------------------------------------------- predicates

    Predicate predicate(SqlNode node, QueryScope scope) {
        if (!(node instanceof SqlBasicCall call)) {
            return Predicate.OPAQUE;
        }
        switch (call.getKind()) {
            case AND: {
                List<Predicate> terms = new ArrayList<>();
                for (SqlNode operand : chain(call, SqlKind.AND)) {
                    terms.add(predicate(operand, scope));
                }
                return and(terms);
            }
            case OR: {
                List<Predicate> terms = new ArrayList<>();
                for (SqlNode operand : chain(call, SqlKind.OR)) {
                    Predicate p = predicate(operand, scope);
                    if (p instanceof Predicate.Opaque) {
                        return Predicate.OPAQUE; // one unrestricted branch: nothing is known
                    }
                    if (p instanceof Predicate.Or or) {
                        terms.addAll(or.terms());
                    } else {
                        terms.add(p);
                    }
                }
                return new Predicate.Or(List.copyOf(terms));
            }
            case EQUALS:
                return compare(call, Predicate.CompareOp.EQ, scope);
            case NOT_EQUALS:
                return compare(call, Predicate.CompareOp.NE, scope);
            case LESS_THAN:
                return compare(call, Predicate.CompareOp.LT, scope);
            case LESS_THAN_OR_EQUAL:
                return compare(call, Predicate.CompareOp.LE, scope);
            case GREATER_THAN:
                return compare(call, Predicate.CompareOp.GT, scope);
            case GREATER_THAN_OR_EQUAL:
                return compare(call, Predicate.CompareOp.GE, scope);
            case IN:
                return in(call, scope);
            case BETWEEN:
                return between(call, scope);
            default:
                return Predicate.OPAQUE;
        }
    }

    /** The operands of a chain of one associative operator (a AND b AND c), without recursion. */
    private static List<SqlNode> chain(SqlBasicCall call, SqlKind kind) {
        List<SqlNode> operands = new ArrayList<>();
        ArrayDeque<SqlNode> stack = new ArrayDeque<>();
        stack.push(call);
        while (!stack.isEmpty()) {
            SqlNode node = stack.pop();
            if (node.getKind() == kind && node instanceof SqlBasicCall c) {
                List<SqlNode> ops = c.getOperandList();
                for (int i = ops.size() - 1; i >= 0; i--) {
                    stack.push(ops.get(i));
                }
            } else {
                operands.add(node);
            }
        }
        return operands;
    }

    private Predicate compare(SqlBasicCall call, Predicate.CompareOp op, QueryScope scope) {
        SqlNode left = call.operand(0);
        SqlNode right = call.operand(1);
        if (op == Predicate.CompareOp.EQ && left.getKind() == SqlKind.ROW && right.getKind() == SqlKind.ROW) {
            List<SqlNode> ls = ((SqlCall) left).getOperandList();
            List<SqlNode> rs = ((SqlCall) right).getOperandList();
            if (ls.size() != rs.size()) {
                return Predicate.OPAQUE;
            }
            List<Predicate> terms = new ArrayList<>();
            for (int i = 0; i < ls.size(); i++) {
                terms.add(compareSides(ls.get(i), rs.get(i), op, scope));
            }
            return and(terms);
        }
        return compareSides(left, right, op, scope);
    }

    private Predicate compareSides(SqlNode left, SqlNode right, Predicate.CompareOp op, QueryScope scope) {
        ColumnRef lc = column(left, scope);
        ColumnRef rc = column(right, scope);
        if (lc != null && rc != null) {
            return op == Predicate.CompareOp.EQ ? new Predicate.ColumnEquality(lc, rc) : Predicate.OPAQUE;
        }
        if (lc != null) {
            SqlValue v = routingValue(right);
            return v == null ? Predicate.OPAQUE : new Predicate.Compare(lc, op, v);
        }
        if (rc != null) {
            SqlValue v = routingValue(left);
            return v == null ? Predicate.OPAQUE : new Predicate.Compare(rc, flip(op), v);
        }
        return Predicate.OPAQUE;
    }

    private static Predicate.CompareOp flip(Predicate.CompareOp op) {
        return switch (op) {
            case LT -> Predicate.CompareOp.GT;
            case LE -> Predicate.CompareOp.GE;
            case GT -> Predicate.CompareOp.LT;
            case GE -> Predicate.CompareOp.LE;
            default -> op;
        };
    }

    private Predicate in(SqlBasicCall call, QueryScope scope) {
        SqlNode left = call.operand(0);
        SqlNode right = call.operand(1);
        if (!(right instanceof SqlNodeList list)) {
            return Predicate.OPAQUE; // IN (subquery)
        }
        if (left.getKind() == SqlKind.ROW) {
            List<Predicate> alternatives = new ArrayList<>();
            for (SqlNode row : list) {
                if (row.getKind() != SqlKind.ROW) {
                    return Predicate.OPAQUE;
                }
                Predicate p = compare(new SqlBasicCall(SqlStdOperatorTable.EQUALS,
                        List.of(left, row), row.getParserPosition()), Predicate.CompareOp.EQ, scope);
                if (p instanceof Predicate.Opaque) {
                    return Predicate.OPAQUE;
                }
                alternatives.add(p);
            }
            return alternatives.size() == 1 ? alternatives.get(0) : new Predicate.Or(List.copyOf(alternatives));
        }
        ColumnRef column = column(left, scope);
        if (column == null) {
            return Predicate.OPAQUE;
        }
        List<SqlValue> values = new ArrayList<>(list.size());
        for (SqlNode item : list) {
            SqlValue v = routingValue(item);
            if (v == null) {
                return Predicate.OPAQUE;
            }
            values.add(v);
        }
        return new Predicate.In(column, List.copyOf(values));
    }

    private Predicate between(SqlBasicCall call, QueryScope scope) {
        if (call.getOperator() instanceof SqlBetweenOperator op && op.isNegated()) {
            return Predicate.OPAQUE;
        }
        ColumnRef column = column(call.operand(0), scope);
        SqlValue low = routingValue(call.operand(1));
        SqlValue high = routingValue(call.operand(2));
        if (column == null || low == null || high == null) {
            return Predicate.OPAQUE;
        }
        return new Predicate.Between(column, low, high);
    }

    /** A value usable for routing: a literal other than NULL (which matches nothing), or a marker. */
    private SqlValue routingValue(SqlNode node) {
        SqlValue v = value(node);
        if (v instanceof SqlValue.Literal literal && literal.value() == null) {
            return null;
        }
        return v;
    }

    static Predicate and(List<Predicate> terms) {
        List<Predicate> kept = new ArrayList<>(terms.size());
        for (Predicate p : terms) {
            if (p == null || p instanceof Predicate.Opaque) {
                continue; // an unknown conjunct restricts nothing we can use
            }
            if (p instanceof Predicate.And and) {
                kept.addAll(and.terms());
            } else {
                kept.add(p);
            }
        }
        if (kept.isEmpty()) {
            return Predicate.OPAQUE;
        }
        return kept.size() == 1 ? kept.get(0) : new Predicate.And(List.copyOf(kept));
    }

    private static Predicate or(Predicate a, Predicate b) {
        if (a == null || b == null || a instanceof Predicate.Opaque || b instanceof Predicate.Opaque) {
            return Predicate.OPAQUE;
        }
        List<Predicate> terms = new ArrayList<>();
        for (Predicate p : List.of(a, b)) {
            if (p instanceof Predicate.Or or) {
                terms.addAll(or.terms());
            } else {
                terms.add(p);
            }
        }
        return new Predicate.Or(List.copyOf(terms));
    }

    /** Keeps only the column equalities of a join condition (outer joins). */
    static Predicate equalitiesOnly(Predicate p) {
        if (p instanceof Predicate.ColumnEquality) {
            return p;
        }
        if (p instanceof Predicate.And and) {
            List<Predicate> kept = new ArrayList<>();
            for (Predicate term : and.terms()) {
                if (term instanceof Predicate.ColumnEquality) {
                    kept.add(term);
                }
            }
            return and(kept);
        }
        return Predicate.OPAQUE;
    }

    // ---------------------------------------------------------------- columns and values

    /** The column an expression is, or null when it is not a column of a real table. */
    ColumnRef column(SqlNode node, QueryScope scope) {
        if (!(node instanceof SqlIdentifier id) || id.isStar()) {
            return null;
        }
        int token = text.startToken(id);
        if (token < 0 || t.type(token) == TokenType.VARIABLE) {
            return null;
        }
        List<String> names = id.names;
        String column = StatementContext.lower(names.get(names.size() - 1));
        String table;
        if (names.size() == 1) {
            table = scope == null ? null : scope.resolveUnqualified();
        } else {
            String qualifier = StatementContext.lower(names.get(names.size() - 2));
            table = scope == null ? qualifier : scope.resolve(qualifier);
        }
        if (QueryScope.DERIVED.equals(table)) {
            return null;
        }
        return new ColumnRef(table, column);
    }

    /** A literal or marker as written, or null for any other expression. */
    SqlValue value(SqlNode node) {
        if (node instanceof SqlDynamicParam) {
            int ordinal = t.parameterOrdinal(text.startToken(node));
            return ordinal < 0 ? null : new SqlValue.Param(ordinal);
        }
        if (node instanceof SqlNumericLiteral number) {
            return new SqlValue.Literal(number(number, false));
        }
        if (node instanceof SqlCharStringLiteral) {
            return new SqlValue.Literal(strings(text.startToken(node), text.endToken(node)));
        }
        if (node instanceof SqlAbstractDateTimeLiteral || node instanceof SqlUnknownLiteral) {
            int first = text.startToken(node);
            int last = text.endToken(node);
            for (int i = first; i >= 0 && i <= last; i++) {
                if (t.type(i) == TokenType.STRING) {
                    return new SqlValue.Literal(t.stringValue(i));
                }
            }
            return null;
        }
        if (node instanceof SqlLiteral literal) {
            if (literal.getTypeName() == SqlTypeName.BOOLEAN) {
                Boolean b = literal.getValueAs(Boolean.class);
                return b == null ? null : new SqlValue.Literal(b);
            }
            if (literal.getTypeName() == SqlTypeName.NULL) {
                return new SqlValue.Literal(null);
            }
            return null;
        }
        if (node instanceof SqlBasicCall call) {
            if (call.getKind() == SqlKind.LITERAL_CHAIN && call.operand(0) instanceof SqlCharStringLiteral) {
                return new SqlValue.Literal(strings(text.startToken(node), text.endToken(node)));
            }
            if (call.getKind() == SqlKind.MINUS_PREFIX && call.operand(0) instanceof SqlNumericLiteral n) {
                return new SqlValue.Literal(number(n, true));
            }
            if (call.getKind() == SqlKind.PLUS_PREFIX) {
                SqlNode inner = call.operand(0);
                return inner instanceof SqlNumericLiteral ? value(inner) : null;
            }
        }
        return null;
    }

    private static Object number(SqlNumericLiteral literal, boolean negate) {
        BigDecimal value = literal.getValueAs(BigDecimal.class);
        if (negate) {
            value = value.negate();
        }
        if (!literal.isExact()) {
            return value.doubleValue();
        }
        if (value.scale() <= 0) {
            BigInteger integer = value.toBigIntegerExact();
            return integer.bitLength() < 64 ? (Object) integer.longValue() : integer;
        }
        return value;
    }

    /** The value of adjacent string tokens ('a' 'b' is 'ab' in MySQL). */
    private String strings(int first, int last) {
        StringBuilder b = new StringBuilder();
        for (int i = first; i >= 0 && i <= last; i++) {
            if (t.type(i) == TokenType.STRING) {
                b.append(t.stringValue(i));
            }
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- text of nodes

    /** Token range [first, last] of a node, widened so that its parentheses balance. */
    int[] tokenRange(SqlNode node) {
        int first = text.startToken(node);
        int last = text.endToken(node);
        if (first < 0 || last < first) {
            return null;
        }
        int balance = 0;
        for (int i = first; i <= last; i++) {
            if (t.isSymbol(i, '(')) {
                balance++;
            } else if (t.isSymbol(i, ')')) {
                balance--;
            }
        }
        while (balance > 0 && last + 1 < t.size()) {
            last++;
            if (t.isSymbol(last, ')')) {
                balance--;
            } else if (t.isSymbol(last, '(')) {
                balance++;
            }
        }
        while (balance < 0 && first > 0) {
            first--;
            if (t.isSymbol(first, '(')) {
                balance++;
            } else if (t.isSymbol(first, ')')) {
                balance--;
            }
        }
        return new int[] {first, last};
    }
}
