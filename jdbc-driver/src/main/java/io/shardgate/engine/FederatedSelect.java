package io.shardgate.engine;

import io.shardgate.engine.execute.ConnectionSource;
import io.shardgate.engine.execute.Executed;
import io.shardgate.engine.execute.PlanExecutor;
import io.shardgate.engine.execute.ResultSetCursor;
import io.shardgate.engine.execute.RunningStatements;
import io.shardgate.engine.merge.RowStream;
import io.shardgate.engine.metadata.TableCatalog;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.route.RoutePlan;
import io.shardgate.sql.FederationText;
import io.shardgate.sql.SelectStatement;
import io.shardgate.sql.SqlStatement;
import io.shardgate.sql.TableRef;
import io.shardgate.sql.federate.FederatedRows;
import io.shardgate.sql.federate.FederatedTable;
import io.shardgate.sql.federate.Federator;
import io.shardgate.sql.federate.RowBudget;
import io.shardgate.sql.federate.ShardScans;

import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Runs a SELECT the router flagged as a cross-shard join (policy {@code cross-shard-join:
 * federate}) by joining in Shardgate: the {@link Federator} plans it, and each table it reads is a
 * statement of its own, {@code SELECT needed columns FROM table WHERE its own conditions}, routed
 * and executed like any other (a shard-key condition reaches one shard, otherwise every shard in
 * parallel, rows concatenated). Memory is bounded by {@code policies.federation-max-rows}.
 */
final class FederatedSelect {

    private static final Federator FEDERATOR = new Federator();
    private static final Pattern SIMPLE_COLUMN = Pattern.compile("(`[^`]+`|\\w+)(\\s*\\.\\s*(`[^`]+`|\\w+)){0,2}");

    private final Engine engine;
    private final LogicalDatabase db;
    private final Function<SqlStatement, RoutePlan> router;
    private final ConnectionSource source;
    private final RunningStatements running;

    FederatedSelect(Engine engine, LogicalDatabase db, Function<SqlStatement, RoutePlan> router,
                    ConnectionSource source, RunningStatements running) {
        this.engine = engine;
        this.db = db;
        this.router = router;
        this.source = source;
        this.running = running;
    }

    QueryResult execute(SelectStatement select, List<Object> parameters, List<EngineWarning> warnings) {
        if (select.lock() != SelectStatement.LockMode.NONE) {
            // the per-table scans would not lock what the join reads: refuse rather than lock nothing
            throw new ShardgateException(ErrorCode.NOT_SUPPORTED, "a locking read (FOR UPDATE / LOCK IN SHARE MODE) "
                    + "in a cross-shard join of " + String.join(", ", select.tableNames()) + "; lock the rows "
                    + "with one SELECT … FOR UPDATE per table, or make the join co-located");
        }
        String text = FederationText.of(select.sql(), parameters);
        long limit = db.rules().policies().federationMaxRows();
        RowBudget budget = new RowBudget(limit, "policies.federation-max-rows (now " + limit + ") in the rule file of "
                + db.name());
        FederatedRows rows = FEDERATOR.execute(db.name(), text, labels(select), tables(select), this::scan, budget);
        List<ColumnMeta> columns = new ArrayList<>();
        for (FederatedRows.Column column : rows.columns()) {
            columns.add(meta(column));
        }
        return new QueryResult(List.copyOf(columns), new Cursor(rows), List.copyOf(warnings));
    }

    /** The planner's operators, one per line, for EXPLAIN ROUTE. */
    List<String> explain(SelectStatement select, List<Object> parameters) {
        return FEDERATOR.explain(db.name(), FederationText.of(select.sql(), parameters), tables(select)).lines();
    }

    private List<FederatedTable> tables(SelectStatement select) {
        Map<String, FederatedTable> tables = new LinkedHashMap<>();
        for (TableRef ref : select.tables()) {
            if (ref.systemSchema() || tables.containsKey(ref.name())) {
                continue;
            }
            TableCatalog.TableInfo info = db.catalog().table(ref.name()).orElseThrow(() ->
                    new ShardgateException(ErrorCode.UNKNOWN_TABLE, db.name() + "." + ref.name()));
            List<FederatedTable.Column> columns = new ArrayList<>();
            for (TableCatalog.ColumnInfo c : info.columns()) {
                columns.add(new FederatedTable.Column(c.name().toLowerCase(Locale.ROOT), c.jdbcType(), c.typeName(),
                        c.size(), c.decimals(), c.nullable()));
            }
            tables.put(ref.name(), new FederatedTable(ref.name(), List.copyOf(columns)));
        }
        return List.copyOf(tables.values());
    }

    /** One table's rows: a single-table SELECT routed and run like any statement. */
    private ShardScans.Rows scan(String table, List<String> columns, String where) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append('`').append(columns.get(i).replace("`", "``")).append('`');
        }
        if (columns.isEmpty()) {
            sql.append('1');
        }
        sql.append(" FROM `").append(table.replace("`", "``")).append('`');
        if (where != null) {
            sql.append(" WHERE ").append(where);
        }
        SqlStatement statement = engine.analyze(sql.toString());
        RoutePlan plan = router.apply(statement);
        Executed executed = engine.planExecutor().execute(plan.units(), List.of(), source, PlanExecutor.Shape.QUERY,
                running);
        List<ResultSetCursor> cursors = executed.cursors();
        int width = Math.max(1, columns.size());
        RowStream stream = cursors.size() == 1 ? cursors.get(0) : engine.merger().merge(cursors, width, plan.merge());
        return new ShardScans.Rows() {
            @Override
            public boolean next() {
                return stream.next();
            }

            @Override
            public Object value(int index) {
                return stream.value(index);
            }

            @Override
            public void close() {
                stream.close();
            }
        };
    }

    /**
     * Column labels as MySQL gives them: the alias, the column name of a plain column reference,
     * else the expression as written. Null (the planner's names) when the list has a {@code *}.
     */
    static List<String> labels(SelectStatement select) {
        List<String> labels = new ArrayList<>();
        for (SelectStatement.SelectItem item : select.items()) {
            if (item.star()) {
                return null;
            }
            if (item.alias() != null) {
                labels.add(item.alias());
            } else if (SIMPLE_COLUMN.matcher(item.text().strip()).matches()) {
                String text = item.text().strip();
                String last = text.substring(text.lastIndexOf('.') + 1).strip();
                labels.add(last.startsWith("`") ? last.substring(1, last.length() - 1) : last);
            } else {
                labels.add(item.text());
            }
        }
        return labels;
    }

    private ColumnMeta meta(FederatedRows.Column column) {
        String typeName = switch (column.jdbcType()) {
            case Types.INTEGER -> "INT";
            case Types.BIGINT -> "BIGINT";
            case Types.SMALLINT -> "SMALLINT";
            case Types.TINYINT, Types.BOOLEAN -> "TINYINT";
            case Types.DECIMAL -> "DECIMAL";
            case Types.DOUBLE -> "DOUBLE";
            case Types.DATE -> "DATE";
            case Types.TIME -> "TIME";
            case Types.TIMESTAMP -> "DATETIME";
            case Types.VARBINARY -> "VARBINARY";
            default -> "VARCHAR";
        };
        long length = switch (column.jdbcType()) {
            case Types.INTEGER -> 11;
            case Types.BIGINT -> 20;
            case Types.DECIMAL -> column.precision() + 2;
            case Types.DOUBLE -> 22;
            case Types.DATE -> 10;
            case Types.TIMESTAMP -> 19;
            default -> column.precision() > 0 ? column.precision() : 255;
        };
        return new ColumnMeta(db.name(), "", "", column.label(), column.label(), column.jdbcType(), typeName, length,
                column.scale(), column.nullable(), false, false, false, column.jdbcType() == Types.VARBINARY);
    }

    /** The federated rows as the engine's cursor. */
    private static final class Cursor implements RowCursor {
        private final FederatedRows rows;

        Cursor(FederatedRows rows) {
            this.rows = rows;
        }

        @Override
        public boolean next() {
            return rows.next();
        }

        @Override
        public Object value(int index) {
            return rows.value(index);
        }

        @Override
        public void close() {
            rows.close();
        }
    }
}
