package io.shardgate.jdbc;

import io.shardgate.engine.Engine;
import io.shardgate.engine.EngineSession;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.config.RuleSet;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.logging.Logger;

/**
 * A {@link DataSource} over one Shardgate engine, which it owns (built from a URL or rule sets,
 * closed by {@link #close()}) or borrows (given an engine). Bean-style for frameworks:
 * {@code new ShardgateDataSource()} then {@link #setUrl}. Every connection is a new engine session;
 * backend connections are pooled by the engine, so wrapping this in another pool is optional.
 * User and password are not checked: accounts in rule files are for the proxy.
 */
public final class ShardgateDataSource implements DataSource, AutoCloseable {

    private String url = "jdbc:shardgate:";
    private String database;
    private Engine engine;
    private boolean ownsEngine;
    private PrintWriter logWriter;
    private int loginTimeout;

    public ShardgateDataSource() {
    }

    /** From a {@code jdbc:shardgate:} URL; the engine starts with the first connection. */
    public ShardgateDataSource(String url) {
        this.url = url;
    }

    /** Over rule sets already loaded; sessions open in the first rule set's database. */
    public ShardgateDataSource(List<RuleSet> rules) {
        this(new Engine(rules), rules.get(0).database());
        this.ownsEngine = true;
    }

    /** Over an existing engine, which stays open when this data source closes. */
    public ShardgateDataSource(Engine engine, String database) {
        this.engine = engine;
        this.database = database;
        this.url = "jdbc:shardgate:engine";
    }

    public synchronized void setUrl(String url) {
        if (engine != null) {
            throw new IllegalStateException("the data source is already connected to " + this.url);
        }
        this.url = url;
    }

    public String getUrl() {
        return url;
    }

    /** The logical database connections start in (default: the URL's, else the first rule file's). */
    public void setDatabase(String database) {
        this.database = database;
    }

    public String getDatabase() {
        return database;
    }

    private synchronized Engine engine() throws SQLException {
        if (engine == null) {
            ShardgateUrl parsed = ShardgateUrl.parse(url);
            engine = new Engine(parsed.load());
            ownsEngine = true;
            if (database == null) {
                database = parsed.database();
            }
        }
        return engine;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Engine e = engine();
        try {
            EngineSession session = e.openSession(database != null ? database : e.databases().get(0));
            return new ShardgateConnection(e, session, url, () -> { });
        } catch (ShardgateException ex) {
            throw JdbcErrors.of(ex);
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    /** Closes the engine if this data source created it: open sessions end, pools close. */
    @Override
    public synchronized void close() {
        if (engine != null && ownsEngine) {
            engine.close();
        }
        engine = null;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw JdbcErrors.notSupported("DataSource.getParentLogger() (Shardgate logs through SLF4J)");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
