#!/bin/bash
# Round 22's go/no-go experiment (docs/engine.md ## Newton): one transient Newton iteration of a small netlist as
# straight-line code with every value in a local variable (RegisterEmit.java writes it as Java source for the
# netlist), checked bit for bit against MnaSystem.newton from the floor's converged states and timed against it,
# alternated in one JVM (RegisterFloor.java). Usage, from the repository root, after
# `mvn -B -q -o -pl cli,bench -am package -DskipTests`:
#   bench/floor/register.sh [BENCHMARKS_JAR] [NETLIST] [SOLVES_PER_BLOCK] [H] [BLOCKS]
# (defaults: bench/target/benchmarks.jar, examples/1ts1c-bsource.cir, 100000, 2e-8, 120). RegisterEmit supports the
# elements of the reference netlist only (voltage sources, current B sources of exp/abs/arithmetic, linear elements).
set -eu
JAR=${1:-bench/target/benchmarks.jar}
NETLIST=${2:-examples/1ts1c-bsource.cir}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
DIR=$(dirname "$0")
javac -d "$OUT" -cp "$JAR" "$DIR/IterationFloor.java" "$DIR/RegisterEmit.java"
java -cp "$OUT:$JAR" org.neuristor.circuit.RegisterEmit "$NETLIST" "$OUT/RegisterKernel.java"
javac -d "$OUT" -cp "$OUT:$JAR" "$OUT/RegisterKernel.java" "$DIR/RegisterFloor.java"
java -cp "$OUT:$JAR" org.neuristor.circuit.RegisterFloor "$NETLIST" "${@:3}"
