package io.shardgate.rules.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one text form of a route plan, shared by {@code EXPLAIN ROUTE}, {@code bin/shardgate explain}
 * and the golden tests. One line per fact, stable order:
 * <pre>
 * variant SCATTER
 * flag    SCATTER_READ scatter read: …
 * unit    g0 READ [g0.orders_0] SELECT … params=[0]
 * merge   order by #0 desc; limit 10 offset 0; hidden 1
 * keys    [1001, 1002]
 * </pre>
 */
public final class RoutePlanPrinter {

    private RoutePlanPrinter() {
    }

    public static String print(RoutePlan plan) {
        List<String> lines = lines(plan);
        return String.join("\n", lines) + "\n";
    }

    /** The plan as rows of (key, value), as EXPLAIN ROUTE returns them. */
    public static List<String[]> rows(RoutePlan plan) {
        List<String[]> rows = new ArrayList<>();
        for (String line : lines(plan)) {
            int space = line.indexOf(' ');
            rows.add(new String[] {line.substring(0, space), line.substring(space).trim()});
        }
        return rows;
    }

    private static List<String> lines(RoutePlan plan) {
        List<String> lines = new ArrayList<>();
        lines.add("variant " + plan.variant());
        for (RouteFlag flag : plan.flags()) {
            lines.add("flag    " + flag.kind() + " " + flag.message());
        }
        for (RouteUnit unit : plan.units()) {
            StringBuilder line = new StringBuilder("unit    ").append(unit.group()).append(' ').append(unit.role())
                    .append(' ').append(unit.nodes()).append(' ').append(unit.sql().replace('\n', ' '));
            if (unit.parameterIndexes().length > 0) {
                line.append(" params=").append(Arrays.toString(unit.parameterIndexes()));
            }
            lines.add(line.toString());
        }
        String merge = merge(plan.merge());
        if (!merge.isEmpty()) {
            lines.add("merge   " + merge);
        }
        if (!plan.generatedKeys().isEmpty()) {
            lines.add("keys    " + plan.generatedKeys());
        }
        return lines;
    }

    static String merge(MergeSpec merge) {
        List<String> parts = new ArrayList<>();
        if (!merge.groupBy().isEmpty()) {
            parts.add("group by " + keys(merge.groupBy()));
        }
        if (!merge.aggregates().isEmpty()) {
            List<String> aggregates = new ArrayList<>();
            for (MergeSpec.AggregateColumn aggregate : merge.aggregates()) {
                String text = aggregate.function() + "(#" + aggregate.column() + ")";
                if (aggregate.function() == MergeSpec.AggregateColumn.Function.AVG) {
                    text += " = #" + aggregate.sumColumn() + "/#" + aggregate.countColumn();
                }
                aggregates.add(text);
            }
            parts.add("aggregates " + String.join(", ", aggregates));
        }
        if (merge.having()) {
            parts.add("having");
        }
        if (merge.postFilter() != null) {
            parts.add("having " + condition(merge.postFilter()));
        }
        if (merge.distinct()) {
            parts.add("distinct");
        }
        if (!merge.orderBy().isEmpty()) {
            parts.add("order by " + keys(merge.orderBy()));
        }
        if (merge.limit() >= 0 || merge.offset() > 0) {
            parts.add("limit " + merge.limit() + " offset " + merge.offset());
        }
        if (merge.hiddenColumns() > 0) {
            parts.add("hidden " + merge.hiddenColumns());
        }
        return String.join("; ", parts);
    }

    private static String condition(io.shardgate.sql.HavingCondition condition) {
        if (condition instanceof io.shardgate.sql.HavingCondition.And and) {
            return "(" + String.join(" AND ", and.terms().stream().map(RoutePlanPrinter::condition).toList()) + ")";
        }
        if (condition instanceof io.shardgate.sql.HavingCondition.Or or) {
            return "(" + String.join(" OR ", or.terms().stream().map(RoutePlanPrinter::condition).toList()) + ")";
        }
        if (condition instanceof io.shardgate.sql.HavingCondition.Not not) {
            return "NOT " + condition(not.term());
        }
        io.shardgate.sql.HavingCondition.Compare compare = (io.shardgate.sql.HavingCondition.Compare) condition;
        return operand(compare.left()) + " " + compare.op() + " " + operand(compare.right());
    }

    private static String operand(io.shardgate.sql.HavingCondition.Operand operand) {
        if (operand instanceof io.shardgate.sql.HavingCondition.Column column) {
            return "#" + column.index();
        }
        Object value = ((io.shardgate.sql.SqlValue.Literal) ((io.shardgate.sql.HavingCondition.Value) operand).value())
                .value();
        return value instanceof String text ? "'" + text + "'" : String.valueOf(value);
    }

    private static String keys(List<MergeSpec.SortKey> keys) {
        List<String> parts = new ArrayList<>();
        for (MergeSpec.SortKey key : keys) {
            parts.add("#" + key.column() + (key.descending() ? " desc" : ""));
        }
        return String.join(", ", parts);
    }
}
