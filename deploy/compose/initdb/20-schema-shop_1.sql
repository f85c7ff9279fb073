-- Physical tables of group g1 (database shop_1), created on its leader at first start; the
-- follower gets them through replication. They must match rules.yaml:
--   users     shards g${0..1}.users_${0..1}  -> here users_0, users_1
--   orders    co-located with users          -> here orders_0, orders_1
--   countries broadcast                      -> a full copy here and in the other group
CREATE DATABASE IF NOT EXISTS shop_1 CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
USE shop_1;

CREATE TABLE users_0 (
  user_id    BIGINT       NOT NULL,
  name       VARCHAR(100) NOT NULL,
  country    CHAR(2)      NOT NULL,
  created_at TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (user_id)
);
CREATE TABLE users_1 LIKE users_0;

CREATE TABLE orders_0 (
  order_id   BIGINT         NOT NULL,          -- snowflake id from the proxy (rules.yaml key-generator)
  user_id    BIGINT         NOT NULL,          -- shard key
  amount     DECIMAL(12, 2) NOT NULL,
  status     VARCHAR(16)    NOT NULL DEFAULT 'new',
  created_at TIMESTAMP      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (order_id),
  KEY orders_by_user (user_id, created_at)
);
CREATE TABLE orders_1 LIKE orders_0;

CREATE TABLE countries (
  code CHAR(2)     NOT NULL,
  name VARCHAR(64) NOT NULL,
  PRIMARY KEY (code)
);
-- Broadcast rows are identical in every group; later writes through the proxy keep them so.
INSERT INTO countries (code, name) VALUES
  ('DE', 'Germany'), ('FR', 'France'), ('JP', 'Japan'), ('US', 'United States');
