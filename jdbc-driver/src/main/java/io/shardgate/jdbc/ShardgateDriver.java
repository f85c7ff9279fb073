package io.shardgate.jdbc;

import io.shardgate.engine.Engine;
import io.shardgate.engine.EngineSession;
import io.shardgate.error.ShardgateException;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The in-process Shardgate driver for {@code jdbc:shardgate:file:/path/rules.yaml} and
 * {@code jdbc:shardgate:classpath:rules.yaml} URLs, found by {@link DriverManager} through
 * {@code META-INF/services/java.sql.Driver}. Connections to the same rule files share one engine
 * (and its backend pools) until the last of them closes; for a longer-lived engine use
 * {@link ShardgateDataSource}.
 */
public final class ShardgateDriver implements Driver {

    static final String VERSION = "0.1.0";
    static final int MAJOR = 0;
    static final int MINOR = 1;

    static {
        try {
            DriverManager.registerDriver(new ShardgateDriver()); // JDBC requires drivers to register on load
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SharedEngines engines = new SharedEngines();

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null; // JDBC: another driver's URL
        }
        ShardgateUrl parsed = ShardgateUrl.parse(url);
        Engine engine = engines.acquire(parsed);
        try {
            String database = parsed.database() != null ? parsed.database()
                    : info != null && info.getProperty("database") != null ? info.getProperty("database")
                    : engine.databases().get(0);
            EngineSession session = engine.openSession(database);
            return new ShardgateConnection(engine, session, url, () -> engines.release(parsed));
        } catch (ShardgateException e) {
            engines.release(parsed);
            throw JdbcErrors.of(e);
        }
    }

    @Override
    public boolean acceptsURL(String url) {
        return ShardgateUrl.accepts(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        DriverPropertyInfo database = new DriverPropertyInfo("database", info == null ? null : info.getProperty("database"));
        database.description = "the logical database to connect to (default: the first rule file's)";
        return new DriverPropertyInfo[] {database};
    }

    @Override
    public int getMajorVersion() {
        return MAJOR;
    }

    @Override
    public int getMinorVersion() {
        return MINOR;
    }

    @Override
    public boolean jdbcCompliant() {
        return false; // forward-only results, no stored procedures
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw JdbcErrors.notSupported("Driver.getParentLogger() (Shardgate logs through SLF4J)");
    }
}
