package io.shardgate.engine.replica;

import java.sql.ResultSet;
import java.sql.SQLException;

/** MariaDB GTIDs: a position is a list of {@code domain-server-sequence}, one per replication domain. */
final class MariaDbReplication implements ReplicationDialect {

    @Override
    public String writtenPositionSql() {
        return "SELECT @@GLOBAL.gtid_binlog_pos";
    }

    @Override
    public String appliedPositionSql() {
        return "SELECT @@GLOBAL.gtid_slave_pos";
    }

    @Override
    public String lastCommitSql() {
        return "SELECT @@last_gtid";
    }

    @Override
    public String waitSql() {
        return "SELECT MASTER_GTID_WAIT(?, ?)";
    }

    @Override
    public boolean reached(long waitResult) {
        return waitResult == 0;
    }

    @Override
    public String replicaStatusSql() {
        return "SHOW SLAVE STATUS";
    }

    @Override
    public ReplicaStatus replicaStatus(ResultSet row) throws SQLException {
        String io = row.getString("Slave_IO_Running");
        String sql = row.getString("Slave_SQL_Running");
        long sqlErrno = row.getLong("Last_SQL_Errno");
        String error = sqlErrno != 0 ? "replication SQL error " + sqlErrno + ": " + row.getString("Last_SQL_Error") : null;
        long seconds = row.getLong("Seconds_Behind_Master");
        Long behind = row.wasNull() ? null : seconds;
        return new ReplicaStatus("Yes".equalsIgnoreCase(io), "Connecting".equalsIgnoreCase(io),
                "Yes".equalsIgnoreCase(sql), error, behind);
    }

    @Override
    public boolean covers(String applied, String wanted) {
        return GtidPosition.parse(applied).covers(GtidPosition.parse(wanted));
    }
}
