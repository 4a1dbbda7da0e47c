#!/usr/bin/python3
"""Brian2 reference for the refractory bookkeeping of Neuristor's network LIF (LifPopulation):
one strongly driven LIF neuron (tau 1 ms, E_L 200 mV, threshold 10 mV, reset 0 mV, v0 0, 'euler',
dt 0.1 ms) that crosses threshold in the first step it integrates, for several refractory periods;
the spike steps show in which step Brian2 integrates again after a spike.
Usage: /usr/bin/python3 lif_refractory_brian2.py  -> writes lif_refractory_brian2.csv (t_ref_ms, step)
"""
from brian2 import NeuronGroup, SpikeMonitor, run, ms, mV, defaultclock, prefs, start_scope

prefs.codegen.target = "numpy"
rows = []
for tref in [0.0, 0.1, 0.5, 2.0]:
    start_scope()
    defaultclock.dt = 0.1 * ms
    G = NeuronGroup(1, "dv/dt = (200*mV - v)/(1*ms) : volt (unless refractory)", threshold="v > 10*mV",
                    reset="v = 0*mV", refractory=tref * ms, method="euler")
    M = SpikeMonitor(G)
    run(3 * ms)
    for t in M.t:
        rows.append((tref, int(round(float(t / defaultclock.dt)))))
with open("lif_refractory_brian2.csv", "w") as f:
    f.write("t_ref_ms,step\n")
    for tref, s in rows:
        f.write("%g,%d\n" % (tref, s))
