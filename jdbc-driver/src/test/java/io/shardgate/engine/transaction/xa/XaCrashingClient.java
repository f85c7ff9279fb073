package io.shardgate.engine.transaction.xa;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The child JVM of the XA fault tests: moves 10 from account 2 (group g0) to account 1 (group g1)
 * in one transaction through the JDBC driver, then exits 0. Run with the system property
 * {@code shardgate.test.crash-point} it halts (exit 77) at that point of the commit instead.
 */
public final class XaCrashingClient {

    private XaCrashingClient() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:shardgate:file:" + args[0]);
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.executeUpdate("UPDATE accounts SET balance = balance - 10 WHERE id = 2");
            statement.executeUpdate("UPDATE accounts SET balance = balance + 10 WHERE id = 1");
            connection.commit();
        }
        System.exit(0);
    }
}
