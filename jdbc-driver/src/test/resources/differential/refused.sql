# Statements Shardgate refuses by design when they reach several shards, because per-shard results
# cannot be combined into the right answer. Each must fail on the sharded side with the error named
# here (MySQL error number, and text the message must contain), never answer wrongly or silently.
# The same statements on one shard (with a shard-key condition) are in queries.sql.

## count distinct
-- error: 1235
-- message: cannot be combined from per-shard results
SELECT COUNT(DISTINCT status) FROM orders;
-- error: 1235
-- message: cannot be combined from per-shard results
SELECT user_id, COUNT(DISTINCT status) FROM orders GROUP BY user_id;
-- error: 1235
-- message: cannot be combined from per-shard results
SELECT SUM(DISTINCT qty) FROM orders;
-- error: 1235
-- message: cannot be combined from per-shard results
SELECT AVG(DISTINCT qty) FROM orders WHERE user_id IN (1, 2, 3, 4, 5, 6);

## having conditions the merge cannot evaluate yet
# (comparisons of aggregates and group columns are merged and checked in queries.sql; these are not)
-- error: 1235
-- message: HAVING across shards
SELECT country, COUNT(*) FROM users GROUP BY country HAVING COUNT(*) BETWEEN 5 AND 10 ORDER BY country;
-- error: 1235
-- message: HAVING across shards
SELECT tier, COUNT(*) FROM users GROUP BY tier HAVING tier IS NOT NULL ORDER BY tier;

## group_concat
-- error: 1235
-- message: cannot be combined from per-shard results
SELECT user_id, GROUP_CONCAT(status) FROM orders GROUP BY user_id;

## aggregates inside expressions (the merge would need the finished aggregate)
-- error: 1235
-- message: cannot be combined from per-shard results
SELECT ROUND(AVG(amount), 2) FROM orders;
-- error: 1235
-- message: cannot be combined from per-shard results
SELECT SUM(amount) / COUNT(*) FROM orders;
-- error: 1235
-- message: cannot be combined from per-shard results
SELECT COUNT(*) + 1 FROM orders;

## writes whose LIMIT would apply per shard
-- error: 1235
-- message: add a shard-key condition
UPDATE orders SET note = 'limited' ORDER BY order_id LIMIT 5;

## shard keys cannot move
-- error: 1105
-- message: user_id
UPDATE orders SET user_id = 99 WHERE order_id = 1001;
