package io.shardgate.engine.differential;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The rows both sides hold, as multi-row INSERT statements (the same text runs through Shardgate,
 * which splits each statement over the shards, and on the reference). Generated from a fixed seed;
 * chosen for what merges get wrong: NULLs in every nullable column, strings that differ only by
 * case or accent ('alice'/'ALICE', 'Émile'/'emile', 'São Paulo'/'Sao Paulo'), duplicate sort keys,
 * negative decimals, users without orders (71–80) and keys on the range bounds (250, 500, 750).
 */
final class DifferentialData {

    static final int USERS = 80;
    static final int ORDERS = 360;
    static final int LEDGER = 1000;
    private static final int ROWS_PER_INSERT = 40;

    private static final String[] NAMES = {"alice", "Alice", "ALICE", "bob", "Bob", "carol", "Carol", "dave", "Eve",
            "eve", "frank", "Grace", "heidi", "Heidi", "ivan", "Judy", "Émile", "emile", "Zoë", "zoe", "Mallory",
            "mallory", "oscar", "Peggy", "peggy", "trent", "Victor", "walter"};
    private static final String[] CITIES = {"Paris", "paris", "PARIS", "Berlin", "berlin", "New York", "new york",
            "Tokyo", "São Paulo", "Sao Paulo", null};
    private static final String[] COUNTRIES = {"fr", "de", "us", "ca", "jp", "br", "in", "es", "xx", null};
    private static final String[] STATUSES = {"paid", "Paid", "PAID", "shipped", "Shipped", "open", "OPEN",
            "cancelled"};
    private static final String[] NOTES = {null, null, "gift", "Gift wrap", "urgent", "URGENT", "call first",
            "leave at door"};
    private static final String[] SKUS = {"SKU1", "sku1", "SKU2", "SKU10", "SKU22", "sku22", "SKU3"};
    private static final String[] ACCOUNTS = {"cash", "Cash", "bank", "BANK", "fees", "payroll"};
    private static final String[] MEMOS = {"refund", "Refund", "fee", "transfer", "salary"};

    private DifferentialData() {
    }

    static List<String> inserts() {
        Random random = new Random(20240601);
        List<String> statements = new ArrayList<>();
        statements.add("INSERT INTO countries (code, name, region) VALUES ('fr', 'France', 'Europe'), "
                + "('de', 'Germany', 'Europe'), ('es', 'Spain', 'europe'), ('us', 'United States', 'Americas'), "
                + "('ca', 'Canada', 'Americas'), ('br', 'Brazil', 'AMERICAS'), ('jp', 'Japan', 'Asia'), "
                + "('in', 'India', 'Asia')");
        statements.add("INSERT INTO settings (name, val) VALUES ('currency', 'EUR'), ('locale', 'fr_FR'), "
                + "('retention', NULL)");
        statements.addAll(batches("INSERT INTO users (user_id, name, city, country, tier, balance, joined) VALUES ",
                USERS, i -> {
                    int id = i + 1;
                    return "(" + id + ", " + text(NAMES[(i * 7) % NAMES.length]) + ", " + text(pick(random, CITIES))
                            + ", " + text(pick(random, COUNTRIES)) + ", " + (random.nextInt(6) == 0 ? "NULL" : 1 + random.nextInt(3))
                            + ", " + (random.nextInt(8) == 0 ? "NULL" : cents(random, -50_000, 500_000)) + ", "
                            + date(LocalDate.of(2023, 1, 1).plusDays(4L * i)) + ")";
                }));
        List<int[]> orderUsers = new ArrayList<>();
        statements.addAll(batches("INSERT INTO orders (order_id, user_id, status, amount, qty, note, created) VALUES ",
                ORDERS, i -> {
                    int user = 1 + random.nextInt(70);
                    orderUsers.add(new int[] {1000 + i, user});
                    return "(" + (1000 + i) + ", " + user + ", " + text(pick(random, STATUSES)) + ", "
                            + (i % 11 == 5 ? "NULL" : cents(random, 100, 50_000)) + ", "
                            + (i % 9 == 4 ? "NULL" : 1 + random.nextInt(9)) + ", " + text(pick(random, NOTES)) + ", "
                            + date(LocalDate.of(2024, 1, 1).plusDays(random.nextInt(365))) + ")";
                }));
        List<String> items = new ArrayList<>();
        int itemId = 1;
        for (int[] order : orderUsers) {
            int count = random.nextInt(4);
            for (int k = 0; k < count; k++) {
                items.add("(" + itemId++ + ", " + order[0] + ", " + order[1] + ", " + text(pick(random, SKUS)) + ", "
                        + cents(random, 50, 9_999) + ", " + (1 + random.nextInt(5)) + ")");
            }
        }
        statements.addAll(batches("INSERT INTO order_items (item_id, order_id, user_id, sku, price, quantity) VALUES ",
                items.size(), items::get));
        List<String> entries = new ArrayList<>();
        for (int id = 1; id <= LEDGER; id++) {
            if (id % 13 == 0) {
                continue; // gaps, so ranges do not simply count keys
            }
            String memo = random.nextInt(4) == 0 ? null : pick(random, MEMOS);
            entries.add("(" + id + ", " + text(pick(random, ACCOUNTS)) + ", " + thousandths(random) + ", " + text(memo) + ")");
        }
        statements.addAll(batches("INSERT INTO ledger (entry_id, account, delta, memo) VALUES ", entries.size(),
                entries::get));
        return statements;
    }

    private static List<String> batches(String head, int count, IntFunction<String> row) {
        List<String> statements = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sql.append(sql.isEmpty() ? head : ", ").append(row.apply(i));
            if ((i + 1) % ROWS_PER_INSERT == 0 || i == count - 1) {
                statements.add(sql.toString());
                sql.setLength(0);
            }
        }
        return statements;
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String text(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }

    private static String date(LocalDate date) {
        return "'" + date + "'";
    }

    /** A decimal with 2 places between min and max hundredths. */
    private static String cents(Random random, int min, int max) {
        long v = min + (long) random.nextInt(max - min);
        return new java.math.BigDecimal(v).movePointLeft(2).toPlainString();
    }

    private static String thousandths(Random random) {
        long v = random.nextInt(2_000_001) - 1_000_000L;
        return new java.math.BigDecimal(v).movePointLeft(3).toPlainString();
    }
}
