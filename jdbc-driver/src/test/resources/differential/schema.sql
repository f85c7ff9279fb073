# The logical schema, run through Shardgate (DDL reaches every physical table) and on the reference.
# Valid for MySQL/MariaDB and for H2 in MySQL mode.
CREATE TABLE users (
  user_id INT NOT NULL PRIMARY KEY,
  name VARCHAR(40) NOT NULL,
  city VARCHAR(30),
  country CHAR(2),
  tier INT,
  balance DECIMAL(12,2),
  joined DATE NOT NULL
);
CREATE TABLE orders (
  order_id BIGINT NOT NULL PRIMARY KEY,
  user_id INT NOT NULL,
  status VARCHAR(16) NOT NULL,
  amount DECIMAL(10,2),
  qty INT,
  note VARCHAR(40),
  created DATE NOT NULL
);
CREATE TABLE order_items (
  item_id BIGINT NOT NULL PRIMARY KEY,
  order_id BIGINT NOT NULL,
  user_id INT NOT NULL,
  sku VARCHAR(20) NOT NULL,
  price DECIMAL(8,2) NOT NULL,
  quantity INT NOT NULL
);
CREATE TABLE ledger (
  entry_id INT NOT NULL PRIMARY KEY,
  account VARCHAR(20) NOT NULL,
  delta DECIMAL(12,3) NOT NULL,
  memo VARCHAR(30)
);
CREATE TABLE countries (
  code CHAR(2) NOT NULL PRIMARY KEY,
  name VARCHAR(40) NOT NULL,
  region VARCHAR(20) NOT NULL
);
CREATE TABLE settings (
  name VARCHAR(30) NOT NULL PRIMARY KEY,
  val VARCHAR(60)
);
