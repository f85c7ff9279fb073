package io.shardgate.engine.testing;

import io.shardgate.rules.config.DataSourceRule;
import io.shardgate.rules.config.GroupRule;
import io.shardgate.rules.config.Policies;
import io.shardgate.rules.config.ReadRule;
import io.shardgate.rules.config.RuleSet;
import io.shardgate.rules.config.TableRule;
import io.shardgate.rules.config.WriteRule;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory H2 databases in MySQL mode, one per group, with names unique to the test so that
 * tests never see each other's tables; and rule sets over them.
 */
public final class H2Groups implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    static {
        org.h2.Driver.load(); // registered even if another java.sql.Driver provider failed to load first
    }

    private final List<String> urls = new ArrayList<>();
    private final List<Connection> keepAlive = new ArrayList<>();

    public H2Groups(int groups) {
        int id = SEQUENCE.incrementAndGet();
        for (int g = 0; g < groups; g++) {
            String url = "jdbc:h2:mem:sg" + id + "_g" + g
                    + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;LAZY_QUERY_EXECUTION=1;DB_CLOSE_DELAY=0";
            urls.add(url);
            try {
                keepAlive.add(DriverManager.getConnection(url, "sa", "secret-pw")); // the database lives while this connection does
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public String url(int group) {
        return urls.get(group);
    }

    public int size() {
        return urls.size();
    }

    /** Runs statements directly on a group's database. */
    public void exec(int group, String... sql) {
        try (Statement statement = keepAlive.get(group).createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs statements on every group. */
    public void execAll(String... sql) {
        for (int g = 0; g < urls.size(); g++) {
            exec(g, sql);
        }
    }

    /** A single value read directly from a group. */
    public Object query(int group, String sql) {
        try (Statement statement = keepAlive.get(group).createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getObject(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public RuleSet rules(String database, Map<String, TableRule> tables) {
        return rules(database, tables, Policies.DEFAULT);
    }

    public RuleSet rules(String database, Map<String, TableRule> tables, Policies policies) {
        Map<String, GroupRule> groups = new LinkedHashMap<>();
        for (int g = 0; g < urls.size(); g++) {
            groups.put("g" + g, new GroupRule("g" + g, new DataSourceRule(urls.get(g), "sa", "secret-pw", 1), List.of(),
                    new GroupRule.Pool(4, 0, Duration.ofSeconds(2))));
        }
        return new RuleSet("test-" + database + ".yaml", database, List.of(), groups, "g0", tables, ReadRule.DEFAULT,
                WriteRule.DEFAULT, policies);
    }

    @Override
    public void close() {
        for (Connection connection : keepAlive) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // in-memory database goes away with its last connection
            }
        }
    }
}
