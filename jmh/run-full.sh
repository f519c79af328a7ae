#!/usr/bin/env bash
# The JMH suite's full profile: like run-short.sh, with 1, 2, 4 and 8 sources, initial copies of
# 2 and 10 million rows, 3 forks per trial and 3 warm-up and 5 measured operations per fork.
# Writes jmh/results/full/results.json, results.md and jmh.log. Takes about three hours on a
# 2-core machine; run nothing else meanwhile.
#
# Usage: jmh/run-full.sh [extra JMH options]; extra Maven options go in CHAMELEON_MVN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
out=jmh/results/full
mvn -B -q ${CHAMELEON_MVN_ARGS:-} package -DskipTests -pl jmh -am
mkdir -p "$out"
java -jar jmh/target/benchmarks.jar 'io\.chameleon\.jmh\.(BinlogToLogTable|Replay|InitCopy)\.' \
  -f 3 -wi 3 -i 5 -p sources=1,2,4,8 -p rows=2000000,10000000 -rf json -rff "$out/results.json" "$@" 2>&1 | tee "$out/jmh.log"
java -cp jmh/target/benchmarks.jar io.chameleon.jmh.Results "$out/results.json" "$out/results.md"
