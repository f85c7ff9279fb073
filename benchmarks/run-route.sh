#!/usr/bin/env bash
# RouteBenchmark: parse + route of a point select, a multi-row insert and a scatter aggregate,
# cached and uncached, no backend; prints each against issue 2's targets for the point select
# (cached <= 2 us, uncached <= 50 us). Takes about 2 minutes.
#
#   benchmarks/run-route.sh                 # the recorded run
#   SKIP_BUILD=1 benchmarks/run-route.sh    # reuse benchmarks/target/benchmarks.jar
#
# Extra arguments go to JMH. Results are also written to benchmarks/target/route-results.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -DskipTests -pl benchmarks -am package
fi
read -r -a jmh_args <<< "${JMH_ARGS:--f 1 -wi 3 -w 2s -i 5 -r 2s -t 1}"
exec java -cp benchmarks/target/benchmarks.jar io.shardgate.benchmarks.RouteTargets \
  "${jmh_args[@]}" -rf csv -rff benchmarks/target/route-results.csv "$@"
