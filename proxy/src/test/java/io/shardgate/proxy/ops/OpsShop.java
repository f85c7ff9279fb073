package io.shardgate.proxy.ops;

import io.shardgate.proxy.frontend.TlsConfig;
import io.shardgate.proxy.server.DemoShop;
import io.shardgate.proxy.server.ShardgateServer;
import io.shardgate.rules.config.RuleLoader;
import io.shardgate.rules.config.RuleSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo shop on two fresh in-memory H2 groups, served by a real proxy whose rules come from a
 * file that tests rewrite and reload; an admin port on any free port; account app/secret.
 */
final class OpsShop implements AutoCloseable {

    static final String PASSWORD = "secret";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    final Path rulesFile;
    final String g0;
    final String g1;
    final ShardgateServer server;

    private OpsShop(Path rulesFile, String g0, String g1, ShardgateServer server) {
        this.rulesFile = rulesFile;
        this.g0 = g0;
        this.g1 = g1;
        this.server = server;
    }

    static OpsShop start(Path directory) {
        int id = SEQUENCE.incrementAndGet();
        String g0 = "jdbc:h2:mem:ops" + id + "_g0;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        String g1 = "jdbc:h2:mem:ops" + id + "_g1;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        Path file = directory.resolve("shop-" + id + ".yaml");
        write(file, rules(g0, g1, ""));
        RuleLoader loader = new RuleLoader(name -> null);
        List<RuleSet> rules = loader.loadAll(List.of(file));
        ShardgateServer server = ShardgateServer.start(rules, () -> loader.loadAll(List.of(file)), "127.0.0.1", 0,
                TlsConfig.none()).withAdmin("127.0.0.1", 0);
        DemoShop.load(server.engine());
        for (String url : List.of(g0, g1)) {
            try (Connection h2 = DriverManager.getConnection(url, "sa", "")) {
                // a function that takes time, to have statements in flight
                h2.createStatement().execute("CREATE ALIAS IF NOT EXISTS PAUSE FOR 'java.lang.Thread.sleep(long)'");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return new OpsShop(file, g0, g1, server);
    }

    /** The rule file; {@code extra} is appended under {@code tables:} and may add users with a users: block. */
    static String rules(String g0, String g1, String extraTables) {
        return """
                database: shop
                users:
                  - { name: app, password: "%s" }
                groups:
                  g0:
                    leader: { url: "%s", user: sa, password: "" }
                  g1:
                    leader: { url: "%s", user: sa, password: "" }
                default-group: g0
                tables:
                  users:
                    shard-key: id
                    algorithm: hash-mod
                    shards: "g${0..1}.users_${0..1}"
                  orders:
                    shard-key: user_id
                    co-located-with: users
                    key-generator: { column: order_id, type: snowflake }
                  countries:
                    broadcast: true
                %s""".formatted(PASSWORD, g0, g1, extraTables);
    }

    void rewrite(String text) {
        write(rulesFile, text);
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "jdbc:mysql://127.0.0.1:" + server.port() + "/shop?sslMode=DISABLED&allowPublicKeyRetrieval=true"
                + "&connectTimeout=5000&socketTimeout=60000";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "app", PASSWORD);
    }

    @Override
    public void close() {
        server.close();
    }
}
