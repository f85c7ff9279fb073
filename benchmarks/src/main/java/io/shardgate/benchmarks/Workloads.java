package io.shardgate.benchmarks;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two statements of the JDBC comparison, each as an application runs it per request: borrow
 * a connection, prepare, execute, read every column of every row, close. Returns a digest of the
 * values read so that neither JMH nor the JIT can drop the reads.
 */
final class Workloads {

    static final String POINT_SELECT = "SELECT order_id, amount, status FROM orders WHERE user_id = ?";
    static final String SCATTER_AGGREGATE = "SELECT status, COUNT(*), SUM(amount) FROM orders GROUP BY status";

    private Workloads() {
    }

    /** (a) The orders of one user, by shard key: one shard. */
    static long pointSelect(DataSource dataSource, long userId) throws SQLException {
        long digest = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(POINT_SELECT)) {
            statement.setLong(1, userId);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    digest = digest * 31 + result.getLong(1);
                    digest = digest * 31 + result.getBigDecimal(2).hashCode();
                    digest = digest * 31 + result.getString(3).hashCode();
                }
            }
        }
        return digest;
    }

    /** (b) An aggregate over every row: all four shards, merged by status (raw: one table). */
    static long scatterAggregate(DataSource dataSource) throws SQLException {
        long digest = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SCATTER_AGGREGATE);
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                digest = digest * 31 + result.getString(1).hashCode();
                digest = digest * 31 + result.getLong(2);
                digest = digest * 31 + result.getBigDecimal(3).hashCode();
            }
        }
        return digest;
    }

    /** Fails the trial unless the contender sees every row and answers both statements right. */
    static void verify(DataSource dataSource, OrdersDataset dataset, String name) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM orders");
                 ResultSet result = count.executeQuery()) {
                result.next();
                check(name, result.getLong(1) == dataset.orderCount(),
                        "COUNT(*) is " + result.getLong(1) + ", expected " + dataset.orderCount());
            }
            // Users 1..8 cover each of the four shards twice.
            for (long userId = 1; userId <= Math.min(8, dataset.users()); userId++) {
                List<Long> expected = new ArrayList<>();
                for (long k = 0; k < dataset.ordersPerUser(); k++) {
                    expected.add(userId + k * dataset.users());
                }
                List<Long> actual = new ArrayList<>();
                try (PreparedStatement point = connection.prepareStatement(POINT_SELECT)) {
                    point.setLong(1, userId);
                    try (ResultSet result = point.executeQuery()) {
                        while (result.next()) {
                            actual.add(result.getLong(1));
                        }
                    }
                }
                actual.sort(null);
                check(name, actual.equals(expected), "user " + userId + " has orders " + actual + ", expected " + expected);
            }
            Map<String, OrdersDataset.StatusTotal> actual = new TreeMap<>();
            try (PreparedStatement aggregate = connection.prepareStatement(SCATTER_AGGREGATE);
                 ResultSet result = aggregate.executeQuery()) {
                while (result.next()) {
                    actual.put(result.getString(1), new OrdersDataset.StatusTotal(result.getLong(2), result.getBigDecimal(3)));
                }
            }
            Map<String, OrdersDataset.StatusTotal> expected = dataset.totalsByStatus();
            check(name, actual.keySet().equals(expected.keySet()), "statuses " + actual.keySet() + ", expected " + expected.keySet());
            for (var entry : expected.entrySet()) {
                OrdersDataset.StatusTotal got = actual.get(entry.getKey());
                BigDecimal sum = got.sum();
                check(name, got.count() == entry.getValue().count() && sum != null && sum.compareTo(entry.getValue().sum()) == 0,
                        "status " + entry.getKey() + " has " + got + ", expected " + entry.getValue());
            }
        }
    }

    private static void check(String name, boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(name + " returned wrong results, so its numbers would mean nothing: " + problem);
        }
    }
}
