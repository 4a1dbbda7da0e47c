#!/usr/bin/env bash
# Regenerates the ngspice reference CSVs from the netlists in this folder.
# Needs ngspice (Debian: apt-get install ngspice). The tests only read the committed CSVs.
# Each netlist runs unchanged in Neuristor; here a .control block is appended that runs it with
# tight tolerances, linearizes onto the netlist's print step and writes the saved vectors.
set -euo pipefail
cd "$(dirname "$0")"
command -v ngspice >/dev/null || { echo "ngspice not installed (apt-get install ngspice)" >&2; exit 1; }
python3 gen_ladder.py 100 > rc_ladder100.cir
python3 gen_mesh.py 30 > rc_mesh30.cir
for cir in ${CASES:-diode_rectifier mosfet_inverter sw_relaxation ts_1ts1c_bsource rlc_controlled rc_ladder100 rc_mesh30}; do
  vecs=$(grep -i '^\.save' "$cir.cir" | sed 's/^\.save//I')
  tmp=$(mktemp -d)
  sed '/^\.end$/Id' "$cir.cir" > "$tmp/run.cir"
  cat >> "$tmp/run.cir" <<CTL
.options reltol=1e-6 abstol=1e-12 vntol=1e-9 chgtol=1e-16
.control
set wr_singlescale
set wr_vecnames
run
linearize
wrdata $tmp/out.txt $vecs
quit
.endc
.end
CTL
  ngspice "$tmp/run.cir" < /dev/null > "$tmp/log.txt" 2>&1 || { cat "$tmp/log.txt" >&2; exit 1; }
  # whitespace table with a header -> CSV with ngspice's lower-case names
  awk 'NR==1 { for (i = 1; i <= NF; i++) h = h (i > 1 ? "," : "") tolower($i); print h; next }
       { l = ""; for (i = 1; i <= NF; i++) l = l (i > 1 ? "," : "") sprintf("%.9g", $i); print l }' \
      "$tmp/out.txt" > "$cir.csv"
  echo "$cir: $(($(wc -l < "$cir.csv") - 1)) points"
  rm -rf "$tmp"
done
ngspice -v 2>/dev/null | grep -i 'ngspice-' | head -1 > ngspice-version.txt || true
