package io.shardgate.engine.replica;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * MySQL 8 GTID sets ({@code @@gtid_executed}, {@code WAIT_FOR_EXECUTED_GTID_SET},
 * {@code SHOW REPLICA STATUS}). The tests run MariaDB only: {@link #covers} is unit-tested, the
 * statements are not run against a MySQL server by the test suite.
 */
final class MySqlReplication implements ReplicationDialect {

    @Override
    public String writtenPositionSql() {
        return "SELECT @@GLOBAL.gtid_executed";
    }

    @Override
    public String appliedPositionSql() {
        return "SELECT @@GLOBAL.gtid_executed";
    }

    @Override
    public String lastCommitSql() {
        // a superset of the session's own last transaction: waiting for it is safe, if longer
        return "SELECT @@GLOBAL.gtid_executed";
    }

    @Override
    public String waitSql() {
        return "SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?)";
    }

    @Override
    public boolean reached(long waitResult) {
        return waitResult == 0;
    }

    @Override
    public String replicaStatusSql() {
        return "SHOW REPLICA STATUS";
    }

    @Override
    public ReplicaStatus replicaStatus(ResultSet row) throws SQLException {
        String io = row.getString("Replica_IO_Running");
        String sql = row.getString("Replica_SQL_Running");
        long sqlErrno = row.getLong("Last_SQL_Errno");
        String error = sqlErrno != 0 ? "replication SQL error " + sqlErrno + ": " + row.getString("Last_SQL_Error") : null;
        long seconds = row.getLong("Seconds_Behind_Source");
        Long behind = row.wasNull() ? null : seconds;
        return new ReplicaStatus("Yes".equalsIgnoreCase(io), "Connecting".equalsIgnoreCase(io),
                "Yes".equalsIgnoreCase(sql), error, behind);
    }

    @Override
    public boolean covers(String applied, String wanted) {
        return GtidSet.parse(applied).contains(GtidSet.parse(wanted));
    }
}
