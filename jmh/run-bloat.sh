#!/usr/bin/env bash
# LogTableBloat (issue 7): the log layouts compared with 1, 2, 4 and 8 sources, beside the raw
# COPY and raw decode limits of the same run. Builds the benchmarks jar from this checkout, runs
# JMH on the sandbox databases (started in each fork), and writes into jmh/results/bloat-<profile>/
#   results.json            JMH's own JSON
#   results.md              rates and ratios to the limits, CPU per event (io.chameleon.jmh.Results)
#   bloat.md                the log table figures per layout and sources (io.chameleon.jmh.Charts)
#   log-table-bytes.png     log table size over the batches, a panel per number of sources
#   events-per-second.png   rate per number of sources
#   jmh.log                 JMH's console output
#
# Profiles (both as LogTableBloat's annotations say: 1 fork per trial; replicate 1 measured
# operation, no warm-up; the limits 2 warm-up and 3 measured operations):
#   short (default)  100 batches of 1,000 events per source
#   full             1,000 batches per source
# See jmh/README.md for how long each takes. Run nothing else meanwhile (results.md's last
# column shows the cores other programs took).
#
# Usage: jmh/run-bloat.sh [short|full] [extra JMH options], e.g.
#   jmh/run-bloat.sh short -p sources=1,2,4                 without the slowest trials
#   jmh/run-bloat.sh short -p autovacuumNaptime=5s          autovacuum visiting every 5 s
#   jmh/run-bloat.sh short -p backlogEvents=300000          300 batches per source
# The output folder is CHAMELEON_BLOAT_OUT when set. Extra Maven options (e.g. -o offline) go in
# CHAMELEON_MVN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=short
if [[ "${1:-}" == short || "${1:-}" == full ]]; then
  profile=$1
  shift
fi
case $profile in
  short) batches=(-p backlogEvents=100000) ;;
  full) batches=(-p backlogEvents=1000000) ;;
esac
if [[ " $* " == *backlogEvents=* ]]; then
  batches=() # JMH would run both values, not the last one
fi
out=${CHAMELEON_BLOAT_OUT:-jmh/results/bloat-$profile}
mvn -B -q ${CHAMELEON_MVN_ARGS:-} package -DskipTests -pl jmh -am
mkdir -p "$out"
java -jar jmh/target/benchmarks.jar 'io\.chameleon\.jmh\.LogTableBloat\.' ${batches[@]+"${batches[@]}"} \
  -rf json -rff "$out/results.json" "$@" 2>&1 | tee "$out/jmh.log"
java -cp jmh/target/benchmarks.jar io.chameleon.jmh.Results "$out/results.json" "$out/results.md"
java -cp jmh/target/benchmarks.jar io.chameleon.jmh.Charts "$out/results.json" "$out"
