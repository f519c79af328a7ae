#!/usr/bin/env bash
# The JMH suite's short profile: builds the benchmarks jar from this checkout, runs every
# benchmark once per parameter set (1 fork and 3 measured operations per trial, after the
# warm-up its class sets: 5 operations for BinlogToLogTable, whose capture reaches its steady
# speed only after about five runs of a million events, 1 for Replay and InitCopy) on
# the sandbox databases (embedded MariaDB and PostgreSQL, started in each fork), and writes
#   jmh/results/short/results.json  JMH's own JSON
#   jmh/results/short/results.md    the markdown table (rates and ratios to the raw limits)
#   jmh/results/short/jmh.log       JMH's console output
# (another directory with CHAMELEON_RESULTS=dir).
# Takes about 12 minutes on a 2-core machine (BinlogToLogTable 8, Replay 3, InitCopy 1); run
# nothing else meanwhile (the table's last column shows how many cores other programs took
# during each measurement).
#
# Usage: jmh/run-short.sh [extra JMH options], e.g.
#   jmh/run-short.sh -p backlogEvents=100000 -p rows=200000   a quick check with smaller data
#   jmh/run-short.sh -prof stack                              with JMH's thread-stack sampling profiler
# Extra Maven options (e.g. -o offline) go in CHAMELEON_MVN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${CHAMELEON_RESULTS:-jmh/results/short}
mvn -B -q ${CHAMELEON_MVN_ARGS:-} package -DskipTests -pl jmh -am
mkdir -p "$out"
java -jar jmh/target/benchmarks.jar 'io\.chameleon\.jmh\.(BinlogToLogTable|Replay|InitCopy)\.' \
  -f 1 -i 3 -rf json -rff "$out/results.json" "$@" 2>&1 | tee "$out/jmh.log"
java -cp jmh/target/benchmarks.jar io.chameleon.jmh.Results "$out/results.json" "$out/results.md"
