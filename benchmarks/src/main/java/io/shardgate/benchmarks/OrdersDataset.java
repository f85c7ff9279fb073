package io.shardgate.benchmarks;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The benchmark's orders: {@code users} users with {@code ordersPerUser} orders each, generated
 * from a fixed seed, loaded twice into one server: whole into {@code shop_single.orders} (what raw
 * Connector/J queries) and split by {@code user_id mod 4} into four physical tables in two
 * databases (what both sharding drivers query):
 *
 * <pre>
 *   user_id mod 4 = 0 → shop_0.orders_0     1 → shop_1.orders_1
 *                   2 → shop_0.orders_2     3 → shop_1.orders_3
 * </pre>
 *
 * This is exactly where Shardgate's {@code mod} over the node list
 * {@code [g0.orders_0, g1.orders_1, g0.orders_2, g1.orders_3]} and ShardingSphere's {@code MOD}
 * (database by user_id mod 2, table by user_id mod 4) look for a user's rows, so the two read the
 * same physical rows.
 */
final class OrdersDataset {

    static final String SINGLE_DATABASE = "shop_single";
    static final List<String> SHARD_DATABASES = List.of("shop_0", "shop_1");
    static final List<String> STATUSES = List.of("cancelled", "delivered", "new", "paid", "shipped");

    private static final long SEED = 20_240_101L;
    private static final int BATCH = 1_000;

    private final int users;
    private final int ordersPerUser;

    OrdersDataset(int users, int ordersPerUser) {
        this.users = users;
        this.ordersPerUser = ordersPerUser;
    }

    int users() {
        return users;
    }

    int ordersPerUser() {
        return ordersPerUser;
    }

    long orderCount() {
        return (long) users * ordersPerUser;
    }

    /** The database and physical table that hold the rows of {@code shard} (0..3). */
    static String database(int shard) {
        return SHARD_DATABASES.get(shard % 2);
    }

    static String table(int shard) {
        return "orders_" + shard;
    }

    /** One order; ids run 1..orderCount, user ids 1..users. */
    record Order(long orderId, long userId, BigDecimal amount, String status) {
        int shard() {
            return (int) Math.floorMod(userId, 4L);
        }
    }

    /** What {@code SELECT status, COUNT(*), SUM(amount) … GROUP BY status} must return. */
    record StatusTotal(long count, BigDecimal sum) {
    }

    /** Creates the databases and tables (dropping old ones) and inserts every order. */
    void load(EmbeddedMariaDb server) throws SQLException {
        for (String database : concat(SINGLE_DATABASE, SHARD_DATABASES)) {
            server.execute("DROP DATABASE IF EXISTS " + database, "CREATE DATABASE " + database);
        }
        createTable(server, SINGLE_DATABASE, "orders");
        for (int shard = 0; shard < 4; shard++) {
            createTable(server, database(shard), table(shard));
        }
        try (Connection single = batchConnection(server, SINGLE_DATABASE);
             Connection shards0 = batchConnection(server, SHARD_DATABASES.get(0));
             Connection shards1 = batchConnection(server, SHARD_DATABASES.get(1))) {
            PreparedStatement toSingle = insert(single, "orders");
            PreparedStatement[] toShard = new PreparedStatement[4];
            for (int shard = 0; shard < 4; shard++) {
                toShard[shard] = insert(shard % 2 == 0 ? shards0 : shards1, table(shard));
            }
            int[] pending = new int[5];
            for (Order order : orders()) {
                bind(toSingle, order);
                bind(toShard[order.shard()], order);
                if (++pending[4] == BATCH) {
                    toSingle.executeBatch();
                    pending[4] = 0;
                }
                if (++pending[order.shard()] == BATCH) {
                    toShard[order.shard()].executeBatch();
                    pending[order.shard()] = 0;
                }
            }
            toSingle.executeBatch();
            for (PreparedStatement statement : toShard) {
                statement.executeBatch();
            }
        }
        for (String database : concat(SINGLE_DATABASE, SHARD_DATABASES)) {
            try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
                // Fresh statistics, so that the planner picks the user_id index from the first query.
                for (String table : database.equals(SINGLE_DATABASE) ? List.of("orders")
                        : database.equals("shop_0") ? List.of(table(0), table(2)) : List.of(table(1), table(3))) {
                    statement.execute("ANALYZE TABLE " + table);
                }
            }
        }
    }

    /** Every order, in id order, generated again from the seed (nothing is kept in memory). */
    Iterable<Order> orders() {
        return () -> new Iterator<>() {
            private final SplittableRandom random = new SplittableRandom(SEED);
            private long next = 1;

            @Override
            public boolean hasNext() {
                return next <= orderCount();
            }

            @Override
            public Order next() {
                long id = next++;
                long userId = (id - 1) % users + 1;
                BigDecimal amount = BigDecimal.valueOf(random.nextLong(100, 100_000), 2);
                String status = STATUSES.get(random.nextInt(STATUSES.size()));
                return new Order(id, userId, amount, status);
            }
        };
    }

    /** The expected aggregate, computed from the generator. */
    Map<String, StatusTotal> totalsByStatus() {
        Map<String, StatusTotal> totals = new TreeMap<>();
        for (Order order : orders()) {
            totals.merge(order.status(), new StatusTotal(1, order.amount()),
                    (a, b) -> new StatusTotal(a.count() + b.count(), a.sum().add(b.sum())));
        }
        return totals;
    }

    private static void createTable(EmbeddedMariaDb server, String database, String table) throws SQLException {
        server.execute("CREATE TABLE " + database + "." + table + " ("
                + "order_id BIGINT NOT NULL PRIMARY KEY, "
                + "user_id BIGINT NOT NULL, "
                + "amount DECIMAL(12, 2) NOT NULL, "
                + "status VARCHAR(16) NOT NULL, "
                + "KEY idx_user (user_id)) ENGINE = InnoDB");
    }

    private static Connection batchConnection(EmbeddedMariaDb server, String database) throws SQLException {
        // rewriteBatchedStatements turns each batch into one multi-row INSERT: a load in seconds.
        Connection connection = DriverManager.getConnection(
                server.jdbcUrl(database) + "&rewriteBatchedStatements=true", EmbeddedMariaDb.USER, EmbeddedMariaDb.PASSWORD);
        connection.setAutoCommit(true);
        return connection;
    }

    private static PreparedStatement insert(Connection connection, String table) throws SQLException {
        return connection.prepareStatement("INSERT INTO " + table + " (order_id, user_id, amount, status) VALUES (?, ?, ?, ?)");
    }

    private static void bind(PreparedStatement statement, Order order) throws SQLException {
        statement.setLong(1, order.orderId());
        statement.setLong(2, order.userId());
        statement.setBigDecimal(3, order.amount());
        statement.setString(4, order.status());
        statement.addBatch();
    }

    private static List<String> concat(String first, List<String> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).toList();
    }
}
