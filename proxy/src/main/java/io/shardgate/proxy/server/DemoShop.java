package io.shardgate.proxy.server;

import io.shardgate.engine.Engine;
import io.shardgate.engine.EngineSession;
import io.shardgate.engine.ExecutionResult;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo's sample shop, created through the engine itself: the DDL fans out to every physical
 * table and the rows are routed by their shard keys, exactly as a client's statements would be.
 */
public final class DemoShop {

    static final String[] COUNTRIES = {"FR", "DE", "US", "JP", "BR"};
    static final String[] COUNTRY_NAMES = {"France", "Germany", "United States", "Japan", "Brazil"};
    static final String[] NAMES = {"ada", "grace", "linus", "margaret", "ken", "barbara", "donald", "frances",
        "edsger", "radia", "tim", "anita", "dennis", "sophie", "guido", "jean", "alan", "hedy", "john", "katherine"};
    static final String[] STATUSES = {"new", "paid", "shipped"};

    private DemoShop() {
    }

    /** Creates the tables and loads 20 users, 60 orders and 5 countries into database {@code shop}. */
    public static void load(Engine engine) {
        try (EngineSession session = engine.openSession("shop")) {
            for (String sql : statements()) {
                try (ExecutionResult ignored = session.execute(sql, List.of())) {
                    // DDL and inserts: nothing to read
                }
            }
        }
    }

    static List<String> statements() {
        List<String> sql = new ArrayList<>();
        sql.add("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(50) NOT NULL, country CHAR(2), age INT)");
        sql.add("CREATE TABLE orders (order_id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, amount DECIMAL(10,2),"
                + " status VARCHAR(20), created_at TIMESTAMP)");
        sql.add("CREATE TABLE countries (code CHAR(2) PRIMARY KEY, name VARCHAR(50))");
        StringBuilder countries = new StringBuilder("INSERT INTO countries (code, name) VALUES ");
        for (int i = 0; i < COUNTRIES.length; i++) {
            countries.append(i == 0 ? "" : ", ").append("('").append(COUNTRIES[i]).append("', '")
                    .append(COUNTRY_NAMES[i]).append("')");
        }
        sql.add(countries.toString());
        StringBuilder users = new StringBuilder("INSERT INTO users (id, name, country, age) VALUES ");
        for (int i = 0; i < NAMES.length; i++) {
            users.append(i == 0 ? "" : ", ").append('(').append(i + 1).append(", '").append(NAMES[i]).append("', '")
                    .append(COUNTRIES[i % COUNTRIES.length]).append("', ").append(20 + (i * 7) % 45).append(')');
        }
        sql.add(users.toString());
        StringBuilder orders = new StringBuilder("INSERT INTO orders (order_id, user_id, amount, status, created_at) VALUES ");
        for (int i = 0; i < 60; i++) {
            orders.append(i == 0 ? "" : ", ").append('(').append(1000 + i).append(", ").append(i % NAMES.length + 1)
                    .append(", ").append(5 + (i * 37) % 200).append('.').append(String.format("%02d", (i * 13) % 100))
                    .append(", '").append(STATUSES[i % STATUSES.length]).append("', TIMESTAMP '2026-11-")
                    .append(String.format("%02d", 1 + i % 24)).append(" 10:00:00')");
        }
        sql.add(orders.toString());
        return sql;
    }
}
