package io.shardgate.jdbc;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The driver as applications meet it: DriverManager, URLs, rule files, logical metadata. */
class ShardgateDriverTest {

    private static final String URL = "jdbc:shardgate:classpath:jdbc-test-rules.yaml";

    @BeforeAll
    static void createPhysicalTables() throws SQLException {
        for (int g = 0; g < 2; g++) {
            try (Connection c = DriverManager.getConnection("jdbc:h2:mem:jdbc_test_g" + g
                    + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
                 Statement s = c.createStatement()) {
                for (int t = 0; t < 2; t++) {
                    s.execute("CREATE TABLE IF NOT EXISTS orders_" + t + " (order_id BIGINT, user_id INT NOT NULL, "
                            + "note VARCHAR(20), PRIMARY KEY (order_id))");
                }
                s.execute("CREATE TABLE IF NOT EXISTS countries (code CHAR(2) PRIMARY KEY, name VARCHAR(40))");
                if (g == 0) {
                    s.execute("CREATE TABLE IF NOT EXISTS customers (id INT PRIMARY KEY, email VARCHAR(80))");
                }
            }
        }
    }

    @Test
    void driverManagerFindsTheDriverThroughServiceLoading() throws SQLException {
        Driver driver = DriverManager.getDriver(URL);
        assertThat(driver).isInstanceOf(ShardgateDriver.class);
        assertThat(driver.acceptsURL("jdbc:mysql://localhost/x")).isFalse();
        try (Connection connection = DriverManager.getConnection(URL)) {
            assertThat(connection.getCatalog()).isEqualTo("shop");
            assertThat(connection.getAutoCommit()).isTrue();
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("MySQL");
        }
    }

    @Test
    void metadataListsLogicalTablesColumnsAndKeysButNeverShards() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL)) {
            DatabaseMetaData meta = connection.getMetaData();
            assertThat(strings(meta.getTables("shop", null, "%", new String[] {"TABLE"}), "TABLE_NAME"))
                    .containsExactly("countries", "customers", "orders");
            assertThat(strings(meta.getTables(null, null, "c%", null), "TABLE_NAME"))
                    .containsExactly("countries", "customers");
            ResultSet columns = meta.getColumns("shop", null, "orders", "%");
            List<String> names = new ArrayList<>();
            while (columns.next()) {
                names.add(columns.getString("COLUMN_NAME") + ":" + columns.getString("IS_NULLABLE"));
                assertThat(columns.getString("TABLE_NAME")).isEqualTo("orders");
                assertThat(columns.getString("TABLE_CAT")).isEqualTo("shop");
            }
            assertThat(names).containsExactly("order_id:NO", "user_id:NO", "note:YES");
            assertThat(strings(meta.getPrimaryKeys("shop", null, "orders"), "COLUMN_NAME")).containsExactly("order_id");
            assertThat(strings(meta.getCatalogs(), "TABLE_CAT")).containsExactly("shop");
        }
    }

    @Test
    void aDataSourceReadsARuleFileFromDisk(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        try (var in = getClass().getClassLoader().getResourceAsStream("jdbc-test-rules.yaml")) {
            Files.write(rules, in.readAllBytes());
        }
        try (ShardgateDataSource dataSource = new ShardgateDataSource("jdbc:shardgate:file:" + rules);
             Connection connection = dataSource.getConnection()) {
            assertThat(strings(connection.getMetaData().getTables(null, null, "orders", null), "TABLE_NAME"))
                    .containsExactly("orders");
        }
    }

    @Test
    void badUrlsAndMissingFilesAreConnectionErrorsThatSayWhatToWrite() {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:shardgate:rules.yaml"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("08001");
                    assertThat(e.getMessage()).contains("file:/path/rules.yaml");
                });
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:shardgate:classpath:nope.yaml"))
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getMessage()).contains("nope.yaml is not on the class path"));
    }

    @Test
    void unknownDatabaseInTheUrlIsRefused() {
        assertThatThrownBy(() -> DriverManager.getConnection(URL + "?database=other"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(1049);
                    assertThat(e.getSQLState()).isEqualTo("42000");
                    assertThat((Throwable) e).isInstanceOf(java.sql.SQLSyntaxErrorException.class);
                });
    }

    @Test
    void unsupportedFeaturesNameTheMethod() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL)) {
            assertThatThrownBy(() -> connection.prepareCall("CALL p()"))
                    .isInstanceOf(java.sql.SQLFeatureNotSupportedException.class)
                    .hasMessageContaining("Connection.prepareCall(String)");
            assertThatThrownBy(connection::createBlob).hasMessageContaining("Connection.createBlob()");
            ResultSet tables = connection.getMetaData().getTables(null, null, "%", null);
            assertThatThrownBy(() -> tables.updateString(1, "x"))
                    .isInstanceOf(java.sql.SQLFeatureNotSupportedException.class)
                    .hasMessageContaining("ResultSet.updateString(int, String)");
        }
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        List<String> values = new ArrayList<>();
        while (rs.next()) {
            values.add(rs.getString(column));
        }
        rs.close();
        return values;
    }
}
