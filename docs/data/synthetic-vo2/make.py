#!/usr/bin/env python3
"""Synthetic VO2 files with a known answer (docs/fitting.md, "Does the fit find a device it was made from?").

The shipped card examples/models/vo2-galloni2024.model, with the DC sweep's fitted conditions (stage 314.774 K,
rscale 1.64485, tscale 2.14483) and the pulse files' 68.5 C, is simulated by `fit check` on the stimuli of the
seven shipped files (the sweep and the six pulse files); every model current is multiplied by 1 + 0.02 N(0,1)
(Python's random.Random(SEED).gauss, one stream over the files in the order below), and saved as
`V (V),I (A)` (sweep) or `t (s),V (V),I (A)` (pulses) next to this script.

Run from the repository root:  /usr/bin/python3 docs/data/synthetic-vo2/make.py [NEURISTOR]
(NEURISTOR: the launcher, default ./neuristor). Standard library only.
"""
import csv
import os
import random
import subprocess
import sys
import tempfile

SEED = 18
NOISE = 0.02
CARD = "examples/models/vo2-galloni2024.model"
D = "examples/data/vo2-galloni2024"
SWEEP = ("iv", D + "/iv_dc_dual_sweep.csv:ambient=314.774,rscale=1.64485,tscale=2.14483", "iv_dc_dual_sweep.csv")
PULSES = ["4V", "4.5V", "5V", "5.5V", "6V", "6.5V"]


def main():
    exe = sys.argv[1] if len(sys.argv) > 1 else "./neuristor"
    here = os.path.dirname(os.path.abspath(__file__))
    files = [SWEEP] + [("pulse", f"{D}/pulses/{p}_0.01s_68.5C.csv:ambient=68.5C", f"{p}_0.01s_68.5C.csv") for p in PULSES]
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        for kind, arg, name in files:
            out = os.path.join(tmp, name)
            subprocess.run([exe, "fit", "check", CARD, "--" + kind, arg, "--out", out, "--threads", "1", "--plot-format", "svg"],
                           check=True, stdout=subprocess.DEVNULL)
            (overlay,) = [f for f in os.listdir(out) if f.endswith(".csv")]
            with open(os.path.join(out, overlay), newline="") as fh:
                rows = list(csv.DictReader(fh))
            with open(os.path.join(here, name), "w", newline="") as fh:
                w = csv.writer(fh, lineterminator="\n")
                if kind == "iv":
                    w.writerow(["V (V)", "I (A)"])
                    for r in rows:
                        w.writerow([r["v_V"], "%.9g" % (float(r["i_model_A"]) * (1 + NOISE * rng.gauss(0, 1)))])
                else:
                    w.writerow(["t (s)", "V (V)", "I (A)"])
                    for r in rows:
                        w.writerow([r["time_s"], r["v_V"], "%.9g" % (float(r["i_model_A"]) * (1 + NOISE * rng.gauss(0, 1)))])
            print(name, len(rows), "rows")


if __name__ == "__main__":
    main()
