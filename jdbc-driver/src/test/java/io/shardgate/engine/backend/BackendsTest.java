package io.shardgate.engine.backend;

import io.shardgate.engine.testing.H2Groups;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;
import io.shardgate.rules.config.DataSourceRule;
import io.shardgate.rules.config.GroupRule;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.route.RouteUnit;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendsTest {

    @Test
    void poolsStartOnFirstUseAndAreNamedByDatabaseGroupAndRole() throws Exception {
        try (H2Groups h2 = new H2Groups(2); Backends backends = new Backends(h2.rules("shop", Map.of()))) {
            BackendServer g1 = backends.leader("g1");
            assertThat(g1.poolName()).isEqualTo("shardgate-shop-g1-leader");
            assertThat(backends.isStarted(g1)).isFalse();
            try (Connection connection = backends.connect(g1)) {
                assertThat(connection.getAutoCommit()).isTrue();
                assertThat(backends.activeConnections(g1)).isEqualTo(1);
            }
            assertThat(backends.isStarted(g1)).isTrue();
            assertThat(backends.activeConnections(g1)).isZero();
            assertThat(backends.isStarted(backends.leader("g0"))).isFalse();
        }
    }

    @Test
    void followersGetTheirOwnPoolsAndReadsGoToTheLeaderForNow() {
        try (H2Groups h2 = new H2Groups(1)) {
            RuleSet base = h2.rules("shop", Map.of());
            Map<String, GroupRule> groups = new LinkedHashMap<>();
            GroupRule g0 = base.groups().get("g0");
            groups.put("g0", new GroupRule("g0", g0.leader(), List.of(g0.leader(), g0.leader()), g0.pool()));
            RuleSet rules = new RuleSet(base.source(), "shop", List.of(), groups, "g0", Map.of(), base.reads(),
                    base.writes(), base.policies());
            try (Backends backends = new Backends(rules)) {
                assertThat(backends.servers()).extracting(BackendServer::poolName).containsExactly(
                        "shardgate-shop-g0-leader", "shardgate-shop-g0-follower-1", "shardgate-shop-g0-follower-2");
                RouteUnit read = new RouteUnit("g0", RouteUnit.Role.READ, "SELECT 1", new int[0], List.of());
                RouteUnit write = new RouteUnit("g0", RouteUnit.Role.LEADER, "DELETE FROM t", new int[0], List.of());
                assertThat(backends.serverFor(read).isLeader()).isTrue();
                assertThat(backends.serverFor(write).isLeader()).isTrue();
            }
        }
    }

    @Test
    void anUnreachableServerCostsTheStatementWithAMessageNamingItButNotThePassword() {
        DataSourceRule down = new DataSourceRule("jdbc:h2:tcp://127.0.0.1:1/nowhere;USER=x?password=leak",
                "app", "top-secret", 1);
        Map<String, GroupRule> groups = Map.of("g9", new GroupRule("g9", down, List.of(),
                new GroupRule.Pool(2, 0, Duration.ofMillis(500))));
        RuleSet rules = new RuleSet("down.yaml", "shop", List.of(), groups, "g9", Map.of(),
                io.shardgate.rules.config.ReadRule.DEFAULT, io.shardgate.rules.config.WriteRule.DEFAULT,
                io.shardgate.rules.config.Policies.DEFAULT);
        try (Backends backends = new Backends(rules)) {
            assertThatThrownBy(() -> backends.connect(backends.leader("g9")))
                    .isInstanceOfSatisfying(ShardgateException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
                        assertThat(e.getMessage()).contains("group g9 leader (jdbc:h2:tcp://127.0.0.1:1/nowhere)")
                                .contains("is unavailable").doesNotContain("top-secret").doesNotContain("leak");
                    });
        }
        assertThat(down.toString()).doesNotContain("top-secret");
    }

    @Test
    void unknownGroupsAreARoutingError() {
        try (H2Groups h2 = new H2Groups(1); Backends backends = new Backends(h2.rules("shop", Map.of()))) {
            assertThatThrownBy(() -> backends.leader("g7")).isInstanceOfSatisfying(ShardgateException.class,
                    e -> assertThat(e.getMessage()).contains("group 'g7' is not defined").contains("known groups: g0"));
        }
    }

    @Test
    void closingStopsThePoolsAndRefusesNewConnections() throws Exception {
        H2Groups h2 = new H2Groups(1);
        Backends backends = new Backends(h2.rules("shop", Map.of()));
        try (Connection connection = backends.connect(backends.leader("g0"))) {
            assertThat(connection.isValid(1)).isTrue();
        }
        backends.close();
        assertThatThrownBy(() -> backends.connect(backends.leader("g0"))).hasMessageContaining("closed");
        h2.close();
    }

    @Test
    void sessionVariablesAreReplayedOnlyWhereTheyDifferAndResetForTheNextSession() throws Exception {
        try (H2Groups h2 = new H2Groups(1)) {
            RuleSet base = h2.rules("shop", Map.of());
            Map<String, GroupRule> groups = Map.of("g0", new GroupRule("g0", base.groups().get("g0").leader(),
                    List.of(), new GroupRule.Pool(1, 0, Duration.ofSeconds(2)))); // one connection: always the same
            RuleSet rules = new RuleSet(base.source(), "shop", List.of(), groups, "g0", Map.of(), base.reads(),
                    base.writes(), base.policies());
            try (Backends backends = new Backends(rules)) {
                SessionVariables first = new SessionVariables();
                first.setUser("x", "42");
                first.setSystem("sql_mode", "'ANSI'"); // not replayed on H2
                try (Connection c = backends.connect(backends.leader("g0"), first)) {
                    assertThat(value(c, "SELECT @x")).isEqualTo(42);
                }
                SessionVariables second = new SessionVariables();
                second.setUser("y", "'hello'");
                try (Connection c = backends.connect(backends.leader("g0"), second)) {
                    assertThat(value(c, "SELECT @x")).as("another session's variable is reset").isNull();
                    assertThat(value(c, "SELECT @y")).isEqualTo("hello");
                }
                assertThat(first.assignments(BackendDialect.MYSQL)).containsEntry("@@sql_mode", "'ANSI'");
                assertThat(first.assignments(BackendDialect.H2)).doesNotContainKey("@@sql_mode");
            }
        }
    }

    private static Object value(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }
}
