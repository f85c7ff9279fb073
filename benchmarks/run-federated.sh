#!/usr/bin/env bash
# FederatedJoinBenchmark: a cross-shard join of 2 x 100k rows through jdbc:shardgate: on one
# embedded MariaDB (4 shards); prints time and peak heap per run. Takes about 2 minutes on 2 cores.
#
#   benchmarks/run-federated.sh                 # 100k x 100k, 5 runs, -Xmx512m
#   HEAP=256m benchmarks/run-federated.sh 100000 3
#   SKIP_BUILD=1 benchmarks/run-federated.sh    # reuse benchmarks/target/benchmarks.jar
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -o -DskipTests -pl benchmarks -am package
fi
exec java "-Xmx${HEAP:-512m}" -cp benchmarks/target/benchmarks.jar io.shardgate.benchmarks.FederatedJoinBenchmark "$@"
