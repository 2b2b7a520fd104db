#!/usr/bin/env bash
# The fault and abuse suite of issue 21 (FaultSuite; docs/robustness.md): kill -9 at each stage of a
# publication, 16 readers during a publication, runaway and deep queries, the hostile-request and
# bad-file corpora, against real cairn processes. Not part of `mvn verify`: it takes minutes.
#
# Usage (from anywhere): benchmarks/fault-suite.sh [ROUNDS [OBSERVATIONS]]
#   ROUNDS        rounds of kills, four stages each (default 3)
#   OBSERVATIONS  observations per published version (default 30000)
# It builds the modules it needs (never installs), works in benchmarks/target/fault-suite, prints a
# summary and exits 1 when anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -pl benchmarks -am package dependency:build-classpath \
  -DskipTests -Dspotless.check.skip=true -Dmdep.outputFile=target/classpath.txt
exec java -Xmx1g -XX:+ExitOnOutOfMemoryError \
  -cp "benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)" \
  scot.cairn.benchmarks.FaultSuite benchmarks/target/fault-suite "${1:-3}" "${2:-30000}" \
  examples/data/datasets/council-tax-collection.yaml
