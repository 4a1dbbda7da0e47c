#!/bin/bash
# Bit-identity check of two builds on every netlist of the repository (*.cir outside target/): accepted and
# rejected steps, Newton iterations and a hash of every trace bit per analysis (Fingerprint.java), with the
# netlists as written, and the transient ones again under `.options method=trap` and `method=euler`.
# Usage, from the repository root: bench/identity/check.sh NEW_BENCHMARKS_JAR REFERENCE_BENCHMARKS_JAR [OUT_DIR]
# (each jar is a build's bench/target/benchmarks.jar). Exits 1 when any line differs.
set -u
NEW=$1; REF=$2; OUT=${3:-$(mktemp -d)}
HERE=$(dirname "$0")
mkdir -p "$OUT"
mapfile -t ALL < <(find . -name '*.cir' -not -path '*/target/*' -not -path './.git/*' | sort)
mapfile -t TRAN < <(grep -l '^\.tran' "${ALL[@]}")
status=0
for mode in default trap euler; do
  if [ $mode = default ]; then files=("${ALL[@]}"); opt=(); else files=("${TRAN[@]}"); opt=(-Dinject=".options method=$mode"); fi
  for side in new ref; do
    jar=$NEW; [ $side = ref ] && jar=$REF
    java "${opt[@]}" -cp "$jar" "$HERE/Fingerprint.java" "${files[@]}" > "$OUT/$side-$mode.txt"
  done
  ran=$(grep -vc ' ! ' "$OUT/ref-$mode.txt")
  if cmp -s "$OUT/new-$mode.txt" "$OUT/ref-$mode.txt"; then
    echo "$mode: identical (${#files[@]} netlists, $ran ran)"
  else
    echo "$mode: DIFFERENT (see diff $OUT/new-$mode.txt $OUT/ref-$mode.txt)"; status=1
  fi
done
exit $status
