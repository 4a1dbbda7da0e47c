#!/usr/bin/env python3
"""A long DC sweep for timing `fit` and `fit check` (docs/fitting.md, "Long files").

The shipped Keithley sweep (examples/data/vo2-galloni2024/iv_dc_dual_sweep.csv, 419 rows) repeated,
whole sweeps one after another, until the file has ROWS rows (the last repetition cut there): its
settings block and header row as they are, the index column counting on, the time column going on
from the previous repetition's last sample by the sweep's first step. Nothing is random; the same
arguments give the same file byte for byte.

    python3 bench/fit/long_sweep.py out/long/iv_200k.csv            # 200,000 rows
    python3 bench/fit/long_sweep.py out/long/iv_20k.csv --rows 20000
"""
import argparse
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SHIPPED = os.path.join(HERE, "..", "..", "examples", "data", "vo2-galloni2024", "iv_dc_dual_sweep.csv")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", help="file to write")
    ap.add_argument("--rows", type=int, default=200_000, help="data rows (default 200000)")
    ap.add_argument("--source", default=SHIPPED, help="the sweep to repeat")
    a = ap.parse_args()
    with open(a.source, encoding="utf-8-sig") as f:
        lines = f.read().splitlines()
    head = next(k for k, line in enumerate(lines) if line.startswith("Index,"))
    rows = [line.split(",") for line in lines[head + 1:] if line.strip()]
    t0 = float(rows[0][1])
    span = float(rows[-1][1]) - t0 + (float(rows[1][1]) - t0)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8-sig", newline="\n") as f:
        for line in lines[:head + 1]:
            f.write(line + "\n")
        n = 0
        rep = 0
        while n < a.rows:
            for r in rows:
                if n == a.rows:
                    break
                t = float(r[1]) + rep * span
                f.write(",".join([str(n + 2), repr(t)] + r[2:]) + "\n")
                n += 1
            rep += 1


if __name__ == "__main__":
    main()
