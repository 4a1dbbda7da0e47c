#!/usr/bin/python3
"""Helpers for the ngspice reference data (run with /usr/bin/python3).

  ngspice_csv.py csv RAW CSV          ascii rawfile -> compact CSV (%.9g), ngspice names in lower case
                                      (a complex plot, e.g. .ac, gives real(NAME) and imag(NAME) columns)
  ngspice_csv.py meas LOG OUT         the 'name = value' lines ngspice prints for .meas/meas -> OUT
  ngspice_csv.py events RAW SIGNAL LEVEL DIR [SKIP]
                                      times where SIGNAL crosses LEVEL (DIR=rise|fall), linear
                                      interpolation between accepted points; prints count, first
                                      event, mean/min/max interval after discarding SKIP intervals
"""
import re
import sys


def read_raw(path):
    """Reads an ngspice ascii rawfile (first plot). Returns (names, columns); complex vectors give
    two columns, real(NAME) and imag(NAME), and a complex scale (frequency) its real part."""
    with open(path, encoding="latin-1") as f:  # the title may hold any byte of the netlist
        lines = f.read().splitlines()
    nvars = npts = None
    i = 0
    names = []
    cplx = False
    while i < len(lines):
        line = lines[i]
        if line.startswith("Flags:"):
            cplx = "complex" in line
        elif line.startswith("No. Variables:"):
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
        values.append(tuple(float(x) for x in parts[-1].split(",")))
    if len(values) != nvars * npts:
        raise SystemExit(f"{path}: expected {nvars}x{npts} values, got {len(values)}")
    cols = [values[k::nvars] for k in range(nvars)]
    out = []
    outcols = []
    for k, n in enumerate(names):
        if n == "v(v-sweep)":
            n = "v-sweep"  # DC sweep axis, named as ngspice's vector
        if n.endswith("#branch"):
            n = "i(" + n[: -len("#branch")] + ")"
        n = n.replace("a$poly$", "")  # ngspice turns POLY sources into B sources named a$poly$<name>
        if n == "v(all)" or n in out or "real(" + n + ")" in out:
            continue  # 'write' of an operating-point plot repeats its first vector as v(all); .probe repeats i(vsrc)
        if cplx and k > 0:
            out += ["real(" + n + ")", "imag(" + n + ")"]
            outcols += [[v[0] for v in cols[k]], [v[1] for v in cols[k]]]
        else:
            out.append(n)
            outcols.append([v[0] for v in cols[k]])
    return out, outcols


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


def read_csv(path):
    with open(path) as f:
        names = f.readline().strip().split(",")
        rows = [list(map(float, line.split(","))) for line in f if line.strip()]
    return {n: [r[k] for r in rows] for k, n in enumerate(names)}


def measurements(log_path, out_path):
    """Copies the measurement results ngspice printed ('name = value', optionally followed by
    'at=' or 'targ=/trig=') as 'name value' lines; a failed measurement gives 'name failed'."""
    pat = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*=\s*([-+0-9.eE]+)(\s|$)")
    fail = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*=\s*failed", re.I)
    with open(log_path, errors="replace") as f, open(out_path, "w") as o:
        for line in f:
            m = pat.match(line)
            if m:
                o.write(f"{m.group(1).lower()} {float(m.group(2)):.9g}\n")
                continue
            m = fail.match(line)
            if m:
                o.write(f"{m.group(1).lower()} failed\n")


def analytic_checks():
    """Compares some reference CSVs with closed-form solutions (sanity of the reference data)."""
    import math
    d = read_csv("rlc_ringing.csv")
    a, w0 = 5e5, 1e7
    wd = math.sqrt(w0 * w0 - a * a)
    err = max(abs(v - (1 - math.exp(-a * t) * (math.cos(wd * t) + a / wd * math.sin(wd * t))))
              for t, v in zip(d["time"], d["v(c)"]))
    print(f"rlc_ringing: analytic period {2 * math.pi / wd:.9g} s; max |v(c) - analytic| = {err:.3g} V")
    c, r1, roff, ron, vs = 10e-9, 10e3, 1e9, 1.0 + 1000.0, 5.0
    tc, vi = c * r1 * roff / (r1 + roff), vs * roff / (r1 + roff)
    td, vo = c * r1 * ron / (r1 + ron), vs * ron / (r1 + ron)
    ch, dis = tc * math.log((vi - 2) / (vi - 3)), td * math.log((3 - vo) / (2 - vo))
    print(f"sw_relaxation_45us: analytic charge {ch:.9g} s + discharge {dis:.9g} s = period {ch + dis:.9g} s")
    d = read_csv("sources_pwl_exp_sin.csv")
    def sin_src(t):
        return 0.5 + (1.5 * math.exp(-(t - 1e-6) * 1e5) * math.sin(2 * math.pi * (500e3 * (t - 1e-6) + 30 / 360))
                      if t > 1e-6 else 1.5 * math.sin(2 * math.pi * 30 / 360))
    def exp_src(t):
        v = 0.0
        if t > 1e-6:
            v += 2 * (1 - math.exp(-(t - 1e-6) / 0.5e-6))
        if t > 4e-6:
            v += -2 * (1 - math.exp(-(t - 4e-6) / 1e-6))
        return v
    es = max(abs(v - sin_src(t)) for t, v in zip(d["time"], d["v(s)"]))
    ee = max(abs(v - exp_src(t)) for t, v in zip(d["time"], d["v(e)"]))
    print(f"sources_pwl_exp_sin: max |v(s) - SIN formula| = {es:.3g} V, max |v(e) - EXP formula| = {ee:.3g} V")


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
    elif argv[1] == "meas":
        measurements(argv[2], argv[3])
    elif argv[1] == "analytic":
        analytic_checks()
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
