package io.shardgate.sql.federate;

import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a filter the planner pushed onto one table's scan as MySQL condition text, so the shards
 * evaluate it (with their own collation and types) and only matching rows travel. Only plain
 * shapes are written — comparisons, IS [NOT] NULL, LIKE, IN/ranges, AND/OR/NOT of those, over
 * columns and literals; anything else returns null and stays with the planner, which then
 * evaluates it in Shardgate.
 */
final class PushdownSql {

    private final List<String> columns;
    private final RexBuilder rexBuilder;

    PushdownSql(List<String> columns, RexBuilder rexBuilder) {
        this.columns = columns;
        this.rexBuilder = rexBuilder;
    }

    /** The condition as MySQL text, or null when it is not one of the shapes written here. */
    String write(RexNode node) {
        try {
            return condition(node);
        } catch (RuntimeException e) {
            return null; // a shape this writer does not know: the planner evaluates it
        }
    }

    private String condition(RexNode node) {
        if (!(node instanceof RexCall call)) {
            return null;
        }
        SqlKind kind = call.getKind();
        switch (kind) {
            case SEARCH:
                return condition(RexUtil.expandSearch(rexBuilder, null, call));
            case AND:
            case OR: {
                List<String> terms = new ArrayList<>();
                for (RexNode operand : call.getOperands()) {
                    String term = condition(operand);
                    if (term == null) {
                        return null;
                    }
                    terms.add("(" + term + ")");
                }
                return String.join(kind == SqlKind.AND ? " AND " : " OR ", terms);
            }
            case NOT: {
                String term = condition(call.getOperands().get(0));
                return term == null ? null : "NOT (" + term + ")";
            }
            case IS_NULL:
            case IS_NOT_NULL: {
                String column = column(call.getOperands().get(0));
                return column == null ? null : column + (kind == SqlKind.IS_NULL ? " IS NULL" : " IS NOT NULL");
            }
            case EQUALS:
            case NOT_EQUALS:
            case LESS_THAN:
            case LESS_THAN_OR_EQUAL:
            case GREATER_THAN:
            case GREATER_THAN_OR_EQUAL: {
                String left = operand(call.getOperands().get(0));
                String right = operand(call.getOperands().get(1));
                if (left == null || right == null) {
                    return null;
                }
                String op = switch (kind) {
                    case EQUALS -> " = ";
                    case NOT_EQUALS -> " <> ";
                    case LESS_THAN -> " < ";
                    case LESS_THAN_OR_EQUAL -> " <= ";
                    case GREATER_THAN -> " > ";
                    default -> " >= ";
                };
                return left + op + right;
            }
            case LIKE: {
                if (call.getOperands().size() != 2 || !call.getOperator().getName().equalsIgnoreCase("LIKE")) {
                    return null;
                }
                String column = column(call.getOperands().get(0));
                String pattern = literal(call.getOperands().get(1));
                return column == null || pattern == null ? null : column + " LIKE " + pattern;
            }
            default:
                return null;
        }
    }

    private String operand(RexNode node) {
        String column = column(node);
        return column != null ? column : literal(node);
    }

    /** A column, seen through casts within one type family (the shard compares those itself). */
    private String column(RexNode node) {
        RexNode inner = node;
        while (inner.getKind() == SqlKind.CAST) {
            RexNode operand = ((RexCall) inner).getOperands().get(0);
            if (!sameFamily(operand.getType().getSqlTypeName(), inner.getType().getSqlTypeName())) {
                return null;
            }
            inner = operand;
        }
        if (inner instanceof RexInputRef ref) {
            return "`" + columns.get(ref.getIndex()).replace("`", "``") + "`";
        }
        return null;
    }

    private static boolean sameFamily(SqlTypeName a, SqlTypeName b) {
        return family(a) != null && family(a) == family(b);
    }

    private static SqlTypeFamily family(SqlTypeName type) {
        if (SqlTypeName.NUMERIC_TYPES.contains(type)) {
            return SqlTypeFamily.NUMERIC;
        }
        if (SqlTypeName.CHAR_TYPES.contains(type)) {
            return SqlTypeFamily.CHARACTER;
        }
        if (type == SqlTypeName.DATE || type == SqlTypeName.TIMESTAMP) {
            return SqlTypeFamily.DATETIME;
        }
        return null;
    }

    /** A literal as MySQL text (strings with quotes and backslashes escaped). */
    private static String literal(RexNode node) {
        RexNode inner = node;
        while (inner.getKind() == SqlKind.CAST) {
            inner = ((RexCall) inner).getOperands().get(0);
        }
        if (!(inner instanceof RexLiteral literal)) {
            return null;
        }
        if (literal.isNull()) {
            return "NULL";
        }
        SqlTypeName type = literal.getType().getSqlTypeName();
        if (SqlTypeName.CHAR_TYPES.contains(type)) {
            String value = literal.getValueAs(String.class);
            return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
        }
        if (type == SqlTypeName.DOUBLE || type == SqlTypeName.FLOAT || type == SqlTypeName.REAL) {
            return literal.getValueAs(Double.class) + "E0";
        }
        if (SqlTypeName.NUMERIC_TYPES.contains(type)) {
            return literal.getValueAs(BigDecimal.class).toPlainString();
        }
        if (type == SqlTypeName.BOOLEAN) {
            return Boolean.TRUE.equals(literal.getValueAs(Boolean.class)) ? "TRUE" : "FALSE";
        }
        if (type == SqlTypeName.DATE) {
            return "DATE '" + literal.getValueAs(DateString.class) + "'";
        }
        if (type == SqlTypeName.TIMESTAMP) {
            return "TIMESTAMP '" + literal.getValueAs(TimestampString.class) + "'";
        }
        if (type == SqlTypeName.TIME) {
            return "TIME '" + literal.getValueAs(TimeString.class) + "'";
        }
        return null;
    }
}
