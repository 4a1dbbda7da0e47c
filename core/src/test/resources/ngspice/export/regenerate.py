#!/usr/bin/env python3
"""Regenerates the ngspice references of `neuristor device export` (test: SpiceExportTest).

For every exportable device type and preset: the exported subcircuit (<case>.sub, from
`neuristor device export`), a quasi-static I-V driver (<case>_iv.cir: the triangle 0 -> amp -> 0 at the
amplitude and rate `neuristor iv` chooses, through 10 Ohm) and a pulse driver (<case>_pulse.cir: a step
to 1.3 x the quasi-static threshold), each run in ngspice with tight tolerances and written as CSV
(<case>_iv.csv, <case>_pulse.csv: time, v(a), i(vs)). The test runs the native model on the same drivers
and compares V_th, V_hold and the switching delay extracted the same way from both.
Needs ngspice (Debian: apt-get install ngspice) and the project's launcher; run from anywhere.
"""
import json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, *[".."] * 6))
LAUNCHER = os.path.join(ROOT, "neuristor")
# case: pulse window (s); the step rises in window/1000
CASES = {
    "ts:nbox": 1e-6, "ts:vo2": 1e-6, "ts:ag": 50e-6, "ts:ots": 1e-6, "ts:pickett": 1e-6, "ts:yi": 1e-6,
    "diffusive:ag-sioxny": 50e-6, "diffusive:ag-siox-fast": 50e-6, "ots:gese": 1e-6, "ots:gete": 1e-6,
    "mott:nbo2": 100e-9, "mott:vo2": 10e-9,
}
OPTIONS = ".options reltol=1e-6 abstol=1e-12 vntol=1e-9"


def neuristor(*args):
    return subprocess.run([LAUNCHER, *args], check=True, capture_output=True, text=True).stdout


def run_ngspice(cir, csv):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.txt")
        text = open(os.path.join(HERE, cir)).read().replace(".end\n", "")
        text += ".options chgtol=1e-16\n.control\nset wr_singlescale\nset wr_vecnames\nrun\nlinearize\n"
        text += "wrdata %s v(a) i(vs)\nquit\n.endc\n.end\n" % out
        run = os.path.join(HERE, "_run.cir")
        open(run, "w").write(text)
        try:
            log = subprocess.run(["ngspice", "-b", run], capture_output=True, text=True, cwd=HERE)
            if not os.path.exists(out):
                sys.exit(cir + ": ngspice failed\n" + log.stdout + log.stderr)
        finally:
            os.remove(run)
        rows = [l.split() for l in open(out) if l.strip()]
    with open(os.path.join(HERE, csv), "w") as f:
        f.write("time,v(a),i(vs)\n")
        for r in rows[1:]:
            f.write(",".join("%.9g" % float(x) for x in r) + "\n")
    return len(rows) - 1


for case, window in CASES.items():
    name = case.replace(":", "_").replace("-", "_")
    open(os.path.join(HERE, name + ".sub"), "w").write(neuristor("device", "export", case, "--name", "dut"))
    iv = json.loads(neuristor("iv", case, "--json", "--no-plot", "--out", tempfile.gettempdir()))
    amp, rate = iv["amp_V"], iv["rate_V_per_s"]
    half = amp / rate
    dt = half / 2000
    open(os.path.join(HERE, name + "_iv.cir"), "w").write(
        "quasi-static I-V of %s: triangle 0 -> %g V -> 0 at %g V/s through 10 Ohm (as neuristor iv)\n"
        ".include %s.sub\nvs in 0 pwl(0 0 %.9g %.9g %.9g 0)\nrs in a 10\nx1 a 0 dut\n%s\n"
        ".tran %.9g %.9g 0 %.9g\n.end\n" % (case, amp, rate, name, half, amp, 2 * half, OPTIONS, dt, 2 * half, dt))
    vp = 1.3 * iv["positive"]["vth_V"]
    open(os.path.join(HERE, name + "_pulse.cir"), "w").write(
        "pulse response of %s: a step to %.6g V (1.3 x the quasi-static threshold) through 10 Ohm\n"
        ".include %s.sub\nvs in 0 pwl(0 0 %.9g %.9g)\nrs in a 10\nx1 a 0 dut\n%s\n"
        ".tran %.9g %.9g 0 %.9g\n.end\n" % (case, vp, name, window / 1000, vp, OPTIONS, window / 2000, window, window / 2000))
    n1 = run_ngspice(name + "_iv.cir", name + "_iv.csv")
    n2 = run_ngspice(name + "_pulse.cir", name + "_pulse.csv")
    print("%s: %d + %d points" % (case, n1, n2))
ver = subprocess.run(["ngspice", "-v"], capture_output=True, text=True).stdout
open(os.path.join(HERE, "ngspice-version.txt"), "w").write(
    next((l.strip() for l in ver.splitlines() if "ngspice-" in l), "unknown") + "\n")
