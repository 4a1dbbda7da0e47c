#!/usr/bin/env bash
# Redraws the images in docs/img (and docs/img/fitting) with the commands that make them, so that the
# README and docs show what the commands draw today.
#
#   docs/img/regenerate.sh [--cheap] [PATTERN]
#
# Run from the repository root after a build (`mvn -B -q -o -pl cli,bench -am package -DskipTests`, then
# `./neuristor --version` once); the script builds nothing, except the studio block, which runs Maven tests.
# PATTERN (an extended regular expression, e.g. 'neuron-' or 'crossbar|energy') redraws only the images whose
# file names match it; --cheap skips the blocks marked slow. Each block runs its command into a temporary
# folder and copies the PNG to its docs/img name; the temporary folder is removed at the end.
#
# Needs: the built ./neuristor; the stdp blocks /usr/bin/python3 with Pillow (Debian python3-pil); the studio block
# needs Debian's chromium and chromium-driver (as .ci/run installs them). Wall times measured in round 16 on the
# 2-core machine at load average 3-8:
#   cheap (about 7 min together): run, iv, neuron run x 8, neuron compare, patterns, network run, fit check
#     under 1 s each; neuron energy 5 s; run of lif-vo2fit 1 s, its f-V sweep 26 s; crossbar ir 27 s;
#     crossbar sneak 35 s (floating) and 69 s (V/3); neuron behaviours yi... 61 s; sweep-pickett-phase 24 s;
#     neuron behaviours all 84 s
#   slow: network digits --sweep: levels,d2d,stuck 195 s, the same on neurosim 98 s, wire-r about 5 min,
#     tile (at 300 Ohm) 141 s, nl 310 s; stdp-digits --neurons 400: 186 s (ideal; the neurosim run not timed in round 16);
#     fit vo2 about 3 min (not run in round 16); studio screenshots (the Studio browser tests, about 2 min of
#     the cli tests; not run for the images in round 16).
set -euo pipefail

cheap=0
if [[ "${1:-}" == "--cheap" ]]; then cheap=1; shift; fi
pattern="${1:-}"
[[ -x ./neuristor && -d docs/img ]] || { echo "run from the repository root (./neuristor, docs/img)" >&2; exit 2; }

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
N=./neuristor
D=examples/data/vo2-galloni2024

# want [slow] NAME...: true when one of the images NAME matches the pattern (and the block is not skipped by --cheap).
want() {
  if [[ "$1" == slow ]]; then shift; (( cheap )) && return 1; fi
  local n
  for n in "$@"; do
    if [[ -z "$pattern" || "$n" =~ $pattern ]]; then return 0; fi
  done
  return 1
}
# x COMMAND...: runs a command with its output in a log, shown only when it fails.
x() {
  echo "+ $*" >&2
  "$@" > "$T/log" 2>&1 || { cat "$T/log" >&2; return 1; }
}
# put FILE NAME: copies a drawn PNG to docs/img/NAME.
put() {
  cp "$1" "docs/img/$2"
  echo "docs/img/$2"
}

# README "A short tour"
if want 1ts1c.png; then
  x $N run examples/1ts1c.cir --out "$T/1ts1c"
  put "$T/1ts1c/1ts1c.tran.png" 1ts1c.png
fi
# README "Devices"
if want iv-ts-nbox.png; then
  x $N iv nbox --sweep triangle:amp=1.5,rate=10 --out "$T/iv"
  put "$T/iv/iv-nbox.png" iv-ts-nbox.png
fi
# README "Neuron circuits": the gallery
for c in lif lif-ag lif-ots wang pickett yi huang tuma; do
  if want "neuron-$c.png"; then
    x $N neuron run "$c" --out "$T/g"
    put "$T/g/$c.png" "neuron-$c.png"
  fi
done
if want compare-lif.png; then
  x $N neuron compare lif --out "$T/cmp"
  put "$T/cmp/lif.compare.png" compare-lif.png
fi
# README "Energy per spike against CMOS", docs/neuron-library.md
if want energy.png; then
  x $N neuron energy --out "$T/energy"
  put "$T/energy/energy.png" energy.png
fi
# README "Biological reference neurons"
if want izhikevich-patterns.png; then
  x $N patterns --out "$T/pat"
  put "$T/pat/patterns.png" izhikevich-patterns.png
fi
# README "Networks", docs/networks.md
if want synfire-pickett.png; then
  x $N network run examples/synfire-pickett.yaml --out "$T/syn"
  put "$T/syn/synfire-pickett.raster.png" synfire-pickett.png
fi
# docs/crossbar.md: IR error; sneak paths with the selectors of its table (the preset ots has no read: no curve)
if want crossbar_ir.png; then
  x $N network crossbar ir --out "$T/xir"
  put "$T/xir/crossbar_ir.png" crossbar_ir.png
fi
sel=none,1t1r,ots,ots:gese:ron=10k,ots:gese:ron=10k:roff=1g:i0=100p,ots:gese:ron=10k:roff=10g:i0=10p
if want crossbar_sneak.png; then
  x $N network crossbar sneak --selector "$sel" --out "$T/xsn"
  put "$T/xsn/crossbar_sneak.png" crossbar_sneak.png
fi
if want crossbar_sneak_third.png; then
  x $N network crossbar sneak --selector "$sel" --scheme third --out "$T/xsn3"
  put "$T/xsn3/crossbar_sneak.png" crossbar_sneak_third.png
fi
# docs/fitting.md: the fitted-VO2 LIF neuron, its f-V curve and the held-out 5.5 V check
if want fitting/lif-vo2fit.png; then
  x $N run examples/lif-vo2fit.cir --out "$T/lvf"
  put "$T/lvf/lif-vo2fit.tran.png" fitting/lif-vo2fit.png
fi
if want fitting/lif-vo2fit-fv.png; then
  x $N sweep examples/sweep-lif-vo2fit.yaml --out "$T/lvffv"
  put "$T/lvffv/lif-vo2fit-fv.spikes_v_o-vs-vin.png" fitting/lif-vo2fit-fv.png
fi
if want fitting/vo2fit-check-5.5V.png; then
  x $N fit check examples/models/vo2-galloni2024.model \
    --pulse "$D/pulses/4.5V_0.01s_68.5C.csv:ambient=68.5C" \
    --pulse "$D/pulses/5.5V_0.01s_68.5C.csv:ambient=68.5C" \
    --pulse "$D/pulses/6V_0.01s_68.5C.csv:ambient=68.5C" --out "$T/fchk"
  put "$T/fchk/vo2fit-check-5.5V_0.01s_68.5C.png" fitting/vo2fit-check-5.5V.png
fi

# README "23 behaviours", docs/behaviours.md: the yi galleries and the yi matrix
if want behaviours-yi.png behaviours-yi-phasic.png behaviours-yi-mixed.png behaviours-yi-tuned.png \
    behaviour-matrix-yi.png; then
  x $N neuron behaviours yi yi-phasic yi-mixed yi-adapt yi-tuned --out "$T/beh"
  for c in yi yi-phasic yi-mixed yi-tuned; do put "$T/beh/behaviours-$c.png" "behaviours-$c.png"; done
  put "$T/beh/behaviour-matrix.png" behaviour-matrix-yi.png
fi
# README, docs/sweep.md
if want sweep-pickett-phase.png; then
  x $N sweep examples/sweep-pickett-phase.yaml --out "$T/phase"
  put "$T/phase/pickett-phase.phase.png" sweep-pickett-phase.png
fi
# README, docs/behaviours.md: every library circuit
if want behaviour-matrix.png; then
  x $N neuron behaviours all --out "$T/all"
  put "$T/all/behaviour-matrix.png" behaviour-matrix.png
fi
# ---- slow (skipped by --cheap) ----
# docs/digits.md "Non-ideality curves", "The same on the NeuroSim preset", "IR drop and tiles", non-linearity
if want slow digits_sweep_levels.png digits_sweep_d2d.png digits_sweep_stuck.png; then
  x $N network digits --sweep levels,d2d,stuck --test-samples 500 --out "$T/dsw"
  for k in levels d2d stuck; do put "$T/dsw/digits_sweep_$k.png" "digits_sweep_$k.png"; done
fi
if want slow digits_sweep_neurosim_levels.png digits_sweep_neurosim_d2d.png digits_sweep_neurosim_stuck.png; then
  x $N network digits --synapse neurosim --sweep levels,d2d,stuck --test-samples 500 --out "$T/dswn"
  for k in levels d2d stuck; do put "$T/dswn/digits_sweep_$k.png" "digits_sweep_neurosim_$k.png"; done
fi
if want slow digits_sweep_wire-r.png; then
  x $N network digits --sweep wire-r --test-samples 500 --out "$T/dswr"
  put "$T/dswr/digits_sweep_wire-r.png" digits_sweep_wire-r.png
fi
# the tile curve at 300 Ohm per segment, as docs/digits.md shows it (without --wire-r the sweep takes 10 Ohm)
if want slow digits_sweep_tile.png; then
  x $N network digits --sweep tile --wire-r 300 --test-samples 500 --out "$T/dtile"
  put "$T/dtile/digits_sweep_tile.png" digits_sweep_tile.png
fi
if want slow digits_sweep_nl.png; then
  x $N network digits --sweep nl --test-samples 500 --out "$T/dsnl"
  put "$T/dsnl/digits_sweep_nl.png" digits_sweep_nl.png
fi
# README "Crossbars", docs/digits.md "Unsupervised STDP"
# the docs show the title and first 5 of the 20 rows of fields at half size (/usr/bin/python3 with Pillow does the crop)
first_rows() {
  /usr/bin/python3 - "$1" "$2" <<'PY'
import sys
from PIL import Image
im = Image.open(sys.argv[1]); w, h = im.size; title = 40
im = im.crop((0, 0, w, title + 5 * (h - title) // 20))
im.resize((im.width // 2, im.height // 2), Image.LANCZOS).save(sys.argv[2])
PY
}
if want slow stdp_receptive_fields.png; then
  x $N network stdp-digits --neurons 400 --out "$T/stdp"
  first_rows "$T/stdp/stdp_receptive_fields.png" docs/img/stdp_receptive_fields.png
  echo docs/img/stdp_receptive_fields.png
fi
if want slow stdp_receptive_fields_neurosim.png; then
  x $N network stdp-digits --neurons 400 --synapse neurosim --out "$T/stdpn"
  first_rows "$T/stdpn/stdp_receptive_fields.png" docs/img/stdp_receptive_fields_neurosim.png
  echo docs/img/stdp_receptive_fields_neurosim.png
fi
# docs/fitting.md "2. Fit": the overlays of the shipped fit (--threads 1 gives the same card as 2 threads)
if want slow fitting/vo2fit-iv.png fitting/vo2fit-6.5V.png; then
  x $N fit vo2 --iv "$D/iv_dc_dual_sweep.csv:ambient=fit(20C..100C),rscale=fit,tscale=fit" \
    --pulse "$D/pulses/4V_0.01s_68.5C.csv:ambient=68.5C" \
    --pulse "$D/pulses/5V_0.01s_68.5C.csv:ambient=68.5C" \
    --pulse "$D/pulses/6.5V_0.01s_68.5C.csv:ambient=68.5C" --out "$T/vo2fit" --seed 1
  put "$T/vo2fit/vo2fit-iv_dc_dual_sweep.png" fitting/vo2fit-iv.png
  put "$T/vo2fit/vo2fit-6.5V_0.01s_68.5C.png" fitting/vo2fit-6.5V.png
fi
# README "Studio", docs/studio.md: StudioBrowserTest saves the screenshots (needs chromium and chromium-driver)
if want slow studio-neuron.png studio-device.png studio-model.png studio-results.png studio-protocol.png \
    studio-error.png studio-progress.png studio-refractory.png; then
  x mvn -B -o -pl cli -am test -Dtest='Studio*Test' -Dsurefire.failIfNoSpecifiedTests=false \
    -Dstudio.screenshots="$T/studio"
  for s in neuron device model results protocol error progress refractory; do
    put "$T/studio/studio-$s.png" "studio-$s.png"
  done
fi
