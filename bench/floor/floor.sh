#!/bin/bash
# What one transient Newton iteration costs without the step around it, and this host's operation latencies
# (IterationFloor.java; docs/engine.md, round 21). Usage, from the repository root, after
# `mvn -B -q -o -pl cli,bench -am package -DskipTests`:
#   bench/floor/floor.sh [BENCHMARKS_JAR] [NETLIST] [SOLVES] [H]
# (defaults: bench/target/benchmarks.jar, examples/1ts1c-bsource.cir, 1000000, 2e-8).
set -eu
JAR=${1:-bench/target/benchmarks.jar}
shift || true
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
javac -d "$OUT" -cp "$JAR" "$(dirname "$0")/IterationFloor.java"
java -cp "$OUT:$JAR" org.neuristor.circuit.IterationFloor "$@"
