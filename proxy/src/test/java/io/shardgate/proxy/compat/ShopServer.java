package io.shardgate.proxy.compat;

import io.shardgate.proxy.frontend.TlsConfig;
import io.shardgate.proxy.server.DemoShop;
import io.shardgate.proxy.server.ShardgateServer;
import io.shardgate.rules.config.RuleLoader;
import io.shardgate.rules.config.RuleSet;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real server (engine + proxy) on an ephemeral port with TLS, serving the demo shop (users and
 * orders sharded by user over 4 shards in 2 groups, countries broadcast) over embedded H2 shards
 * or over any other groups' URLs; account app/secret.
 */
public final class ShopServer implements AutoCloseable {

    public static final String PASSWORD = "secret";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    public final ShardgateServer server;

    private ShopServer(ShardgateServer server) {
        this.server = server;
    }

    /** Over two fresh in-memory H2 databases, with the demo's data loaded through the engine. */
    public static ShopServer onH2() {
        int id = SEQUENCE.incrementAndGet();
        String g0 = "jdbc:h2:mem:compat" + id + "_g0;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        String g1 = "jdbc:h2:mem:compat" + id + "_g1;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        ShopServer shop = start(g0, "sa", "", g1, "sa", "");
        DemoShop.load(shop.server.engine());
        return shop;
    }

    /** Over two groups at the given JDBC URLs (the tables are created by the caller). */
    public static ShopServer start(String url0, String user0, String password0, String url1, String user1, String password1) {
        String yaml = """
                database: shop
                users:
                  - { name: app, password: "%s" }
                groups:
                  g0:
                    leader: { url: "%s", user: "%s", password: "%s" }
                  g1:
                    leader: { url: "%s", user: "%s", password: "%s" }
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
                """.formatted(PASSWORD, url0, user0, password0, url1, user1, password1);
        RuleSet rules = new RuleLoader(name -> null).load("shop-test.yaml", yaml);
        return new ShopServer(ShardgateServer.start(List.of(rules), "127.0.0.1", 0, TlsConfig.selfSigned("localhost")));
    }

    public int port() {
        return server.port();
    }

    public String mysqlUrl(String parameters) {
        return "jdbc:mysql://127.0.0.1:" + port() + "/shop?sslMode=DISABLED&allowPublicKeyRetrieval=true"
                + "&connectTimeout=5000&socketTimeout=60000" + (parameters.isEmpty() ? "" : "&" + parameters);
    }

    public String mariadbUrl(String parameters) {
        return "jdbc:mariadb://127.0.0.1:" + port() + "/shop?connectTimeout=5000&socketTimeout=60000"
                + (parameters.isEmpty() ? "" : "&" + parameters);
    }

    /** The demo's users 1..20: names, and ages 20 + (i * 7) % 45 for user i + 1. */
    static final List<String> NAMES = List.of("ada", "grace", "linus", "margaret", "ken", "barbara", "donald",
            "frances", "edsger", "radia", "tim", "anita", "dennis", "sophie", "guido", "jean", "alan", "hedy", "john",
            "katherine");

    static int age(int userId) {
        return 20 + ((userId - 1) * 7) % 45;
    }

    /** The total amount of the demo's 60 orders. */
    static BigDecimal totalAmount() {
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < 60; i++) {
            total = total.add(new BigDecimal((5 + (i * 37) % 200) + "." + String.format("%02d", (i * 13) % 100)));
        }
        return total;
    }

    @Override
    public void close() {
        server.close();
    }
}
