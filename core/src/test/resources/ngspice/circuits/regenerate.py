#!/usr/bin/env python3
"""Regenerates the ngspice references of `neuristor neuron show NAME --format ngspice` (test:
NgspiceNetlistTest): the exported netlist of every library circuit whose devices export (<name>.cir, as
the command writes it), run unchanged in ngspice with tight tolerances, its spike state written on the
netlist's print step (<name>.csv: time and the state, e.g. v(xnts.s)).
Needs ngspice (Debian: apt-get install ngspice) and the project's launcher; run from anywhere.
"""
import os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, *[".."] * 6))
# circuit: its spike state in ngspice's names (NeuronLibrary's spikeState nts.x is v(xnts.x) there)
CIRCUITS = {"lif": "v(xnts.x)", "lif-ag": "v(xnts.x)", "lif-ots": "v(xnts.x)", "wang": "v(xndm.x)",
            "pickett": "v(xnm2.x)", "pickett2013": "v(xnm2.x)", "yi": "v(xnx2.t)", "yi-phasic": "v(xnx2.t)",
            "yi-mixed": "v(xnx2.t)", "huang": "v(xnm2.w)", "tuma": "v(xncell.s)"}
PARAMS = {"tuma": ["--param", "sigr=0,sigg=0"]}
ONLY = sys.argv[1:]

for name, state in CIRCUITS.items():
    if ONLY and name not in ONLY:
        continue
    text = subprocess.run([os.path.join(ROOT, "neuristor"), "neuron", "show", name, "--format", "ngspice", *PARAMS.get(name, [])],
                          check=True, capture_output=True, text=True).stdout
    open(os.path.join(HERE, name + ".cir"), "w").write(text)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.txt")
        run = os.path.join(tmp, "run.cir")
        body = text.replace("\n.end\n", "\n")
        body += (".options reltol=1e-6 abstol=1e-12 vntol=1e-9 chgtol=1e-16\n.control\nset wr_singlescale\n"
                 "set wr_vecnames\nrun\nlinearize\nwrdata %s %s\nquit\n.endc\n.end\n" % (out, state))
        open(run, "w").write(body)
        log = subprocess.run(["ngspice", "-b", run], capture_output=True, text=True)
        if not os.path.exists(out):
            sys.exit(name + ": ngspice failed\n" + log.stdout + log.stderr)
        rows = [l.split() for l in open(out) if l.strip()]
    with open(os.path.join(HERE, name + ".csv"), "w") as f:
        f.write("time,%s\n" % state)
        for r in rows[1:]:
            f.write("%.9g,%.9g\n" % (float(r[0]), float(r[1])))
    print("%s: %d points" % (name, len(rows) - 1))
