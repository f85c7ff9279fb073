package io.shardgate.proxy.compat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cross-shard join through the proxy with Connector/J: the proxy runs the same engine as the
 * driver, so the join is federated (joined in Shardgate), its rows equal the co-located form of
 * the same question, and the cross-shard-join warning (8003) is on the statement.
 */
class FederatedJoinProxyTest {

    private static ShopServer shop;

    @BeforeAll
    static void start() {
        shop = ShopServer.onH2();
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void federatedJoinAnswersLikeTheColocatedFormAndWarns() throws SQLException {
        try (Connection c = DriverManager.getConnection(shop.mysqlUrl(""), "app", ShopServer.PASSWORD)) {
            // the semi-join is not joined on the shard key in a way the router can see: federated
            List<List<Object>> federated = CompatH2Test.rows(c, "SELECT o.order_id, o.amount FROM orders o "
                    + "WHERE o.user_id IN (SELECT id FROM users WHERE age > 40) ORDER BY o.order_id");
            List<List<Object>> warnings = CompatH2Test.rows(c, "SHOW WARNINGS");
            List<List<Object>> colocated = CompatH2Test.rows(c, "SELECT o.order_id, o.amount FROM orders o "
                    + "JOIN users u ON u.id = o.user_id WHERE u.age > 40 ORDER BY o.order_id");
            assertThat(federated).isNotEmpty().isEqualTo(colocated);
            assertThat(warnings).anyMatch(w -> String.valueOf(w.get(1)).equals("8003")
                    && String.valueOf(w.get(2)).contains("cross-shard-join=federate"));

            // users joined with itself other than on the shard key: pairs whose ages end in the same digit
            List<List<Object>> pairs = CompatH2Test.rows(c, "SELECT a.id, b.id FROM users a JOIN users b "
                    + "ON MOD(a.age, 10) = MOD(b.age, 10) AND a.id < b.id ORDER BY a.id, b.id");
            for (List<Object> pair : pairs) {
                long a = ((Number) pair.get(0)).longValue();
                long b = ((Number) pair.get(1)).longValue();
                assertThat(ShopServer.age((int) a) % 10).isEqualTo(ShopServer.age((int) b) % 10);
            }
            long expected = 0;
            for (int a = 1; a <= 20; a++) {
                for (int b = a + 1; b <= 20; b++) {
                    expected += ShopServer.age(a) % 10 == ShopServer.age(b) % 10 ? 1 : 0;
                }
            }
            assertThat(expected).isPositive();
            assertThat(pairs).hasSize((int) expected);
        }
    }
}
