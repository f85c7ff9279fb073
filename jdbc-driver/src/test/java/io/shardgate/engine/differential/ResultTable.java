package io.shardgate.engine.differential;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What a statement returned: column labels and rows (values as the JDBC driver gave them), or an update count. */
record ResultTable(List<String> labels, List<List<Object>> rows, long updateCount) {

    static ResultTable read(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> labels = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            labels.add(meta.getColumnLabel(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(rs.getObject(i));
            }
            rows.add(row);
        }
        return new ResultTable(labels, rows, -1);
    }

    static ResultTable count(long updateCount) {
        return new ResultTable(List.of(), List.of(), updateCount);
    }

    boolean isCount() {
        return updateCount >= 0;
    }
}
