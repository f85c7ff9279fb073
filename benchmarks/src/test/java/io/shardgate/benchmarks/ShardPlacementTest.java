package io.shardgate.benchmarks;

import io.shardgate.rules.algorithm.ShardingAlgorithms;
import io.shardgate.rules.config.RuleLoader;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.route.RouteContext;
import io.shardgate.rules.route.RoutePlan;
import io.shardgate.rules.route.RouteUnit;
import io.shardgate.rules.route.Router;
import io.shardgate.sql.SqlAnalyzer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC benchmark loads each order into the physical table {@link OrdersDataset} computes; the
 * Shardgate rule file must look for it there, or the benchmark measures wrong answers. (The trial
 * also checks every contender's answers against a real server before measuring.)
 */
class ShardPlacementTest {

    @Test
    void shardgateRulesLookForEachUserWhereTheDatasetPutsIt() throws IOException {
        String text;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("jdbc/shardgate-rules.yaml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@PORT@", "3306").replace("@USER@", "u").replace("@PASSWORD@", "p")
                    .replace("@URL_OPTIONS@", EmbeddedMariaDb.URL_OPTIONS);
        }
        RuleSet rules = new RuleLoader(name -> null).load("shardgate-rules.yaml", text);
        Router router = new Router(rules, new ShardingAlgorithms());
        SqlAnalyzer analyzer = new SqlAnalyzer(16);
        OrdersDataset dataset = new OrdersDataset(100, 1);
        for (OrdersDataset.Order order : dataset.orders()) {
            RoutePlan plan = router.route(analyzer.analyze(Workloads.POINT_SELECT), List.of(order.userId()),
                    RouteContext.AUTOCOMMIT);
            assertThat(plan.units()).hasSize(1);
            RouteUnit unit = plan.units().get(0);
            int shard = order.shard();
            String expectedGroup = "g" + OrdersDataset.SHARD_DATABASES.indexOf(OrdersDataset.database(shard));
            assertThat(unit.group()).as("group of user %d", order.userId()).isEqualTo(expectedGroup);
            assertThat(unit.sql()).as("SQL for user %d", order.userId()).contains(OrdersDataset.table(shard));
        }
    }
}
