package io.shardgate.engine.replica;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * How one kind of server states replication positions and waits for them. MariaDB numbers
 * transactions {@code domain-server-sequence} ({@code @@gtid_binlog_pos}, {@code MASTER_GTID_WAIT});
 * MySQL 8 uses UUID sets ({@code @@gtid_executed}, {@code WAIT_FOR_EXECUTED_GTID_SET}). The kind
 * is detected from the server's version string, not the JDBC URL: Connector/J URLs point at both.
 */
public interface ReplicationDialect {

    /** What the server has written to its binary log (its position as a leader). */
    String writtenPositionSql();

    /** What the server has applied as a replica (its position as a follower). */
    String appliedPositionSql();

    /** The position of this connection's last committed transaction, read right after it commits. */
    String lastCommitSql();

    /** A one-row query with markers (position, seconds) that waits for a position; see {@link #reached}. */
    String waitSql();

    /** Whether the wait query's result means the position was reached. */
    boolean reached(long waitResult);

    /** The replica status statement; empty result on a server that is no replica. */
    String replicaStatusSql();

    /** Reads the replica status row the cursor is on. */
    ReplicaStatus replicaStatus(ResultSet row) throws SQLException;

    /** Whether a server that has applied {@code applied} has everything in {@code wanted}. */
    boolean covers(String applied, String wanted);

    /** The threads of replication as the server reports them. */
    record ReplicaStatus(boolean ioRunning, boolean ioConnecting, boolean sqlRunning, String error,
                         Long secondsBehind) {
    }

    static ReplicationDialect forVersion(String version) {
        return version != null && version.toLowerCase(Locale.ROOT).contains("mariadb")
                ? new MariaDbReplication() : new MySqlReplication();
    }
}
