#!/usr/bin/python3
"""Robustness corpus: randomly parameterized 1TS-1C neurons (physics.md 4.1) run through ngspice.

Each case is the TS-A threshold switch (physics.md 3.1) written with B sources exactly as in
ts_1ts1c_bsource.cir, with random parameters:
  V_th U(0.3, 3) V, V_hold = V_th * U(0.2, 0.8), R_on logU(100, 10k), R_off logU(100k, 1G),
  tau_on logU(1n, 1u), tau_off logU(10n, 100u), C logU(1p, 10n), delta 2 mV, eps 0.02, R_out 100,
  V_in = V_th * U(1.2, 3).
R_in is drawn inside the quasi-static oscillation window of physics.md 4.1 (class "osc", 60 %; the window
neglects switching dynamics, so an "osc" design may still settle in a partly-on state) when the window exists,
otherwise (or for the other 40 %) below it (class "latch": TS stays on) or above it (class "silent": never
reaches threshold). tstop = first-spike latency + 6 periods (osc), else 5 charging time constants.
Every case runs twice in ngspice batch mode: with its DEFAULT tolerances (.tran tstop/2000 tstop uic, no max
step: where does a stock SPICE fail?) and with TIGHT ones (reltol 1e-6, abstol 1e-12, vntol 1e-9, max step
tstop/20000: the reference). Failure = ngspice error message ("timestep too small", singular matrix, ...), no
output reaching tstop, or timeout. Spikes = upward crossings of x = 0.5 (physics.md 4.0); t1 = first one;
isi_mean = mean interval after discarding the first.

Usage: /usr/bin/python3 ts_corpus.py [--n 500] [--seed 20261128] [--timeout 60] [--out ts_corpus_result.csv]
       [--keep DIR]   (also write the netlists to DIR)
Everything regenerates from the seed (python's random.Random, Mersenne Twister).
"""
import argparse
import math
import os
import random
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ngspice_csv import read_raw, events  # noqa: E402

DELTA = 2e-3
EPS = 0.02
ROUT = 100.0


def logu(rng, lo, hi):
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def apparent(vth, vhold):
    shift = DELTA * (1 + math.log((vth - vhold) / DELTA))
    return vth - shift, vhold + shift


def draw(rng):
    p = {}
    p["vth"] = rng.uniform(0.3, 3.0)
    p["vhold"] = p["vth"] * rng.uniform(0.2, 0.8)
    p["ron"] = logu(rng, 100, 10e3)
    p["roff"] = logu(rng, 100e3, 1e9)
    p["tau_on"] = logu(rng, 1e-9, 1e-6)
    p["tau_off"] = logu(rng, 10e-9, 100e-6)
    p["c"] = logu(rng, 1e-12, 10e-9)
    p["vin"] = p["vth"] * rng.uniform(1.2, 3.0)
    vth_a, vh_a = apparent(p["vth"], p["vhold"])
    vin, ron, roff = p["vin"], p["ron"], p["roff"]
    hi = roff * (vin / vth_a - 1)            # R_in below this: V_inf,off > V_th,app
    lo = (ron + ROUT) * (vin / vh_a - 1)     # R_in above this: V_inf,on < V_hold,app
    want_osc = rng.random() < 0.6
    u = rng.random()
    if want_osc and lo < hi:
        p["rin"] = logu(rng, lo, hi) if hi > lo * 1.0001 else math.sqrt(lo * hi)
        p["cls"] = "osc"
    elif u < 0.5 and lo > 1.0:
        p["rin"] = logu(rng, max(1.0, lo / 100), lo) if lo < hi else logu(rng, 1.0, min(lo, hi))
        p["cls"] = "latch"
    else:
        p["rin"] = logu(rng, hi, hi * 100) if hi > lo else logu(rng, max(lo, hi), max(lo, hi) * 100)
        p["cls"] = "silent"
    p["vth_app"], p["vhold_app"] = vth_a, vh_a
    p["lo"], p["hi"] = lo, hi
    return p


def timing(p):
    rin, roff, ron, c, vin = p["rin"], p["roff"], p["ron"], p["c"], p["vin"]
    taum = c * rin * roff / (rin + roff)
    vinf = vin * roff / (rin + roff)
    if p["cls"] == "osc":
        rs = ron + ROUT
        taud = c * rin * rs / (rin + rs)
        von = vin * rs / (rin + rs)
        vt, vh = p["vth_app"], p["vhold_app"]
        t1 = taum * math.log(vinf / (vinf - vt))
        per = taum * math.log((vinf - vh) / (vinf - vt)) + taud * math.log((vt - von) / (vh - von))
        # tstop allows for the switching delays that the analytic period (physics.md 4.1) neglects
        return t1 + 6 * (per + 3 * p["tau_on"] + 3 * p["tau_off"]), t1, per
    return 5 * taum + 10 * p["tau_off"], float("nan"), float("nan")


def netlist(i, p, tstop, tight=False):
    gon, goff = 1 / p["ron"], 1 / p["roff"]
    dv = p["vth"] - p["vhold"]
    return f"""ts_corpus case {i} ({p['cls']})
Vin in 0 DC {p['vin']:.6g}
Rin in m {p['rin']:.6g}
Cm m 0 {p['c']:.6g}
Bts m o I=({goff:.6g} + v(x)*({gon - goff:.6g}))*v(m,o)
Bxi xi 0 V=0.5*(1+tanh((abs(v(m,o)) - {p['vth']:.6g} + {dv:.6g}*v(x))/{2 * DELTA:.6g}))
Bx 0 x I=(v(xi)-v(x))/({p['tau_off']:.6g} + ({p['tau_on'] - p['tau_off']:.6g})*0.5*(1+tanh((v(xi)-v(x))/{EPS:.6g})))
Cx x 0 1
Rout o 0 {ROUT:g}
.ic v(m)=0 v(x)=0
{tran(tstop, tight)}
.save v(m) v(x)
.end
"""


def tran(tstop, tight):
    if tight:
        return (".options reltol=1e-6 abstol=1e-12 vntol=1e-9\n"
                f".tran {tstop / 2000:.6g} {tstop:.6g} 0 {tstop / 20000:.6g} uic")
    return f".tran {tstop / 2000:.6g} {tstop:.6g} 0 uic"


def analyse(status, cols, msg, tstop):
    reached, nsp, st1, isi = 0, 0, float("nan"), float("nan")
    if cols is not None:
        t, x = cols[0], cols[1]
        reached = int(t[-1] >= tstop * (1 - 1e-9))
        ev = events(t, x, 0.5, True)
        nsp = len(ev)
        if ev:
            st1 = ev[0]
        if len(ev) >= 3:
            d = [b - c for c, b in zip(ev, ev[1:])][1:]
            isi = sum(d) / len(d)
        if status == "ok" and not reached:
            status, msg = "fail", msg or "stopped before tstop"
    return status, msg, reached, nsp, st1, isi


ERRORS = ("timestep too small", "singular", "aborted", "error", "no convergence", "failed")


def run_case(cir, tmp, timeout):
    raw = os.path.join(tmp, "out.raw")
    if os.path.exists(raw):
        os.remove(raw)
    drv = os.path.join(tmp, "drv.ngspice")
    with open(drv, "w") as f:
        f.write(f"* driver\n.control\nset filetype=ascii\nsource {cir}\nrun\nwrite {raw} v(x)\nquit\n.endc\n.end\n")
    t0 = time.monotonic()
    try:
        r = subprocess.run(["ngspice", "-b", drv], capture_output=True, text=True, timeout=timeout)
        log = (r.stdout + r.stderr).lower()
    except subprocess.TimeoutExpired:
        return "timeout", time.monotonic() - t0, None, ""
    wall = time.monotonic() - t0
    msg = ""
    for e in ERRORS:
        if e in log:
            line = next((l for l in log.splitlines() if e in l), e)
            msg = line.strip()[:80].replace(",", ";")
            break
    if not os.path.exists(raw):
        return "fail", wall, None, msg or "no output"
    try:
        names, cols = read_raw(raw)
    except SystemExit:
        return "fail", wall, None, msg or "bad rawfile"
    return ("fail" if msg else "ok"), wall, cols, msg


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--seed", type=int, default=20261128)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "ts_corpus_result.csv"))
    ap.add_argument("--keep", default=None)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    rows = []
    cols = "status,reached_tstop,spikes,t1,isi_mean,wall_s,message".split(",")
    header = ("case,class,vin,rin,c,vth,vhold,ron,roff,tau_on,tau_off,tstop,analytic_t1,analytic_period,"
              + ",".join("default_" + c for c in cols) + "," + ",".join("tight_" + c for c in cols))
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(a.n):
            p = draw(rng)
            tstop, t1, per = timing(p)
            tstop = float(f"{tstop:.6g}")  # the value written to the netlist
            if a.keep:
                os.makedirs(a.keep, exist_ok=True)
            row = (f"{i},{p['cls']},{p['vin']:.6g},{p['rin']:.6g},{p['c']:.6g},{p['vth']:.6g},{p['vhold']:.6g},"
                   f"{p['ron']:.6g},{p['roff']:.6g},{p['tau_on']:.6g},{p['tau_off']:.6g},{tstop:.6g},"
                   f"{t1:.6g},{per:.6g}")
            for tight in (False, True):
                cir = os.path.join(a.keep or tmp, f"ts_corpus_{i:04d}{'_tight' if tight else ''}.cir")
                with open(cir, "w") as f:
                    f.write(netlist(i, p, tstop, tight))
                status, wall, cols, msg = run_case(cir, tmp, a.timeout)
                status, msg, reached, nsp, st1, isi = analyse(status, cols, msg, tstop)
                row += f",{status},{reached},{nsp},{st1:.6g},{isi:.6g},{wall:.3f},{msg}"
            rows.append(row)
            print(rows[-1], flush=True)
    tmp_out = a.out + ".tmp"
    with open(tmp_out, "w") as f:
        f.write(header + "\n" + "\n".join(rows) + "\n")
    os.replace(tmp_out, a.out)
    fd = sum(1 for r in rows if r.split(",")[14] != "ok")
    ft = sum(1 for r in rows if r.split(",")[21] != "ok")
    dis = sum(1 for r in rows if r.split(",")[16] != r.split(",")[23])
    print(f"# {a.n} cases, seed {a.seed}: {fd} failed with default tolerances, {ft} with tight ones; "
          f"spike counts differ between the two in {dis}", file=sys.stderr)


if __name__ == "__main__":
    main()
