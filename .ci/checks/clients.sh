#!/usr/bin/env bash
# Real MySQL clients against Shardgate: two MariaDB servers from Debian's mariadb-server (one group
# each), a rule file with tables sharded over 4 shards, `bin/shardgate serve`, then each client with
# checks of what it read back (not only of exit codes):
#   mariadb CLI      batch, interactive start-up with --auto-rehash and `status`, a --force script
#                    with one bad statement in the middle, metadata (SHOW, DESCRIBE, information_schema)
#   node mysql2      query (client-side placeholders) and execute (server-side prepared statements)
#   PyMySQL          parameters, autocommit off + commit, status flags
#   PHP PDO          native prepares (ATTR_EMULATE_PREPARES false), typed values
#   sysbench         oltp_read_write prepare + run with --db-ps-mode=auto and disable: no errors but
#                    retried deadlocks (< 1%), no stall, rows balance
# Each step prints PASS/FAIL; the script exits 1 if any failed and stops everything it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root="$PWD"
work="$(mktemp -d /tmp/shardgate-clients.XXXXXX)"
pids=()
passed=0
failed=0
export SG_APP_PASSWORD="app-pw-$$"
export SG_DB_PASSWORD="db-pw-$$"

# Stops what this script started (by pid): TERM, up to 20 s to finish, then KILL.
cleanup() {
  local pid i
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for ((i = 0; i < 100; i++)); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" -eq 0 ] && break
    sleep 0.2
  done
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# step "name" function [args…]: runs a check; its output is shown only when it fails. It runs as a
# background job so that `set -e` holds inside it (bash ignores errexit in a function called from
# an `if` condition): the first failing command ends the step.
step() {
  local name="$1"; shift
  ( set -e; "$@" ) >"$work/step.out" 2>&1 &
  if wait $!; then
    echo "PASS: $name"; passed=$((passed + 1))
    sed -n 's/^info: /    /p' "$work/step.out"
  else
    echo "FAIL: $name"; failed=$((failed + 1))
    sed 's/^/    /' "$work/step.out" | tail -n 60
  fi
}
# expect "what" actual expected: one result check inside a step.
expect() {
  if [ "$2" != "$3" ]; then echo "$1: expected [$3], got [$2]"; return 1; fi
}
# contains "what" text needle…: every needle occurs in the text.
contains() {
  local what="$1" text="$2" needle; shift 2
  for needle in "$@"; do
    if ! grep -q -F -- "$needle" <<<"$text"; then echo "$what: expected to contain [$needle] in:"; echo "$text"; return 1; fi
  done
}
free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# wait_for "what" seconds command…
wait_for() {
  local what="$1" seconds="$2" i; shift 2
  for ((i = 0; i < seconds * 5; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "timed out after ${seconds}s waiting for $what" >&2
  return 1
}

# ---- tools ----------------------------------------------------------------------------------------
missing=()
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
command -v mariadb >/dev/null 2>&1 || missing+=(mariadb-client)
command -v sysbench >/dev/null 2>&1 || missing+=(sysbench)
command -v php >/dev/null 2>&1 || missing+=(php-cli)
{ command -v php >/dev/null 2>&1 && php -r 'exit(extension_loaded("pdo_mysql") ? 0 : 1);'; } || missing+=(php-mysql)
{ [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import pymysql' 2>/dev/null; } || missing+=(python3-pymysql)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v script >/dev/null 2>&1 || missing+=(bsdutils)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "== installing ${missing[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >"$work/apt.log" 2>&1 \
    || { tail -n 30 "$work/apt.log"; exit 1; }
fi
export PATH="$PATH:/usr/sbin"
echo "== node mysql2 (npm, into a temporary directory)"
(cd "$work" && npm install --silent --no-audit --no-fund --prefix "$work/node" mysql2@3 >"$work/npm.log" 2>&1) \
  || { tail -n 30 "$work/npm.log"; exit 1; }

# ---- two MariaDB servers, one per group -------------------------------------------------------------
start_mariadb() {
  local index="$1" port="$2" dir="$work/mariadb$1"
  mkdir -p "$dir/tmp"
  mariadb-install-db --no-defaults --user=root --datadir="$dir/data" --tmpdir="$dir/tmp" \
    --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1 \
    || { tail -n 30 "$dir/install.log"; return 1; }
  mariadbd --no-defaults --user=root --datadir="$dir/data" --tmpdir="$dir/tmp" --port="$port" --bind-address=127.0.0.1 \
    --socket="$dir/mariadb.sock" --pid-file="$dir/mariadb.pid" --log-error="$dir/error.log" \
    --skip-log-bin --innodb-buffer-pool-size=64M --innodb-flush-log-at-trx-commit=2 --performance-schema=OFF \
    --max-connections=300 --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
    >"$dir/stderr.log" 2>&1 &
  pids+=($!)
  wait_for "MariaDB $index on port $port" 60 mariadb-admin --no-defaults --socket="$dir/mariadb.sock" -uroot ping \
    || { tail -n 20 "$dir/error.log"; return 1; }
  mariadb --no-defaults --socket="$dir/mariadb.sock" -uroot <<SQL
DELETE FROM mysql.global_priv WHERE User = '';
FLUSH PRIVILEGES;
CREATE USER 'shardgate'@'%' IDENTIFIED BY '$SG_DB_PASSWORD';
CREATE USER 'shardgate'@'localhost' IDENTIFIED BY '$SG_DB_PASSWORD';
GRANT ALL ON *.* TO 'shardgate'@'%';
GRANT ALL ON *.* TO 'shardgate'@'localhost';
CREATE DATABASE shop_g$index;
SQL
}
db_port=("$(free_port)" "$(free_port)")
echo "== MariaDB on ports ${db_port[*]}"
start_mariadb 0 "${db_port[0]}"
start_mariadb 1 "${db_port[1]}"
# direct group sql: what a physical database holds, bypassing the proxy
direct() { mariadb --no-defaults --socket="$work/mariadb$1/mariadb.sock" -uroot -N -B "shop_g$1" -e "$2"; }

# ---- the proxy ------------------------------------------------------------------------------------
proxy_port="$(free_port)"
cat >"$work/rules.yaml" <<YAML
database: shop
users:
  - { name: app, password: "\${env:SG_APP_PASSWORD}" }
groups:
  g0:
    leader: { url: "jdbc:mysql://127.0.0.1:${db_port[0]}/shop_g0?useSSL=false&allowPublicKeyRetrieval=true", user: shardgate, password: "\${env:SG_DB_PASSWORD}" }
    pool: { max-size: 40 }
  g1:
    leader: { url: "jdbc:mysql://127.0.0.1:${db_port[1]}/shop_g1?useSSL=false&allowPublicKeyRetrieval=true", user: shardgate, password: "\${env:SG_DB_PASSWORD}" }
    pool: { max-size: 40 }
default-group: g0
tables:
  users:                     # id mod 4: ids 1..8 put exactly 2 rows in each physical table
    shard-key: id
    algorithm: mod
    shards: "g\${0..1}.users_\${0..1}"
  sbtest1:
    shard-key: id
    algorithm: mod
    shards: "g\${0..1}.sbtest1_\${0..1}"
  countries:
    broadcast: true
YAML
echo "== bin/shardgate serve on port $proxy_port"
bin/shardgate serve --config "$work/rules.yaml" --port "$proxy_port" --admin-port -1 >"$work/proxy.log" 2>&1 &
pids+=($!)
# through the proxy, batch mode (tab-separated, no headers)
sg() { mariadb --no-defaults -h127.0.0.1 -P"$proxy_port" -uapp -p"$SG_APP_PASSWORD" --skip-ssl -N -B shop "$@"; }
if ! wait_for "the proxy on port $proxy_port" 120 sg -e "SELECT 1"; then
  tail -n 40 "$work/proxy.log"; exit 1
fi

load_schema() {
  sg <<'SQL'
CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(50) NOT NULL, age INT, joined DATE);
CREATE TABLE countries (code CHAR(2) PRIMARY KEY, name VARCHAR(50));
INSERT INTO countries VALUES ('FR', 'France'), ('JP', 'Japan');
INSERT INTO users (id, name, age, joined) VALUES (1, 'ada', 36, '2024-01-02'), (2, 'grace', 45, '2024-02-03'), (3, 'linus', 28, NULL),
  (4, 'margaret', 52, '2024-04-05'), (5, 'ken', 61, '2024-05-06'), (6, 'barbara', 33, '2024-06-07'),
  (7, 'donald', 70, '2024-07-08'), (8, 'frances', 41, '2024-08-09');
SQL
  local g t ids=("4,8" "1,5" "2,6" "3,7") # shard i = i-th node, holds the ids with id % 4 = i
  for g in 0 1; do
    for t in 0 1; do
      expect "ids in g$g.users_$t" "$(direct "$g" "SELECT GROUP_CONCAT(id ORDER BY id) FROM users_$t")" \
        "${ids[$((g * 2 + t))]}"
    done
    expect "countries (broadcast) on group $g" "$(direct "$g" "SELECT COUNT(*) FROM countries")" 2
  done
}
step "schema through the proxy: DDL on 4 shards, rows spread over 4 physical tables, broadcast copies" load_schema

# ---- mariadb CLI ----------------------------------------------------------------------------------
cli_batch() {
  expect "count and sum" "$(sg -e "SELECT COUNT(*), SUM(age) FROM users")" "$(printf '8\t366')"
  expect "point read" "$(sg -e "SELECT name FROM users WHERE id = 5")" "ken"
  expect "ordered scatter read" "$(sg -e "SELECT id FROM users ORDER BY age DESC LIMIT 3" | tr '\n' ' ')" "7 5 4 "
  expect "session functions" "$(sg -e "SELECT DATABASE(), CURRENT_USER()")" "$(printf 'shop\tapp@%%')"
  expect "system variables" "$(sg -e "SELECT @@autocommit, @@session.transaction_read_only, @@max_allowed_packet")" \
    "$(printf '1\t0\t67108864')"
  expect "SET then @@" "$(sg -e "SET SESSION sql_mode = 'ANSI_QUOTES'; SET NAMES latin1; SELECT @@sql_mode, @@character_set_client")" \
    "$(printf 'ANSI_QUOTES\tlatin1')"
  expect "version comment" "$(sg -e "SELECT @@version_comment")" "$(sg -e "SHOW VARIABLES LIKE 'version_comment'" | cut -f2)"
}
step "mariadb CLI: reads, session functions, system variables" cli_batch

cli_interactive() {
  local out
  # under a pseudo-terminal the CLI is interactive: version comment, DATABASE(), auto-rehash
  # (SHOW TABLES, then COM_FIELD_LIST per table) and `status`
  out=$(printf 'status\nSELECT name FROM users WHERE id = 2;\nquit\n' | timeout 60 script -qec \
    "mariadb --no-defaults -h127.0.0.1 -P$proxy_port -uapp -p$SG_APP_PASSWORD --auto-rehash shop" /dev/null)
  contains "interactive session" "$out" "Server version:" "Current database:" "shop" "Current user:" "app@" \
    "Server characterset:" "utf8mb4" "grace" "Shardgate"
  if grep -q "ERROR" <<<"$out"; then echo "an error in the interactive session:"; echo "$out"; return 1; fi
  # (statements that fail are logged at INFO with their code; what must not appear is a WARN/ERROR)
  if grep -q "Reading table information" <<<"$out" && grep -q -E '^[0-9:.]+ +(ERROR|WARN) ' "$work/proxy.log"; then
    echo "auto-rehash left warnings or errors in the proxy log:"
    grep -E '^[0-9:.]+ +(ERROR|WARN) ' "$work/proxy.log" | tail -n 5; return 1
  fi
}
step "mariadb CLI: interactive start-up with --auto-rehash and status" cli_interactive

cli_force() {
  cat >"$work/force.sql" <<'SQL'
INSERT INTO users (id, name, age) VALUES (100, 'before', 1);
SELEC this is not SQL;
INSERT INTO users (id, name, age) VALUES (101, 'after', 2);
SQL
  local out
  # the mariadb CLI exits 0 under --force (the mysql CLI exits 1): the error must be reported and
  # the statement after it must have run
  out=$(mariadb --no-defaults -h127.0.0.1 -P"$proxy_port" -uapp -p"$SG_APP_PASSWORD" --skip-ssl --force shop \
    <"$work/force.sql" 2>&1) || true
  contains "error of the bad statement" "$out" "ERROR 1064" "at line 2"
  expect "both good statements ran" "$(sg -e "SELECT name FROM users WHERE id IN (100, 101) ORDER BY id" | tr '\n' ' ')" \
    "before after "
  sg -e "DELETE FROM users WHERE id IN (100, 101)"
}
step "mariadb CLI: --force script with one bad statement in the middle" cli_force

cli_metadata() {
  local out
  contains "SHOW DATABASES" "$(sg -e "SHOW DATABASES")" "shop"
  expect "SHOW TABLES" "$(sg -e "SHOW TABLES" | tr '\n' ' ')" "countries sbtest1 users " \
    || expect "SHOW TABLES" "$(sg -e "SHOW TABLES" | tr '\n' ' ')" "countries users "
  out=$(sg -e "DESCRIBE users")
  contains "DESCRIBE" "$out" "id" "bigint" "PRI" "name" "varchar(50)"
  out=$(sg -e "SHOW CREATE TABLE users")
  contains "SHOW CREATE TABLE" "$out" 'CREATE TABLE `users`'
  if grep -q "users_[0-9]" <<<"$out"; then echo "physical name in SHOW CREATE TABLE: $out"; return 1; fi
  out=$(sg -e "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS
               WHERE TABLE_SCHEMA = 'shop' AND TABLE_NAME = 'users' ORDER BY ORDINAL_POSITION")
  expect "information_schema.COLUMNS" "$(echo "$out" | cut -f2 | tr '\n' ' ')" "id name age joined "
  out=$(sg -e "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1")
  if grep -q "_[0-9]$" <<<"$out"; then echo "physical names in information_schema.TABLES: $out"; return 1; fi
  contains "information_schema.TABLES" "$out" "users" "countries"
  contains "SHOW COLLATION" "$(sg -e "SHOW COLLATION LIKE 'utf8mb4_general_ci'")" "utf8mb4_general_ci"
  contains "SHOW VARIABLES" "$(sg -e "SHOW VARIABLES WHERE Variable_name = 'autocommit'")" "ON"
  # a backend's warning (duplicate key ignored), then the proxy's own (a scatter read)
  contains "SHOW WARNINGS" "$(sg -e "INSERT IGNORE INTO users (id, name) VALUES (1, 'dup'); SHOW WARNINGS")" \
    "1062" "Duplicate entry"
  contains "SHOW WARNINGS" "$(sg -e "SELECT COUNT(*) FROM users; SHOW WARNINGS; SELECT @@warning_count")" \
    "scatter read"
}
step "mariadb CLI: SHOW, DESCRIBE, SHOW CREATE TABLE, information_schema over the logical schema" cli_metadata

# ---- node mysql2 ----------------------------------------------------------------------------------
cat >"$work/node/check.js" <<'JS'
const mysql = require('mysql2/promise');
const assert = require('assert');
(async () => {
  const c = await mysql.createConnection({ host: '127.0.0.1', port: +process.argv[2], user: 'app',
    password: process.env.SG_APP_PASSWORD, database: 'shop' });
  // query: placeholders interpolated by the client
  let [rows] = await c.query('SELECT id, name, age FROM users WHERE id IN (?) ORDER BY id', [[1, 4, 7]]);
  assert.deepStrictEqual(rows.map(r => [r.id, r.name, r.age]),
    [[1, 'ada', 36], [4, 'margaret', 52], [7, 'donald', 70]]);
  // execute: server-side prepared statements, binary rows
  [rows] = await c.execute('SELECT name, age, joined FROM users WHERE id = ?', [2]);
  assert.strictEqual(rows.length, 1);
  assert.strictEqual(rows[0].name, 'grace');
  assert.strictEqual(rows[0].age, 45);
  assert.strictEqual(rows[0].joined.getFullYear(), 2024);
  const [result] = await c.execute('INSERT INTO users (id, name, age) VALUES (?, ?, ?)', [200, 'node', 9]);
  assert.strictEqual(result.affectedRows, 1);
  await c.beginTransaction();
  await c.execute('UPDATE users SET age = age + ? WHERE id = ?', [1, 200]);
  await c.commit();
  [rows] = await c.execute('SELECT age FROM users WHERE id = ?', [200]);
  assert.strictEqual(rows[0].age, 10);
  [rows] = await c.query('SELECT COUNT(*) AS n FROM users');
  assert.strictEqual(Number(rows[0].n), 9);
  [rows] = await c.query('SELECT @@session.transaction_isolation AS iso, DATABASE() AS db');
  assert.deepStrictEqual([rows[0].iso, rows[0].db], ['REPEATABLE-READ', 'shop']);
  await c.execute('DELETE FROM users WHERE id = ?', [200]);
  await c.end();
  console.log('node mysql2: ok');
})().catch(e => { console.error(e); process.exit(1); });
JS
step "node mysql2: query and execute (prepared), transaction, results checked" \
  env NODE_PATH="$work/node/node_modules" node "$work/node/check.js" "$proxy_port"

# ---- PyMySQL --------------------------------------------------------------------------------------
cat >"$work/check.py" <<'PY'
import datetime, os, sys
import pymysql
c = pymysql.connect(host="127.0.0.1", port=int(sys.argv[1]), user="app", password=os.environ["SG_APP_PASSWORD"],
                    database="shop", charset="utf8mb4")  # autocommit off: PyMySQL's default
with c.cursor() as cur:
    cur.execute("SELECT name, age, joined FROM users WHERE id = %s", (4,))
    assert cur.fetchall() == (("margaret", 52, datetime.date(2024, 4, 5)),), "point read"
    cur.execute("SELECT name FROM users WHERE age > %s ORDER BY age", (50,))
    assert [r[0] for r in cur.fetchall()] == ["margaret", "ken", "donald"], "scatter read, merged order"
    cur.execute("INSERT INTO users (id, name, age) VALUES (%s, %s, %s)", (300, "py\u00e9", 3))
    assert c.get_autocommit() is False
c.commit()
with c.cursor() as cur:
    cur.execute("SELECT name FROM users WHERE id = 300")
    assert cur.fetchone()[0] == "py\u00e9", "committed row with a non-ASCII name"
    cur.execute("DELETE FROM users WHERE id = 300")
c.commit()
c.autocommit(True)
with c.cursor() as cur:
    cur.execute("SELECT @@autocommit")
    assert cur.fetchone() == (1,), "autocommit on"
    cur.execute("SELECT COUNT(*) FROM users")
    assert cur.fetchone() == (8,), "rows back to 8"
c.close()
print("PyMySQL: ok")
PY
step "PyMySQL: parameters, autocommit off and commit, results checked" /usr/bin/python3 "$work/check.py" "$proxy_port"

# ---- PHP PDO with native prepares -----------------------------------------------------------------
cat >"$work/check.php" <<'PHP'
<?php
$pdo = new PDO("mysql:host=127.0.0.1;port={$argv[1]};dbname=shop;charset=utf8mb4", "app", getenv("SG_APP_PASSWORD"), [
    PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
    PDO::ATTR_EMULATE_PREPARES => false,          // server-side prepared statements
    PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
]);
function check($what, $actual, $expected) {
    if ($actual !== $expected) {
        fwrite(STDERR, "$what: expected " . var_export($expected, true) . ", got " . var_export($actual, true) . "\n");
        exit(1);
    }
}
$select = $pdo->prepare("SELECT id, name, age FROM users WHERE id = ?");
$select->execute([6]);
check("point read", $select->fetchAll(), [["id" => 6, "name" => "barbara", "age" => 33]]);
$select->execute([3]);
check("the same statement executed again", $select->fetch()["name"], "linus");
$insert = $pdo->prepare("INSERT INTO users (id, name, age) VALUES (:id, :name, :age)");
$pdo->beginTransaction();
$insert->execute([":id" => 400, ":name" => "php", ":age" => 4]);
$insert->execute([":id" => 401, ":name" => "pdo", ":age" => 5]);
$pdo->commit();
$sum = $pdo->prepare("SELECT COUNT(*) AS n, SUM(age) AS s FROM users WHERE id IN (?, ?)");
$sum->execute([400, 401]);
$row = $sum->fetch();
check("rows written in a transaction", [(int) $row["n"], (int) $row["s"]], [2, 9]);
$pdo->exec("DELETE FROM users WHERE id IN (400, 401)");
check("server version", (bool) preg_match('/MariaDB/', $pdo->getAttribute(PDO::ATTR_SERVER_VERSION)), true);
echo "PHP PDO: ok\n";
PHP
step "PHP PDO with native prepares: typed values, transaction, results checked" php "$work/check.php" "$proxy_port"

# ---- sysbench -------------------------------------------------------------------------------------
sysbench_args=(--db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$proxy_port" --mysql-user=app
  --mysql-password="$SG_APP_PASSWORD" --mysql-db=shop --tables=1 --table-size=10000 --auto-inc=off)
sysbench_prepare() {
  sysbench oltp_read_write "${sysbench_args[@]}" prepare
  expect "sbtest1 rows through the proxy" "$(sg -e "SELECT COUNT(*) FROM sbtest1")" 10000
  local g t n
  for g in 0 1; do
    for t in 0 1; do
      n=$(direct "$g" "SELECT COUNT(*) FROM sbtest1_$t")
      expect "rows in g$g.sbtest1_$t (mod 4 on id)" "$n" 2500
    done
  done
}
step "sysbench oltp_read_write prepare: table created and loaded through the proxy, 4 shards" sysbench_prepare

# Deadlocks (1213) are part of oltp_read_write on any MySQL, and sysbench retries them; with 4 shards
# in 2 groups some are deadlocks across groups, which only Shardgate can see and break in about a
# second. A lock wait timeout (1205) would mean one went unseen for 50 s: it is not ignored here,
# so it fails the run, and so does a run that stalls.
sysbench_run() {
  local mode="$1" out
  out=$(sysbench oltp_read_write "${sysbench_args[@]}" --threads=4 --time=10 --db-ps-mode="$mode" \
    --mysql-ignore-errors=1213,1020 --report-interval=0 run 2>&1) || { echo "$out" | tail -n 30; return 1; }
  echo "$out" | grep -E "transactions:|queries:|ignored errors:|total time:" | sed 's/^ */info: /'
  local transactions errors seconds
  transactions=$(echo "$out" | awk '/transactions:/ {print $2}')
  errors=$(echo "$out" | awk '/ignored errors:/ {print $3}')
  seconds=$(echo "$out" | awk '/total time:/ {print int($3)}')
  [ "${transactions:-0}" -gt 0 ] || { echo "no transactions completed"; echo "$out"; return 1; }
  expect "deadlocks retried under 1% of transactions" "$(( errors * 100 < transactions ))" 1
  expect "run of 10 s finished within 15 s (no transaction stalled)" "$(( seconds <= 15 ))" 1
  expect "rows after the run (deletes and inserts balance)" "$(sg -e "SELECT COUNT(*) FROM sbtest1")" 10000
}
step "sysbench oltp_read_write run, --db-ps-mode=auto (prepared statements): no errors, no stalls" sysbench_run auto
step "sysbench oltp_read_write run, --db-ps-mode=disable (text protocol): no errors, no stalls" sysbench_run disable
step "sysbench cleanup" sysbench oltp_read_write "${sysbench_args[@]}" cleanup

if grep -q -E "ERROR|Exception" "$work/proxy.log"; then
  echo "---- proxy log (errors) ----"
  grep -E -A3 "ERROR|Exception" "$work/proxy.log" | head -n 40
fi
echo "clients: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
