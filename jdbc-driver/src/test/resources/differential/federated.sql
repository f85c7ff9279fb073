# Cross-shard joins, computed by Shardgate (policy cross-shard-join: federate): per-table scans
# with each table's own conditions pushed to the shards, joined, grouped, sorted and limited in
# Shardgate. They run after queries.sql (on the data as its writes left it), on the sharded layout
# and on one database, and must give the same rows; each must also carry the cross-shard-join
# warning (code 8003), which proves it was federated rather than run shard by shard.
# Layout: users/orders/order_items co-located by user_id (hash-mod), ledger by entry_id (range),
# countries broadcast, settings unsharded (group g0). Format: see DifferentialCases.

## inner joins of tables with their own placements
SELECT u.user_id, u.name, l.entry_id, l.delta FROM users u JOIN ledger l ON l.entry_id = u.user_id ORDER BY u.user_id;
SELECT COUNT(*) FROM users u JOIN ledger l ON l.entry_id = u.user_id;
SELECT o.order_id, o.amount, l.delta FROM orders o JOIN ledger l ON l.entry_id = o.order_id - 1000 WHERE o.status = 'paid' ORDER BY o.order_id;
SELECT u.user_id, l.entry_id FROM users u JOIN ledger l ON l.entry_id = u.user_id WHERE u.tier = 2 AND l.delta > 0 ORDER BY u.user_id;
SELECT u.user_id, l.account, l.memo FROM users u, ledger l WHERE l.entry_id = u.user_id + 500 AND u.country IN ('fr', 'de', 'us') ORDER BY u.user_id;
SELECT u.user_id, o.order_id, l.delta FROM users u JOIN orders o ON o.user_id = u.user_id JOIN ledger l ON l.entry_id = o.order_id - 1000 WHERE u.tier = 2 ORDER BY o.order_id;
SELECT u.user_id, c.name, l.delta FROM users u JOIN countries c ON c.code = u.country JOIN ledger l ON l.entry_id = u.user_id ORDER BY u.user_id;
SELECT u.user_id, s.val FROM users u JOIN settings s ON s.name = 'currency' WHERE u.user_id <= 6 ORDER BY u.user_id;
SELECT l.entry_id, u.user_id, u.tier FROM ledger l JOIN users u ON u.tier = l.entry_id WHERE l.entry_id < 10 ORDER BY l.entry_id, u.user_id;
SELECT u.user_id, l.entry_id FROM users u JOIN ledger l ON l.entry_id BETWEEN u.user_id * 10 AND u.user_id * 10 + 2 WHERE u.user_id < 8 ORDER BY u.user_id, l.entry_id;
SELECT COUNT(*) FROM users u, ledger l WHERE l.entry_id < 20;
SELECT u.user_id, l.delta * 2 + u.tier AS v, COALESCE(l.memo, 'none') AS memo FROM users u JOIN ledger l ON l.entry_id = u.user_id ORDER BY u.user_id LIMIT 15;
-- params: 2, 100
SELECT u.user_id, l.delta FROM users u JOIN ledger l ON l.entry_id = u.user_id WHERE u.tier = ? AND l.entry_id < ? ORDER BY u.user_id;
SELECT u.user_id, l.memo FROM users u JOIN ledger l ON l.entry_id = u.user_id WHERE l.memo LIKE 're%' ORDER BY u.user_id;

-- not-h2: H2 divides integers as integers and gives decimals another scale; MySQL gives 4 more decimals
SELECT u.user_id, u.user_id / 3 AS third, l.delta / 2 AS half FROM users u JOIN ledger l ON l.entry_id = u.user_id ORDER BY u.user_id LIMIT 10;
-- not-h2: H2 gives the quotient of decimals another scale than MySQL (the dividend's + 4)
SELECT u.tier, SUM(l.delta) / COUNT(*) FROM users u JOIN ledger l ON l.entry_id = u.user_id GROUP BY u.tier ORDER BY u.tier;
SELECT o.*, u.* FROM orders o JOIN users u ON u.tier = o.qty WHERE o.order_id < 1010 AND u.user_id < 4 ORDER BY o.order_id, u.user_id;

## co-located tables joined other than on the shard key, and self joins
SELECT u.user_id, o.order_id FROM users u JOIN orders o ON o.qty = u.tier WHERE u.user_id < 4 AND o.order_id < 1030 ORDER BY u.user_id, o.order_id;
SELECT a.user_id, b.user_id FROM users a JOIN users b ON a.tier = b.tier AND a.user_id < b.user_id WHERE a.user_id < 10 ORDER BY a.user_id, b.user_id;
-- not-h2: H2 compares accented letters as different ('São Paulo' vs 'Sao Paulo'), MySQL's collation does not
SELECT a.user_id, b.user_id FROM users a JOIN users b ON a.city = b.city AND a.user_id < b.user_id ORDER BY a.user_id, b.user_id;
SELECT COUNT(*) FROM orders a JOIN orders b ON a.status = b.status AND a.order_id < b.order_id WHERE a.order_id < 1100 AND b.order_id < 1100;
SELECT o.order_id, u.user_id FROM orders o JOIN users u ON u.user_id = o.qty WHERE o.order_id < 1040 ORDER BY o.order_id, u.user_id;

## left and right joins
SELECT u.user_id, l.delta FROM users u LEFT JOIN ledger l ON l.entry_id = u.user_id * 13 ORDER BY u.user_id;
SELECT u.user_id FROM users u LEFT JOIN ledger l ON l.entry_id = u.user_id * 13 WHERE l.entry_id IS NULL ORDER BY u.user_id;
SELECT u.user_id, COUNT(l.entry_id) FROM users u LEFT JOIN ledger l ON l.entry_id BETWEEN u.user_id * 12 AND u.user_id * 12 + 11 AND l.delta > 0 GROUP BY u.user_id ORDER BY u.user_id;
SELECT l.entry_id, u.user_id, u.name FROM users u RIGHT JOIN ledger l ON l.entry_id = u.user_id WHERE l.entry_id < 100 ORDER BY l.entry_id;
SELECT u.user_id, o.order_id, l.entry_id FROM users u LEFT JOIN orders o ON o.user_id = u.user_id LEFT JOIN ledger l ON l.entry_id = o.order_id - 1000 WHERE u.user_id > 65 ORDER BY u.user_id, o.order_id;

## semi and anti joins (IN / EXISTS / NOT IN / NOT EXISTS subqueries)
SELECT order_id, user_id FROM orders WHERE user_id IN (SELECT user_id FROM users WHERE tier = 1) ORDER BY order_id;
SELECT u.user_id, (SELECT COUNT(*) FROM orders o WHERE o.user_id = u.user_id) AS n FROM users u ORDER BY u.user_id LIMIT 10;
SELECT u.user_id FROM users u WHERE EXISTS (SELECT 1 FROM ledger l WHERE l.entry_id = u.user_id AND l.delta > 0) ORDER BY u.user_id;
SELECT u.user_id FROM users u WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.entry_id = u.user_id AND l.delta > 0) ORDER BY u.user_id;
SELECT COUNT(*) FROM users WHERE tier NOT IN (SELECT qty FROM orders);
SELECT user_id, tier FROM users WHERE tier NOT IN (SELECT qty FROM orders WHERE qty IS NOT NULL AND qty > 3) ORDER BY user_id;
SELECT user_id FROM users WHERE user_id IN (SELECT entry_id FROM ledger WHERE delta < 0) ORDER BY user_id;
SELECT user_id FROM users WHERE user_id NOT IN (SELECT entry_id FROM ledger WHERE entry_id < 90) ORDER BY user_id;
-- not-h2: H2 compares accented letters as different ('São Paulo' vs 'Sao Paulo'), MySQL's collation does not
SELECT user_id, city FROM users WHERE city IN (SELECT city FROM users WHERE tier = 2) ORDER BY user_id;
SELECT user_id, balance FROM users WHERE balance > (SELECT AVG(delta) FROM ledger) ORDER BY user_id;
-- any-case: status groups
SELECT o.status, COUNT(*) FROM orders o WHERE o.order_id - 1000 IN (SELECT entry_id FROM ledger WHERE delta < 0) GROUP BY o.status ORDER BY o.status;

## grouping, aggregates, DISTINCT, HAVING on top
SELECT u.tier, COUNT(*), SUM(l.delta) FROM users u JOIN ledger l ON l.entry_id = u.user_id GROUP BY u.tier ORDER BY u.tier;
SELECT u.tier, COUNT(*) FROM users u JOIN ledger l ON l.entry_id = u.user_id GROUP BY u.tier HAVING COUNT(*) > 5 ORDER BY u.tier DESC;
-- not-h2: H2's AVG keeps more decimals than MySQL's (the argument's scale + 4)
SELECT u.country, AVG(l.delta), MIN(l.delta), MAX(l.delta) FROM users u JOIN ledger l ON l.entry_id BETWEEN u.user_id * 10 AND u.user_id * 10 + 9 GROUP BY u.country ORDER BY u.country;
-- any-case: account groups
SELECT l.account, COUNT(*) FROM ledger l JOIN ledger m ON m.account = l.account WHERE l.entry_id BETWEEN 230 AND 270 AND m.entry_id BETWEEN 230 AND 270 GROUP BY l.account ORDER BY l.account;
-- any-case: account values
SELECT DISTINCT l.account FROM ledger l JOIN users u ON u.user_id = l.entry_id ORDER BY l.account;
SELECT COUNT(DISTINCT u.country) FROM users u JOIN ledger l ON l.entry_id = u.user_id;
SELECT u.tier, COUNT(*) AS n FROM users u JOIN ledger l ON l.entry_id = u.user_id GROUP BY u.tier ORDER BY n DESC, u.tier;
SELECT YEAR(o.created) AS y, COUNT(*), SUM(o.amount) FROM orders o JOIN ledger l ON l.entry_id = o.order_id - 1000 GROUP BY YEAR(o.created) ORDER BY y;
SELECT t.tier, COUNT(*) FROM (SELECT u.tier FROM users u JOIN ledger l ON l.entry_id = u.user_id) t GROUP BY t.tier ORDER BY t.tier;
SELECT COUNT(*) FROM (SELECT status FROM orders GROUP BY status) t;
SELECT MAX(n) FROM (SELECT user_id, COUNT(*) AS n FROM orders GROUP BY user_id) t;

## ORDER BY (NULLs first ascending, case-insensitive text) and LIMIT on top
SELECT u.user_id, u.tier, l.delta FROM users u JOIN ledger l ON l.entry_id = u.user_id ORDER BY u.tier DESC, u.user_id;
SELECT u.user_id, u.tier FROM users u JOIN ledger l ON l.entry_id = u.user_id ORDER BY u.tier, u.user_id;
-- not-h2: H2 sorts accented letters apart ('Émile' after 'z'), MySQL's collation with their base letter
SELECT u.name, u.user_id, l.entry_id FROM users u JOIN ledger l ON l.entry_id = u.user_id ORDER BY u.name, u.user_id;
SELECT l.entry_id, l.delta, u.user_id FROM users u JOIN ledger l ON l.entry_id = u.user_id ORDER BY l.delta DESC, l.entry_id LIMIT 5 OFFSET 3;
SELECT u.user_id, l.entry_id FROM users u JOIN ledger l ON l.entry_id = u.user_id ORDER BY u.user_id LIMIT 3, 4;

## UNIONs whose branches are on different shards
SELECT user_id FROM users WHERE user_id = 1 UNION SELECT user_id FROM users WHERE user_id = 2;
SELECT user_id FROM users WHERE user_id IN (1, 2) UNION ALL SELECT user_id FROM users WHERE user_id = 2;
SELECT user_id FROM users WHERE tier = 1 UNION SELECT entry_id FROM ledger WHERE entry_id < 30 ORDER BY 1;
SELECT u.country FROM users u WHERE u.user_id < 20 UNION ALL SELECT c.code FROM countries c JOIN ledger l ON l.entry_id = 7 ORDER BY 1;
