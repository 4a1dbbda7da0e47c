#!/usr/bin/python3
"""Helpers for the ngspice reference data (run with /usr/bin/python3).

  ngspice_csv.py csv RAW CSV          ascii rawfile -> compact CSV (%.9g), ngspice names in lower case
  ngspice_csv.py events RAW SIGNAL LEVEL DIR [SKIP]
                                      times where SIGNAL crosses LEVEL (DIR=rise|fall), linear
                                      interpolation between accepted points; prints count, first
                                      event, mean/min/max interval after discarding SKIP intervals
"""
import sys


def read_raw(path):
    """Reads an ngspice ascii rawfile (first plot). Returns (names, columns)."""
    with open(path) as f:
        lines = f.read().splitlines()
    nvars = npts = None
    i = 0
    names = []
    while i < len(lines):
        line = lines[i]
        if line.startswith("No. Variables:"):
            nvars = int(line.split(":")[1])
        elif line.startswith("No. Points:"):
            npts = int(line.split(":")[1])
        elif line.startswith("Variables:"):
            for k in range(nvars):
                parts = lines[i + 1 + k].split()
                names.append(parts[1].lower())
            i += nvars
        elif line.startswith("Values:"):
            i += 1
            break
        i += 1
    values = []
    for line in lines[i:]:
        line = line.strip()
        if not line:
            continue
        parts = line.split()
        values.append(float(parts[-1]))
    if len(values) != nvars * npts:
        raise SystemExit(f"{path}: expected {nvars}x{npts} values, got {len(values)}")
    cols = [values[k::nvars] for k in range(nvars)]
    out = []
    for n in names:
        if n == "v(v-sweep)":
            n = "v-sweep"  # DC sweep axis, named as ngspice's vector
        if n.endswith("#branch"):
            n = "i(" + n[: -len("#branch")] + ")"
        out.append(n)
    return out, cols


def write_csv(names, cols, path):
    with open(path, "w") as f:
        f.write(",".join(names) + "\n")
        for r in range(len(cols[0])):
            f.write(",".join("%.9g" % c[r] for c in cols) + "\n")


def events(t, y, level, rising):
    ev = []
    for k in range(1, len(t)):
        a, b = y[k - 1] - level, y[k] - level
        if (rising and a < 0 <= b) or (not rising and a > 0 >= b):
            ev.append(t[k - 1] + (t[k] - t[k - 1]) * a / (a - b))
    return ev


def main(argv):
    if argv[1] == "csv":
        names, cols = read_raw(argv[2])
        write_csv(names, cols, argv[3])
    elif argv[1] == "events":
        names, cols = read_raw(argv[2])
        t = cols[0]
        y = cols[names.index(argv[3].lower())]
        ev = events(t, y, float(argv[4]), argv[5] == "rise")
        skip = int(argv[6]) if len(argv) > 6 else 0
        d = [b - a for a, b in zip(ev, ev[1:])][skip:]
        print(f"events={len(ev)} first={ev[0]:.9g} intervals_used={len(d)} "
              f"mean={sum(d)/len(d):.9g} min={min(d):.9g} max={max(d):.9g}")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
