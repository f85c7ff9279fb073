package io.shardgate.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A stable, readable multi-line summary of an analyzed statement, used by the data-driven tests:
 * what routing and merging read (kind, tables, predicate, shape) plus a sample rewrite that
 * exercises every recorded position (each table renamed to name_1, derived columns appended,
 * LIMIT widened to 100, and for multi-row inserts the last row alone).
 */
final class StatementSummary {

    private StatementSummary() {
    }

    static String of(SqlStatement s) {
        List<String> lines = new ArrayList<>();
        lines.add("kind: " + s.kind() + " (" + s.getClass().getSimpleName() + ")");
        if (!s.tables().isEmpty()) {
            lines.add("tables: " + s.tables().stream().map(StatementSummary::table).collect(Collectors.joining(", ")));
        }
        if (s.parameterCount() > 0) {
            lines.add("params: " + s.parameterCount());
        }
        if (!s.hints().isEmpty()) {
            lines.add("hints: " + s.hints());
        }
        if (s instanceof SelectStatement sel) {
            select(sel, lines);
        } else if (s instanceof InsertStatement ins) {
            lines.add("into: " + ins.table() + (ins.columns().isEmpty() ? "" : " " + ins.columns()));
            for (List<SqlValue> row : ins.rows()) {
                lines.add("row: " + row.stream().map(StatementSummary::value).collect(Collectors.joining(", ")));
            }
            if (ins.select()) {
                lines.add("select: true");
            }
            if (!ins.onDuplicateKeyUpdate().isEmpty()) {
                lines.add("on duplicate key update: " + ins.onDuplicateKeyUpdate());
            }
        } else if (s instanceof UpdateStatement upd) {
            lines.add("set: " + upd.assignments().stream()
                    .map(a -> column(a.column()) + " = " + value(a.value())).collect(Collectors.joining(", ")));
            lines.add("where: " + predicate(upd.where()));
            if (upd.limited()) {
                lines.add("limited: true");
            }
        } else if (s instanceof DeleteStatement del) {
            lines.add("where: " + predicate(del.where()));
            if (del.limited()) {
                lines.add("limited: true");
            }
        } else if (s instanceof DdlStatement ddl) {
            lines.add("ddl: " + ddl.ddlKind() + (ddl.ifExists() ? " IF EXISTS" : "")
                    + (ddl.ifNotExists() ? " IF NOT EXISTS" : "")
                    + (ddl.databaseName() != null ? " database=" + ddl.databaseName() : ""));
        } else if (s instanceof SetStatement set) {
            for (SetStatement.SetAssignment a : set.assignments()) {
                lines.add("set: " + a.scope() + " " + a.name() + " = " + a.valueText() + " -> " + value(a.value())
                        + (a.collate() == null ? "" : " COLLATE " + a.collate()));
            }
        } else if (s instanceof ShowStatement show) {
            lines.add("show: " + show.what() + (show.like() == null ? "" : " LIKE '" + show.like() + "'")
                    + (show.database() == null ? "" : " database=" + show.database()));
        } else if (s instanceof UseStatement use) {
            lines.add("database: " + use.database());
        } else if (s instanceof TransactionStatement tx) {
            lines.add("transaction:" + (tx.savepoint() == null ? "" : " savepoint=" + tx.savepoint())
                    + (tx.release() ? " release" : "") + (tx.readOnly() ? " read-only" : ""));
        } else if (s instanceof KillStatement kill) {
            lines.add("kill: " + kill.connectionId() + (kill.queryOnly() ? " query" : ""));
        } else if (s instanceof AdminStatement admin) {
            lines.add("admin: " + admin.command() + (admin.argument() == null ? "" : " [" + admin.argument() + "]"));
        } else if (s instanceof OtherStatement other) {
            lines.add("parsed: " + other.parsed() + (other.parseError() == null ? "" : " (" + other.parseError() + ")"));
            if (other.explained() != null) {
                lines.add("explained: " + other.explained().kind() + " ("
                        + other.explained().getClass().getSimpleName() + ")");
            }
        }
        rewrite(s, lines);
        return String.join("\n", lines);
    }

    private static void select(SelectStatement s, List<String> lines) {
        lines.add("where: " + predicate(s.where()));
        lines.add("items: " + s.items().stream().map(StatementSummary::item).collect(Collectors.joining(" | ")));
        if (!s.derived().isEmpty()) {
            List<String> derived = new ArrayList<>();
            for (int i = 0; i < s.derived().size(); i++) {
                SelectStatement.Aggregate a = s.derivedAggregates().get(i);
                derived.add(s.derived().get(i) + (a == SelectStatement.Aggregate.NONE ? "" : " [" + a + "]"));
            }
            lines.add("derived: " + String.join(" | ", derived));
        }
        if (s.rollup()) {
            lines.add("rollup: true");
        }
        if (!s.groupBy().isEmpty()) {
            lines.add("group by: " + keys(s.groupBy()));
        }
        if (!s.orderBy().isEmpty()) {
            lines.add("order by: " + keys(s.orderBy()));
        }
        if (s.limit() != null) {
            lines.add("limit: " + (s.limit().offset() == null ? "" : value(s.limit().offset()) + ", ")
                    + value(s.limit().count()));
        }
        List<String> flags = new ArrayList<>();
        if (s.distinct()) {
            flags.add("distinct");
        }
        if (s.having()) {
            flags.add("having");
        }
        if (s.lock() != SelectStatement.LockMode.NONE) {
            flags.add("lock=" + s.lock());
        }
        if (s.subquery()) {
            flags.add("subquery");
        }
        if (s.union()) {
            flags.add("union");
        }
        if (!flags.isEmpty()) {
            lines.add("flags: " + String.join(" ", flags));
        }
    }

    private static void rewrite(SqlStatement s, List<String> lines) {
        if (s.tables().isEmpty() && !(s instanceof SelectStatement sel && (!sel.derived().isEmpty()
                || sel.limit() != null))) {
            return;
        }
        Map<String, String> tables = new LinkedHashMap<>();
        for (String name : s.tableNames()) {
            tables.put(name, name + "_1");
        }
        Long limit = s instanceof SelectStatement sel && sel.limit() != null ? 100L : null;
        RewrittenSql r = new SqlRewriter().rewrite(s, new RewriteSpec(tables, limit, true, null, null, null));
        lines.add("rewritten: " + r.sql() + params(r));
        if (s instanceof InsertStatement ins && ins.rows().size() > 1 && !ins.select()) {
            BitSet last = new BitSet();
            last.set(ins.rows().size() - 1);
            RewrittenSql split = new SqlRewriter().rewrite(s, new RewriteSpec(tables, null, false, last, null, null));
            lines.add("last row: " + split.sql() + params(split));
        }
    }

    private static String params(RewrittenSql r) {
        return r.parameterIndexes().length == 0 ? "" : "  params=" + Arrays.toString(r.parameterIndexes());
    }

    static String table(TableRef t) {
        return (t.schema() == null ? "" : t.schema() + ".") + t.name() + (t.alias() == null ? "" : " " + t.alias())
                + (t.inSubquery() ? " (sub)" : "");
    }

    private static String item(SelectStatement.SelectItem i) {
        StringBuilder b = new StringBuilder(i.text());
        if (i.alias() != null) {
            b.append(" AS ").append(i.alias());
        }
        if (i.aggregate() != SelectStatement.Aggregate.NONE) {
            b.append(" [").append(i.aggregate()).append(i.distinctArgument() ? " DISTINCT" : "");
            if (i.avgSum() >= 0) {
                b.append(" sum=").append(i.avgSum()).append(" count=").append(i.avgCount());
            }
            b.append(']');
        }
        if (i.star()) {
            b.append(" [*]");
        }
        return b.toString();
    }

    private static String keys(List<SelectStatement.SortKey> keys) {
        return keys.stream().map(k -> k.column() + (k.descending() ? " DESC" : "")).collect(Collectors.joining(", "));
    }

    static String predicate(Predicate p) {
        if (p instanceof Predicate.And and) {
            return "AND(" + and.terms().stream().map(StatementSummary::predicate).collect(Collectors.joining(", ")) + ")";
        }
        if (p instanceof Predicate.Or or) {
            return "OR(" + or.terms().stream().map(StatementSummary::predicate).collect(Collectors.joining(", ")) + ")";
        }
        if (p instanceof Predicate.Compare c) {
            String op = switch (c.op()) {
                case EQ -> "=";
                case NE -> "<>";
                case LT -> "<";
                case LE -> "<=";
                case GT -> ">";
                case GE -> ">=";
            };
            return column(c.column()) + " " + op + " " + value(c.value());
        }
        if (p instanceof Predicate.In in) {
            return column(in.column()) + " IN (" + in.values().stream().map(StatementSummary::value)
                    .collect(Collectors.joining(", ")) + ")";
        }
        if (p instanceof Predicate.Between b) {
            return column(b.column()) + " BETWEEN " + value(b.low()) + " AND " + value(b.high());
        }
        if (p instanceof Predicate.ColumnEquality e) {
            return column(e.left()) + " = " + column(e.right());
        }
        return p == null ? "null" : "OPAQUE";
    }

    static String column(ColumnRef c) {
        return (c.table() == null ? "?" : c.table()) + "." + c.column();
    }

    static String value(SqlValue v) {
        if (v == null) {
            return "<expr>";
        }
        if (v instanceof SqlValue.Param p) {
            return "?" + p.index();
        }
        Object o = ((SqlValue.Literal) v).value();
        if (o == null) {
            return "NULL";
        }
        if (o instanceof String str) {
            return "'" + str + "'";
        }
        return o + ":" + o.getClass().getSimpleName();
    }
}
