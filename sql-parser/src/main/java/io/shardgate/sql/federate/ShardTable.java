package io.shardgate.sql.federate;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One logical table inside the planner. The planner hands its scan the filters and columns the
 * query needs of this table; the filters MySQL can evaluate are written as a WHERE and removed
 * from the list (the shards apply them), the rest stay for the planner. Rows are read through
 * {@link ShardScans}, converted to Calcite's representation, and counted against the budget.
 */
final class ShardTable extends AbstractTable implements ProjectableFilterableTable {

    private final FederatedTable table;
    private final List<String> columnNames;
    private final ShardScans scans;
    private final RowBudget budget;
    private final List<String> pushed;
    private SqlTypeName[] types;

    ShardTable(FederatedTable table, ShardScans scans, RowBudget budget, List<String> pushed) {
        this.table = table;
        this.columnNames = table.columns().stream().map(FederatedTable.Column::name).toList();
        this.scans = scans;
        this.budget = budget;
        this.pushed = pushed;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory factory) {
        RelDataTypeFactory.Builder row = factory.builder();
        SqlTypeName[] names = new SqlTypeName[table.columns().size()];
        int i = 0;
        for (FederatedTable.Column column : table.columns()) {
            RelDataType type = CalciteTypes.type(factory, column);
            names[i++] = type.getSqlTypeName();
            row.add(column.name(), type);
        }
        types = names;
        return row.build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters, int[] projects) {
        int[] wanted = projects != null ? projects : allColumns();
        PushdownSql writer = new PushdownSql(columnNames, new RexBuilder(root.getTypeFactory()));
        List<String> conditions = new ArrayList<>();
        for (Iterator<RexNode> it = filters.iterator(); it.hasNext(); ) {
            String sql = writer.write(it.next());
            if (sql != null) {
                conditions.add(conditions.isEmpty() && !it.hasNext() ? sql : "(" + sql + ")");
                it.remove();
            }
        }
        List<String> selected = new ArrayList<>();
        SqlTypeName[] selectedTypes = new SqlTypeName[wanted.length];
        for (int i = 0; i < wanted.length; i++) {
            selected.add(columnNames.get(wanted[i]));
            selectedTypes[i] = types[wanted[i]];
        }
        String where = conditions.isEmpty() ? null : String.join(" AND ", conditions);
        synchronized (pushed) {
            pushed.add(table.name() + " [" + String.join(", ", selected) + "]" + (where == null ? "" : " WHERE " + where));
        }
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                return new ScanEnumerator(selected, where, selectedTypes);
            }
        };
    }

    private int[] allColumns() {
        int[] all = new int[columnNames.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    /** Opens the scan on first use, so a plan that never reads this input never touches a shard. */
    private final class ScanEnumerator implements Enumerator<Object[]> {
        private final List<String> selected;
        private final String where;
        private final SqlTypeName[] selectedTypes;
        private ShardScans.Rows rows;
        private Object[] current;

        ScanEnumerator(List<String> selected, String where, SqlTypeName[] selectedTypes) {
            this.selected = selected;
            this.where = where;
            this.selectedTypes = selectedTypes;
        }

        @Override
        public Object[] current() {
            return current;
        }

        @Override
        public boolean moveNext() {
            if (rows == null) {
                rows = scans.scan(table.name(), selected, where);
            }
            if (!rows.next()) {
                current = null;
                return false;
            }
            budget.take(table.name());
            Object[] row = new Object[selectedTypes.length];
            for (int i = 0; i < row.length; i++) {
                row[i] = CalciteTypes.internal(rows.value(i), selectedTypes[i]);
            }
            current = row;
            return true;
        }

        @Override
        public void reset() {
            close();
        }

        @Override
        public void close() {
            if (rows != null) {
                rows.close();
                rows = null;
            }
        }
    }
}
