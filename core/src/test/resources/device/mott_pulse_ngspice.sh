#!/bin/sh
# Peer check of PulseResponseTest's mott half-way delays: ngspice (-b) on the model 'device export mott' writes,
# a 1 ps edge, 5 ns pulse through 1 kOhm, the half-way point of V(x1.t) timed from the middle of the edge as
# 'pulse' does. Writes mott_pulse_ngspice.txt next to this script. Run from the repository root:
#   sh core/src/test/resources/device/mott_pulse_ngspice.sh
set -e
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
./neuristor device export mott --format ngspice > "$tmp/mott.sub"
for V in 1.2 1.5 2 3; do
  cat > "$tmp/p$V.cir" <<DECK
mott pulse $V V through 1 kOhm
.include $tmp/mott.sub
V1 in 0 PWL(0 0 1p $V 5.001n $V 5.002n 0)
R1 in a 1k
X1 a 0 mott
.ic V(x1.t)=300
.tran 0.1p 10n 0 1p uic
.control
run
wrdata $tmp/p$V.dat V(x1.t) V(a) I(V1)
.endc
.end
DECK
  ngspice -b "$tmp/p$V.cir" > "$tmp/p$V.log" 2>&1 || true
done
python3 - "$tmp" > "$here/mott_pulse_ngspice.txt" <<'PY'
import sys
d = sys.argv[1]
print("# ngspice half-way delay (s) and device energy until then (J) of the exported mott model, 1 kOhm, 5 ns pulse")
for V in ("1.2", "1.5", "2", "3"):
    rows = [list(map(float, l.split())) for l in open("%s/p%s.dat" % (d, V)) if l.strip()]
    t = [r[0] for r in rows]; T = [r[1] for r in rows]; va = [r[3] for r in rows]; i = [-r[5] for r in rows]
    smax = max(T[k] for k in range(len(t)) if t[k] <= 5.001e-9)
    lvl = 300 + 0.5 * (smax - 300)
    e = 0
    for k in range(1, len(t)):
        if T[k] >= lvl:
            f = (lvl - T[k - 1]) / (T[k] - T[k - 1])
            p0, p1 = va[k - 1] * i[k - 1], va[k] * i[k]
            e += 0.5 * (p0 + p0 + f * (p1 - p0)) * f * (t[k] - t[k - 1])
            print("%s V: delay %.6g s, energy %.6g J" % (V, t[k - 1] + f * (t[k] - t[k - 1]) - 0.5e-12, e))
            break
        e += 0.5 * (va[k - 1] * i[k - 1] + va[k] * i[k]) * (t[k] - t[k - 1])
PY
ngspice -v 2>&1 | grep -m1 ngspice >> "$here/mott_pulse_ngspice.txt"
rm -rf "$tmp"
