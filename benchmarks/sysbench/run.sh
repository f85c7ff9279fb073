#!/usr/bin/env bash
# sysbench through Shardgate vs. straight to MariaDB, in one run on one machine:
#   direct   sysbench → MariaDB A (database sb_direct)
#   relay    sysbench → HAProxy (TCP mode: bytes passed on, nothing parsed) → MariaDB A (sb_direct):
#            what any proxy that adds a TCP hop costs on this machine: the ceiling for a proxy's ratio
#   1 shard  sysbench → Shardgate → MariaDB A (logical database sb_one: sbtest1 unsharded)
#   4 shards sysbench → Shardgate → MariaDB A and B (logical database sb_four: sbtest1 sharded by
#            id, mod 4, over g0.sbtest1_0, g0.sbtest1_1, g1.sbtest1_0, g1.sbtest1_1)
# Each test (oltp_point_select, oltp_read_only) runs $ROUNDS rounds; a round runs every target for
# $TIME seconds, one after the other, so that a change in the machine's speed during the run hits
# all targets alike. Prints each run, then per test the median tps and the median of the per-round
# ratios to direct (and to the relay), with their range.
# Needs sysbench, mariadb-server and haproxy (Debian packages; installed if missing when run as
# root), a JDK 17+ and Maven (bin/shardgate builds the jar if it is missing).
# Environment: THREADS (8), TIME (10), ROUNDS (3), WARMUP (5), TABLE_SIZE (100000),
# PS_MODE (auto|disable).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
THREADS="${THREADS:-8}"
TIME="${TIME:-10}"
ROUNDS="${ROUNDS:-3}"
WARMUP="${WARMUP:-5}"
TABLE_SIZE="${TABLE_SIZE:-100000}"
PS_MODE="${PS_MODE:-auto}"
work="$(mktemp -d /tmp/shardgate-sysbench.XXXXXX)"
pids=()
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
export PATH="$PATH:/usr/sbin"

if ! command -v sysbench >/dev/null 2>&1 || ! command -v mariadbd >/dev/null 2>&1 \
    || ! command -v haproxy >/dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] || { echo "run.sh: needs sysbench, mariadb-server and haproxy (apt-get install sysbench mariadb-server haproxy)" >&2; exit 1; }
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sysbench mariadb-server mariadb-client haproxy >/dev/null
fi
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() {
  local seconds="$1" i; shift
  for ((i = 0; i < seconds * 5; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  return 1
}

start_mariadb() { # name port
  local dir="$work/$1"
  mkdir -p "$dir/tmp"
  mariadb-install-db --no-defaults --user=root --datadir="$dir/data" --tmpdir="$dir/tmp" \
    --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1
  mariadbd --no-defaults --user=root --datadir="$dir/data" --tmpdir="$dir/tmp" --port="$2" --bind-address=127.0.0.1 \
    --socket="$dir/mariadb.sock" --pid-file="$dir/mariadb.pid" --log-error="$dir/error.log" --skip-log-bin \
    --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=2 --performance-schema=OFF \
    --max-connections=500 --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
    >"$dir/stderr.log" 2>&1 &
  pids+=($!)
  wait_for 60 mariadb-admin --no-defaults --socket="$dir/mariadb.sock" -uroot ping \
    || { tail -n 20 "$dir/error.log"; exit 1; }
  mariadb --no-defaults --socket="$dir/mariadb.sock" -uroot -e "DELETE FROM mysql.global_priv WHERE User = '';
    FLUSH PRIVILEGES; CREATE USER 'bench'@'%' IDENTIFIED BY 'bench'; GRANT ALL ON *.* TO 'bench'@'%';"
}
port_a="$(free_port)"; port_b="$(free_port)"; proxy_port="$(free_port)"; relay_port="$(free_port)"
start_mariadb a "$port_a"
start_mariadb b "$port_b"
for db in sb_direct sb_one sb_four_0; do mariadb --no-defaults --socket="$work/a/mariadb.sock" -uroot -e "CREATE DATABASE $db"; done
mariadb --no-defaults --socket="$work/b/mariadb.sock" -uroot -e "CREATE DATABASE sb_four_1"

url() { echo "jdbc:mysql://127.0.0.1:$1/$2?useSSL=false&allowPublicKeyRetrieval=true"; }
cat >"$work/one.yaml" <<YAML
database: sb_one
users: [ { name: bench, password: bench } ]
groups:
  g0: { leader: { url: "$(url "$port_a" sb_one)", user: bench, password: bench }, pool: { max-size: 64 } }
default-group: g0
YAML
cat >"$work/four.yaml" <<YAML
database: sb_four
users: [ { name: bench, password: bench } ]
groups:
  g0: { leader: { url: "$(url "$port_a" sb_four_0)", user: bench, password: bench }, pool: { max-size: 64 } }
  g1: { leader: { url: "$(url "$port_b" sb_four_1)", user: bench, password: bench }, pool: { max-size: 64 } }
default-group: g0
tables:
  sbtest1: { shard-key: id, algorithm: mod, shards: "g\${0..1}.sbtest1_\${0..1}" }
YAML
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}" bin/shardgate serve --config "$work/one.yaml" --config "$work/four.yaml" \
  --port "$proxy_port" --admin-port -1 >"$work/proxy.log" 2>&1 &
pids+=($!)
wait_for 120 mariadb --no-defaults -h127.0.0.1 -P"$proxy_port" -ubench -pbench --skip-ssl sb_one -e "SELECT 1" \
  || { tail -n 30 "$work/proxy.log"; exit 1; }

# The reference relay: HAProxy in TCP mode, as many threads as the proxy has event loops (cores).
cat >"$work/haproxy.cfg" <<CFG
global
  nbthread $(nproc)
defaults
  mode tcp
  timeout connect 5s
  timeout client 1h
  timeout server 1h
listen mysql
  bind 127.0.0.1:$relay_port
  server a 127.0.0.1:$port_a
CFG
haproxy -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
pids+=($!)

# sb target: sysbench arguments for one of direct, relay, one, four
sb_args() {
  case "$1" in
    direct) echo "--mysql-port=$port_a --mysql-db=sb_direct" ;;
    relay) echo "--mysql-port=$relay_port --mysql-db=sb_direct" ;;
    one) echo "--mysql-port=$proxy_port --mysql-db=sb_one" ;;
    four) echo "--mysql-port=$proxy_port --mysql-db=sb_four" ;;
  esac
}
common=(--db-driver=mysql --mysql-host=127.0.0.1 --mysql-user=bench --mysql-password=bench --mysql-ssl=off
  --tables=1 --table-size="$TABLE_SIZE" --auto-inc=off --db-ps-mode="$PS_MODE")
for target in direct one four; do
  echo "== prepare $target ($TABLE_SIZE rows)"
  # shellcheck disable=SC2046
  sysbench oltp_read_only "${common[@]}" $(sb_args "$target") prepare >"$work/prepare-$target.log" 2>&1 \
    || { cat "$work/prepare-$target.log"; tail -n 30 "$work/proxy.log"; exit 1; }
done

targets=(direct relay one four)
for test in oltp_point_select oltp_read_only; do
  for target in "${targets[@]}"; do
    # shellcheck disable=SC2046
    sysbench "$test" "${common[@]}" $(sb_args "$target") --threads="$THREADS" --time="$WARMUP" run >/dev/null 2>&1 || true
  done
  for ((round = 1; round <= ROUNDS; round++)); do
    for target in "${targets[@]}"; do
      # shellcheck disable=SC2046
      out=$(sysbench "$test" "${common[@]}" $(sb_args "$target") --threads="$THREADS" --time="$TIME" \
        --percentile=95 run 2>&1) || { echo "$out" | tail -n 20; exit 1; }
      tps=$(echo "$out" | awk '/transactions:/ {gsub(/\(/, "", $3); print $3}')
      qps=$(echo "$out" | awk '/queries:/ && /per sec/ {gsub(/\(/, "", $3); print $3}')
      p95=$(echo "$out" | awk '/95th percentile:/ {print $3}')
      errors=$(echo "$out" | awk '/ignored errors:/ {print $3}')
      printf '%-18s round %d  %-7s tps %10s  qps %10s  p95 %7s ms  errors %s\n' "$test" "$round" "$target" \
        "$tps" "$qps" "$p95" "$errors"
      echo "$test $round $target $tps" >>"$work/results.txt"
    done
  done
done

echo
echo "== sysbench $(sysbench --version | awk '{print $2}'), $THREADS threads, $ROUNDS rounds of ${TIME}s per target, $TABLE_SIZE rows, ps-mode $PS_MODE, $(nproc) cores"
python3 - "$work/results.txt" <<'PY'
import statistics
import sys
from collections import defaultdict

tps = defaultdict(dict)  # (test, round) -> target -> tps
for line in open(sys.argv[1]):
    test, rnd, target, value = line.split()
    tps[(test, rnd)][target] = float(value)
tests = list(dict.fromkeys(test for test, _ in tps))
def median_range(values):
    return "%.2f [%.2f..%.2f]" % (statistics.median(values), min(values), max(values))
print("%-18s %10s %10s %10s %10s  %-18s %-18s %-18s %-18s" % ("test (median tps)", "direct", "relay", "1 shard",
      "4 shards", "relay/direct", "1 shard/direct", "4 shards/direct", "1 shard/relay"))
for test in tests:
    rounds = [r for (t, _), r in tps.items() if t == test]
    med = {target: statistics.median(r[target] for r in rounds) for target in ("direct", "relay", "one", "four")}
    ratio = lambda a, b: median_range([r[a] / r[b] for r in rounds])
    print("%-18s %10.1f %10.1f %10.1f %10.1f  %-18s %-18s %-18s %-18s" % (test, med["direct"], med["relay"],
          med["one"], med["four"], ratio("relay", "direct"), ratio("one", "direct"), ratio("four", "direct"),
          ratio("one", "relay")))
PY
