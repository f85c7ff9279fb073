package io.shardgate.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shardgate.jdbc.ShardgateDataSource;
import org.apache.shardingsphere.driver.api.yaml.YamlShardingSphereDataSourceFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The three ways the JDBC benchmarks reach the same MariaDB server: each opens a {@link DataSource}
 * whose connections see one logical table {@code orders}. All three use Connector/J underneath with
 * the same URL options and HikariCP pools of the same size.
 */
enum Contender {

    /** Raw Connector/J through a HikariCP pool, straight to {@code shop_single.orders}. */
    CONNECTOR_J("connectorj") {
        @Override
        Opened open(int port, Path workDir, String urlOptions) {
            HikariConfig config = new HikariConfig();
            config.setPoolName("bench-connectorj");
            config.setJdbcUrl(EmbeddedMariaDb.jdbcUrl(port, OrdersDataset.SINGLE_DATABASE, urlOptions));
            config.setUsername(EmbeddedMariaDb.USER);
            config.setPassword(EmbeddedMariaDb.PASSWORD);
            config.setMaximumPoolSize(POOL_SIZE);
            config.setAutoCommit(true);
            HikariDataSource pool = new HikariDataSource(config);
            return new Opened(pool, pool::close);
        }
    },

    /** Shardgate's driver: {@code jdbc:shardgate:file:…} over the four shards. */
    SHARDGATE("shardgate") {
        @Override
        Opened open(int port, Path workDir, String urlOptions) {
            Path rules = writeConfig(port, workDir, urlOptions, "jdbc/shardgate-rules.yaml");
            ShardgateDataSource dataSource = new ShardgateDataSource("jdbc:shardgate:file:" + rules.toAbsolutePath());
            return new Opened(dataSource, dataSource::close);
        }
    },

    /** ShardingSphere-JDBC from its YAML, over the same four shards. */
    SHARDINGSPHERE("shardingsphere") {
        @Override
        Opened open(int port, Path workDir, String urlOptions) throws SQLException {
            Path yaml = writeConfig(port, workDir, urlOptions, "jdbc/shardingsphere.yaml");
            DataSource dataSource;
            try {
                dataSource = YamlShardingSphereDataSourceFactory.createDataSource(yaml.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalStateException("ShardingSphere-JDBC " + shardingSphereVersion()
                        + " did not start, so its benchmarks are skipped: " + e
                        + " (see benchmarks/README.md, 'ShardingSphere')", e);
            }
            DataSource opened = dataSource;
            return new Opened(opened, () -> {
                if (opened instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            });
        }
    };

    /** Pool size of every contender's backend pools (Shardgate's default). */
    static final int POOL_SIZE = 16;

    private final String key;

    Contender(String key) {
        this.key = key;
    }

    /** The name used in {@code @Param} values and result tables. */
    String key() {
        return key;
    }

    static Contender of(String key) {
        for (Contender contender : values()) {
            if (contender.key.equals(key)) {
                return contender;
            }
        }
        throw new IllegalArgumentException("unknown contender '" + key + "'; expected connectorj, shardgate or shardingsphere");
    }

    abstract Opened open(int port, Path workDir, String urlOptions) throws SQLException;

    /** An open data source and how to close it (pools, engines, ShardingSphere's context). */
    record Opened(DataSource dataSource, AutoCloseable closer) {
    }

    /** The ShardingSphere version the benchmark jar was built with (the root pom's shardingsphere.version). */
    static String shardingSphereVersion() {
        try (InputStream in = Contender.class.getClassLoader().getResourceAsStream("jdbc/versions.properties")) {
            Properties versions = new Properties();
            if (in != null) {
                versions.load(in);
            }
            return versions.getProperty("shardingsphere", "(version unknown)");
        } catch (IOException e) {
            return "(version unknown)";
        }
    }

    /** Copies a config template from the class path into workDir with the server's port, account and URL options filled in. */
    private static Path writeConfig(int port, Path workDir, String urlOptions, String resource) {
        try (InputStream in = Contender.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the benchmark jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@PORT@", Integer.toString(port))
                    .replace("@USER@", EmbeddedMariaDb.USER)
                    .replace("@PASSWORD@", EmbeddedMariaDb.PASSWORD)
                    .replace("@URL_OPTIONS@", EmbeddedMariaDb.urlOptions(urlOptions));
            Path file = workDir.resolve(Path.of(resource).getFileName());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
