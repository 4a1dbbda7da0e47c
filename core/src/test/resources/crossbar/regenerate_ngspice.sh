#!/usr/bin/env bash
# Regenerates crossbar16.ngspice.csv: the 16 column currents of crossbar16.cir (a 16 x 16 1R crossbar read with
# wire, driver and sense resistance) as ngspice solves the very same file (.op, 15 digits).
# Needs ngspice (Debian: apt-get install ngspice; made with ngspice-39). LinearReadTest only reads the CSV.
set -euo pipefail
cd "$(dirname "$0")"
command -v ngspice >/dev/null || { echo "ngspice not installed (apt-get install ngspice)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed '/^\.end$/Id' crossbar16.cir > "$tmp/run.cir"
cat >> "$tmp/run.cir" <<'CTL'
.control
set numdgt=15
op
let k = 0
while k < 16
  print i(vs$&k)
  let k = k + 1
end
quit
.endc
.end
CTL
ngspice -b "$tmp/run.cir" < /dev/null > "$tmp/log.txt" 2>&1 || { cat "$tmp/log.txt" >&2; exit 1; }
{
  echo "# ngspice: $(ngspice -v 2>/dev/null | grep -io 'ngspice-[0-9]*' | head -1), .op of crossbar16.cir"
  echo "column,current_A"
  sed -n 's/^i(vs\([0-9]*\)) = \(.*\)$/\1,\2/p' "$tmp/log.txt"
} > crossbar16.ngspice.csv
echo "crossbar16.ngspice.csv: $(($(wc -l < crossbar16.ngspice.csv) - 2)) columns"
