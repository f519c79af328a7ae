#!/usr/bin/env bash
# LogTableBloat (issue 7): the log layouts compared with 1, 2, 4 and 8 sources, beside the raw
# COPY and raw decode limits of the same run. Builds the benchmarks jar from this checkout, runs
# JMH on the sandbox databases, and writes into jmh/results/bloat-<profile>/
#   results.json            JMH's own JSON
#   results.md              rates and ratios to the limits, CPU per event (io.chameleon.jmh.Results)
#   bloat.md                the log table figures per layout and sources (io.chameleon.jmh.Charts)
#   log-table-bytes.png     log table size over the batches, a panel per number of sources
#   events-per-second.png   rate per number of sources
#   jmh.log                 JMH's console output
#
# Profiles:
#   short (default)  100 batches of 1,000 events per source, 1 fork, 1 measured operation per
#                    trial, no warm-up: about 10 minutes on a quiet 2-core machine
#   full             1,000 batches per source, 1 fork, 1 warm-up and 2 measured operations per
#                    trial: about 2 hours
# Run nothing else meanwhile (results.md's last column shows the cores other programs took).
#
# Usage: jmh/run-bloat.sh [short|full] [extra JMH options], e.g.
#   jmh/run-bloat.sh short -p sources=1,8                  fewer trials
#   jmh/run-bloat.sh short -p autovacuumNaptime=5s         autovacuum visiting every 5 s
# Extra Maven options (e.g. -o offline) go in CHAMELEON_MVN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=short
if [[ "${1:-}" == short || "${1:-}" == full ]]; then
  profile=$1
  shift
fi
case $profile in
  short) settings=(-f 1 -wi 0 -i 1 -p backlogEvents=100000) ;;
  full) settings=(-f 1 -wi 1 -i 2 -p backlogEvents=1000000) ;;
esac
out=jmh/results/bloat-$profile
mvn -B -q ${CHAMELEON_MVN_ARGS:-} package -DskipTests -pl jmh -am
mkdir -p "$out"
java -jar jmh/target/benchmarks.jar 'io\.chameleon\.jmh\.LogTableBloat\.' "${settings[@]}" \
  -rf json -rff "$out/results.json" "$@" 2>&1 | tee "$out/jmh.log"
java -cp jmh/target/benchmarks.jar io.chameleon.jmh.Results "$out/results.json" "$out/results.md"
java -cp jmh/target/benchmarks.jar io.chameleon.jmh.Charts "$out/results.json" "$out"
