#!/usr/bin/env python3
"""Regenerates the ngspice references of `neuristor neuron show NAME --format ngspice` (test:
NgspiceNetlistTest): the exported netlist of every library circuit (<case>.cir, as the command writes it,
with the case's --param values), run unchanged in ngspice with tight tolerances, its spike state written
on the netlist's print step (<case>.csv: time and the state, e.g. v(xnts.x)).
Arguments: case names to regenerate (default: all).
Needs ngspice (Debian: apt-get install ngspice) and the project's launcher; run from anywhere.
"""
import os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, *[".."] * 6))
# case: (library circuit, its --param values, its spike state in ngspice's names: NeuronLibrary's spikeState
# nts.x is v(xnts.x) there, a pcm's p is v(x<name>.pcr)). A tonic case holds the input long enough for 10 spikes;
# tuma runs without its random draws (sigr=sigg=0), which a B source cannot make.
CASES = {"lif": ("lif", None, "v(xnts.x)"), "lif-ag": ("lif-ag", None, "v(xnts.x)"),
         "lif-ots": ("lif-ots", None, "v(xnts.x)"), "wang": ("wang", None, "v(g)"),
         "pickett": ("pickett", None, "v(xnm2.x)"), "pickett2013": ("pickett2013", None, "v(xnm2.x)"),
         "yi": ("yi", None, "v(xnx2.t)"), "yi-tonic": ("yi", "width=60u,tstop=60u", "v(xnx2.t)"),
         "yi-phasic": ("yi-phasic", None, "v(xnx2.t)"), "yi-mixed": ("yi-mixed", None, "v(xnx2.t)"),
         "yi-mixed-tonic": ("yi-mixed", "width=60u,tstop=60u", "v(xnx2.t)"),
         "yi-adapt": ("yi-adapt", None, "v(xnx2.t)"),
         # yi-tuned's J set (subthreshold oscillations) under J's pulse (1.2 x threshold = 4.86 V for 0.5 tau from 2 tau)
         "yi-j": ("yi", "t0=310,vdc1=10.543,vdc2=33.918,rl1=5.88e+03,rl2=1.37e+05,rout=1.71e+05,c1=1.69e-10,c2=1.88e-11,"
                  "vin=4.8603515625,delay=8.595u,width=2.149u,tstop=40u", "v(xnx2.t)"), "huang": ("huang", None, "v(xnm2.w)"), "tuma": ("tuma", "sigr=0,sigg=0", "v(xncell.s)")}
ONLY = sys.argv[1:]

for name, (circuit, params, state) in CASES.items():
    if ONLY and name not in ONLY:
        continue
    text = subprocess.run([os.path.join(ROOT, "neuristor"), "neuron", "show", circuit, "--format", "ngspice",
                           *(["--param", params] if params else [])], check=True, capture_output=True, text=True).stdout
    open(os.path.join(HERE, name + ".cir"), "w").write(text)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.txt")
        run = os.path.join(tmp, "run.cir")
        body = text.replace("\n.end\n", "\n")
        body += (".options reltol=1e-6 abstol=1e-12 vntol=1e-9 chgtol=1e-16\n.control\nset wr_singlescale\n"
                 "set wr_vecnames\nrun\nlinearize\nwrdata %s %s\nquit\n.endc\n.end\n" % (out, state))
        open(run, "w").write(body)
        log = subprocess.run(["ngspice", "-b", run], capture_output=True, text=True)
        if not os.path.exists(out) or "aborted" in log.stdout + log.stderr:
            sys.exit(name + ": ngspice failed\n" + log.stdout + log.stderr)
        rows = [l.split() for l in open(out) if l.strip()]
    with open(os.path.join(HERE, name + ".csv"), "w") as f:
        f.write("time,%s\n" % state)
        for r in rows[1:]:
            f.write("%.9g,%.9g\n" % (float(r[0]), float(r[1])))
    print("%s: %d points" % (name, len(rows) - 1))
