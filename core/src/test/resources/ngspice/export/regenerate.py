#!/usr/bin/env python3
"""Regenerates the ngspice references of `neuristor device export` (test: SpiceExportTest).

For every exported device type and preset (and a vo2 card with every extension on), the exported
subcircuit (<case>.sub, from `neuristor device export`) and its drivers, each run in ngspice with tight
tolerances and written as CSV (time, v(a), i(vs) and the device states):
- switches (ts, diffusive, ots, mott, vo2): a quasi-static I-V driver (<case>_iv.cir: the triangle
  0 -> amp -> 0 at the amplitude and rate `neuristor iv` chooses, through 10 Ohm) and a pulse driver
  (<case>_pulse.cir: a step to 1.3 x the quasi-static threshold). The test runs the native model on the
  same drivers and compares V_th, V_hold and the switching delay extracted the same way from both.
- devices without a threshold (proton2, synapse, pcm): a pulse-train driver (<case>_train.cir); the test
  compares the state trajectories (and, for pcm, the firing times).
- the fitted vo2 card in the LIF neuron of examples/lif-vo2fit.cir (<case>_lif.cir, 4 s): v(o); the test
  compares the spike times. It holds the card's round-4 values; vo2fit_shipped is the card file as shipped
  (examples/models/vo2-galloni2024.model) in examples/lif-vo2fit.cir itself and on the switch drivers.
- the other formats (test: OtherFormatsExportTest), one case of every type (DIALECT_CASES):
  <case>.lib, `device export --format ltspice`, run on the same drivers (<case>_lt_*.cir) in ngspice's LTspice
  compatibility mode (`set ngbehavior=lta` in a .spiceinit beside the run; <case>_lt_*.csv);
  <case>.va, `device export --format verilog-a`, and what admsXml says of it (<case>.va.adms.txt: its exit status and
  messages; admsXml parses and checks the module, it does not simulate it).
Needs ngspice (Debian: apt-get install ngspice), admsXml (Debian: apt-get install adms) and the project's launcher;
run from anywhere.
Arguments: case names to regenerate (default: all).
"""
import json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, *[".."] * 6))
LAUNCHER = os.path.join(ROOT, "neuristor")
# a film with a metallic temperature coefficient, resistance and thermal scales and a wider temperature range; a
# film with a series resistance on a thermal ladder (substrate and holder); and the card fitted to the Galloni 2024
# measurements (examples/models/vo2-galloni2024.model as fitted: 8 domains, series resistance, three-node ladder),
# its values copied here so that a refit of the example does not change this reference.
VO2X = "alpha=0.005,rscale=1.5,tscale=0.8,tmin=300,tmax=380"
VO2L = "cth2=2e-10,sth2=1e-4,cth3=1e-9,sth3=5e-5,rs=200,alpha=0.005"
VO2FIT = ("w=4.207105683,tc=350.5967842,beta=0.1171881591,r0=1.346811856e-05,ea=6070.852138,gamma=1.541130099,"
          "rm=127.6951339,cth=3.255393257e-06,sth=0.01165033632,tmin=200,tmax=1000,alpha=-0.002181655194,"
          "rs=0.8219588647,cth2=8.739413401e-05,sth2=0.02075090573,cth3=0.0003625748041,sth3=0.008452520645,domains=8,"
          "tcspread=1.693205108")
GEAR = set()
# case name: (model spec, --param values or None, pulse window in s) for switches
SWITCHES = {
    "ts_nbox": ("ts:nbox", None, 1e-6), "ts_vo2": ("ts:vo2", None, 1e-6), "ts_ag": ("ts:ag", None, 50e-6),
    "ts_ots": ("ts:ots", None, 1e-6), "ts_pickett": ("ts:pickett", None, 1e-6), "ts_yi": ("ts:yi", None, 1e-6),
    "diffusive_ag_sioxny": ("diffusive:ag-sioxny", None, 50e-6),
    "diffusive_ag_siox_fast": ("diffusive:ag-siox-fast", None, 50e-6),
    "ots_gese": ("ots:gese", None, 1e-6), "ots_gete": ("ots:gete", None, 1e-6),
    "mott_nbo2": ("mott:nbo2", None, 100e-9), "mott_vo2": ("mott:vo2", None, 10e-9),
    "vo2_zhang2024": ("vo2:zhang2024", None, 1e-6), "vo2_extended": ("vo2", VO2X, 4e-6), "vo2_ladder": ("vo2", VO2L, 2e-6),
    "vo2_galloni2024": ("vo2", VO2FIT, 10e-3),
}
# case name: (model spec, --param values or None, driver source, tstop, step, states)
TRAINS = {
    # five 1 V, 1 ms pulses every 5 ms, then relaxation
    "proton2_huang2019": ("proton2:huang2019", None, "pulse(0 1 1m 10u 10u 1m 5m 5)", 50e-3, 10e-6, ["w", "c"]),
    # M2 of huang: autocatalytic growth and proton consumption (a spike of its own)
    "proton2_feedback": ("proton2", "gmin=0.2u,gmax=12.3u,v0=0.158,kc=220,kw=32.8,tauc=0.304m,tauw=42.8u,kfb=20,kcons=0.709",
                         "pulse(0 0.5 1m 10u 10u 20m 40m 1)", 25e-3, 5e-6, ["w", "c"]),
    # five RESET pulses (+0.5 V, 100 ns every 200 ns) and then five SET pulses (-0.25 V, 5 ns every 50 ns)
    "synapse_memtorch": ("synapse:memtorch", None,
                         "pwl(0 0 " + " ".join("%gn 0.5 %gn 0.5 %gn 0 %gn 0" % (200 * k + 1, 200 * k + 100, 200 * k + 101,
                                                                          200 * k + 200) for k in range(5))
                         + " " + " ".join("%gn -0.25 %gn -0.25 %gn 0 %gn 0" % (1001 + 50 * k, 1005 + 50 * k, 1006 + 50 * k,
                                                                              1050 + 50 * k) for k in range(5)) + ")",
                         1.3e-6, 0.5e-9, ["w"]),
    # Tuma's crystallizing pulses (1.5 V, 100 ns every 1 us) without the random draws
    "pcm_tuma2016": ("pcm:tuma2016", "sigr=0,sigg=0", "pulse(0 1.5 0.5u 1p 1p 100n 1u)", 60e-6, 10e-9, ["p", "s"]),
}
OPTIONS = ".options reltol=1e-6 abstol=1e-12 vntol=1e-9"
ONLY = sys.argv[1:]


def options(name):
    return OPTIONS + (" method=gear" if name in GEAR else "")


def neuristor(*args):
    return subprocess.run([LAUNCHER, *args], check=True, capture_output=True, text=True).stdout


def with_params(args, params):
    return [*args, "--param", params] if params else list(args)


def node(spec, label):
    return "pcr" if spec.startswith("pcm") and label == "p" else label


def run_ngspice(cir, csv, vectors, spiceinit=None):
    with tempfile.TemporaryDirectory() as tmp:
        cwd = HERE
        if spiceinit:
            # ngspice reads .spiceinit from its working directory; the deck's .include is found beside the deck
            cwd = os.path.join(tmp, "cwd")
            os.mkdir(cwd)
            open(os.path.join(cwd, ".spiceinit"), "w").write(spiceinit)
        out = os.path.join(tmp, "out.txt")
        text = open(os.path.join(HERE, cir)).read().replace(".end\n", "")
        text += ".options chgtol=1e-16\n.control\nset wr_singlescale\nset wr_vecnames\nrun\nlinearize\n"
        text += "wrdata %s %s\nquit\n.endc\n.end\n" % (out, " ".join(vectors))
        run = os.path.join(HERE, "_run%d.cir" % os.getpid())
        open(run, "w").write(text)
        try:
            log = subprocess.run(["ngspice", "-b", run], capture_output=True, text=True, cwd=cwd)
            if spiceinit and "Compatibility modes selected: lt" not in log.stdout + log.stderr:
                sys.exit(cir + ": ngspice did not take the LTspice compatibility mode\n" + log.stdout + log.stderr)
            if not os.path.exists(out) or "aborted" in log.stdout + log.stderr:
                sys.exit(cir + ": ngspice failed\n" + log.stdout + log.stderr)
        finally:
            os.remove(run)
        rows = [l.split() for l in open(out) if l.strip()]
    with open(os.path.join(HERE, csv), "w") as f:
        f.write("time," + ",".join(vectors) + "\n")
        for r in rows[1:]:
            f.write(",".join("%.9g" % float(x) for x in r) + "\n")
    return len(rows) - 1


def export(name, spec, params):
    open(os.path.join(HERE, name + ".sub"), "w").write(
        neuristor(*with_params(["device", "export", spec, "--name", "dut"], params)))


def switch_drivers(name, label, iv, window, opts, instance="dut", sweep="quasi-static I-V", command="neuristor iv"):
    """The I-V driver (the triangle of the `neuristor iv` result iv) and the pulse driver (a step to 1.3 x its
    threshold over window seconds) of the subcircuit <name>.sub, run in ngspice."""
    amp, rate = iv["amp_V"], iv["rate_V_per_s"]
    half = amp / rate
    dt = half / 2000
    open(os.path.join(HERE, name + "_iv.cir"), "w").write(
        "%s of %s: triangle 0 -> %g V -> 0 at %g V/s through 10 Ohm (as %s)\n"
        ".include %s.sub\nvs in 0 pwl(0 0 %.9g %.9g %.9g 0)\nrs in a 10\nx1 a 0 %s\n%s\n"
        ".tran %.9g %.9g 0 %.9g\n.end\n" % (sweep, label, amp, rate, command, name, half, amp, 2 * half, instance, opts, dt,
                                           2 * half, dt))
    vp = 1.3 * iv["positive"]["vth_V"]
    open(os.path.join(HERE, name + "_pulse.cir"), "w").write(
        "pulse response of %s: a step to %.6g V (1.3 x the quasi-static threshold) through 10 Ohm\n"
        ".include %s.sub\nvs in 0 pwl(0 0 %.9g %.9g)\nrs in a 10\nx1 a 0 %s\n%s\n"
        ".tran %.9g %.9g 0 %.9g\n.end\n" % (label, vp, name, window / 1000, vp, instance, opts, window / 2000, window,
                                             window / 2000))
    n1 = run_ngspice(name + "_iv.cir", name + "_iv.csv", ["v(a)", "i(vs)"])
    n2 = run_ngspice(name + "_pulse.cir", name + "_pulse.csv", ["v(a)", "i(vs)"])
    print("%s: %d + %d points" % (name, n1, n2))


for name, (spec, params, window) in SWITCHES.items():
    if ONLY and name not in ONLY:
        continue
    export(name, spec, params)
    iv = json.loads(neuristor(*with_params(["iv", spec, "--json", "--no-plot", "--out", tempfile.gettempdir()], params)))
    switch_drivers(name, spec, iv, window, options(name))

for name, (spec, params, source, tstop, step, states) in TRAINS.items():
    if ONLY and name not in ONLY:
        continue
    export(name, spec, params)
    open(os.path.join(HERE, name + "_train.cir"), "w").write(
        "pulse train on %s through 10 Ohm: its state trajectory\n"
        ".include %s.sub\nvs in 0 %s\nrs in a 10\nx1 a 0 dut\n%s\n"
        ".tran %.9g %.9g 0 %.9g%s\n.end\n" % (spec, name, source, OPTIONS, step, tstop, step,
                                           # the cell's thickness has no DC equilibrium: start from the initial state
                                           " uic" if spec.startswith("pcm") else ""))
    n = run_ngspice(name + "_train.cir", name + "_train.csv",
                    ["v(a)", "i(vs)"] + ["v(x1.%s)" % node(spec, s) for s in states])
    print("%s: %d points" % (name, n))

# the 1TS-1C LIF neuron of examples/lif-vo2fit.cir built from the fitted card (docs/fitting.md), run for 4 s (10
# spikes): the user's path, the exported card included and instantiated as X instead of N
LIF = {"vo2_galloni2024": ("vo2", VO2FIT, 4.0)}
for name, (spec, params, tstop) in LIF.items():
    if ONLY and name + "_lif" not in ONLY and name not in ONLY:
        continue
    export(name, spec, params)
    open(os.path.join(HERE, name + "_lif.cir"), "w").write(
        "1TS-1C LIF neuron of examples/lif-vo2fit.cir with the exported %s card: vin 20 V, rin 1k, cm 500u, rout 50\n"
        ".include %s.sub\nvin in 0 20\nrin in m 1k\ncm m 0 500u\nx1 m o dut\nrout o 0 50\n.ic v(m)=0\n%s\n"
        ".tran 100u %.9g uic\n.end\n" % (name, name, OPTIONS, tstop))
    n = run_ngspice(name + "_lif.cir", name + "_lif.csv", ["v(o)"])
    print("%s_lif: %d points" % (name, n))

# the shipped card itself, whatever its values (examples/models/vo2-galloni2024.model), the way docs/fitting.md tells
# a user to take it to ngspice: `device export` of the card file, then examples/lif-vo2fit.cir with its .include and
# its N line rewritten (x1 m o vo2fit), run to the example's own tstop, v(o) and v(m) written
# (vo2fit_shipped_lif.*); and the card alone on the switch drivers above (vo2fit_shipped_iv/_pulse). The test reads
# the card file, so a refitted card fails it until these are regenerated.
CARD = os.path.join(ROOT, "examples", "models", "vo2-galloni2024.model")
SHIPPED = "vo2fit_shipped"
# (arguments vo2fit_shipped_lif or vo2fit_shipped_switch regenerate one part)
if not ONLY or {SHIPPED, SHIPPED + "_lif", SHIPPED + "_switch"} & set(ONLY):
    # from the project's root with the card's relative path, which the export names in its first comment
    open(os.path.join(HERE, SHIPPED + ".sub"), "w").write(subprocess.run(
        [LAUNCHER, "device", "export", os.path.relpath(CARD, ROOT), "--name", "vo2fit"], check=True, capture_output=True,
        text=True, cwd=ROOT).stdout)
if not ONLY or {SHIPPED, SHIPPED + "_lif"} & set(ONLY):
    lif = open(os.path.join(ROOT, "examples", "lif-vo2fit.cir")).read()
    for a, b in ((".include models/vo2-galloni2024.model\n", ".include %s.sub\n" % SHIPPED),
                 ("\nn1 m o vo2fit\n", "\nx1 m o vo2fit\n"), ("\n.tran ", "\n%s\n.tran " % OPTIONS)):
        if a not in lif:
            sys.exit("examples/lif-vo2fit.cir has no '%s'" % a.strip())
        lif = lif.replace(a, b)
    open(os.path.join(HERE, SHIPPED + "_lif.cir"), "w").write(lif)
    n = run_ngspice(SHIPPED + "_lif.cir", SHIPPED + "_lif.csv", ["v(o)", "v(m)"])
    print("%s_lif: %d points" % (SHIPPED, n))
if not ONLY or {SHIPPED, SHIPPED + "_switch"} & set(ONLY):
    # a triangle of 10 V at 10 V/s: at the 160 V/s that `neuristor iv` picks for this card's ms thermal ladder the film
    # is still metallic at the end of the triangle (no V_hold to compare)
    iv = json.loads(neuristor("iv", CARD, "--sweep", "triangle:amp=10,rate=10", "--json", "--no-plot", "--out",
                              tempfile.gettempdir()))
    switch_drivers(SHIPPED, "the shipped card", iv, 10e-3, OPTIONS, instance="vo2fit", sweep="I-V",
                   command="neuristor iv --sweep")

# the LTspice and Verilog-A exports of one case of every type: the LTspice subcircuit on the case's own drivers in
# ngspice's LTspice compatibility mode, the Verilog-A module through admsXml
DIALECT_CASES = ["ts_nbox", "diffusive_ag_sioxny", "ots_gese", "mott_nbo2", "vo2_zhang2024", "vo2_ladder",
                 "proton2_feedback", "synapse_memtorch", "pcm_tuma2016"]
SPECS = {**{k: (v[0], v[1]) for k, v in SWITCHES.items()}, **{k: (v[0], v[1]) for k, v in TRAINS.items()}}
for name in DIALECT_CASES:
    if ONLY and name not in ONLY and name + "_dialects" not in ONLY:
        continue
    spec, params = SPECS[name]
    open(os.path.join(HERE, name + ".lib"), "w").write(
        neuristor(*with_params(["device", "export", spec, "--name", "dut", "--format", "ltspice"], params)))
    drivers = ["_train"] if name in TRAINS else ["_iv", "_pulse"]
    for d in drivers:
        deck = open(os.path.join(HERE, name + d + ".cir")).read()
        if ".include %s.sub\n" % name not in deck:
            sys.exit("%s%s.cir has no .include %s.sub" % (name, d, name))
        open(os.path.join(HERE, name + "_lt" + d + ".cir"), "w").write(
            deck.replace(".include %s.sub\n" % name, ".include %s.lib\n" % name, 1))
        vectors = ["v(a)", "i(vs)"] + (["v(x1.%s)" % node(spec, s) for s in TRAINS[name][5]] if name in TRAINS else [])
        n = run_ngspice(name + "_lt" + d + ".cir", name + "_lt" + d + ".csv", vectors, spiceinit="set ngbehavior=lta\n")
        print("%s_lt%s: %d points" % (name, d, n))
    va = neuristor(*with_params(["device", "export", spec, "--name", "dut", "--format", "verilog-a"], params))
    open(os.path.join(HERE, name + ".va"), "w").write(va)
    with tempfile.TemporaryDirectory() as tmp:
        open(os.path.join(tmp, name + ".va"), "w").write(va)
        adms = subprocess.run(["admsXml", name + ".va"], capture_output=True, text=True, cwd=tmp)
    # the messages without admsXml's timing lines, which change from run to run
    lines = [l for l in (adms.stdout + adms.stderr).splitlines() if "elapsed time" not in l and "admst iterations" not in l]
    open(os.path.join(HERE, name + ".va.adms.txt"), "w").write(
        "admsXml %s.va: exit status %d\n%s\n" % (name, adms.returncode, "\n".join(lines)))
    print("%s.va: admsXml exit status %d" % (name, adms.returncode))

ver = subprocess.run(["ngspice", "-v"], capture_output=True, text=True).stdout
open(os.path.join(HERE, "ngspice-version.txt"), "w").write(
    next((l.strip() for l in ver.splitlines() if "ngspice-" in l), "unknown") + "\n")
