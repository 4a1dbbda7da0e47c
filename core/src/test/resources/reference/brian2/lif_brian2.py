#!/usr/bin/python3
"""Brian2 reference for Neuristor's LIF (physics.md 2.2): tau 10 ms, E_L -70 mV, theta -55 mV,
V_reset -70 mV, t_ref 2 ms, R 10 MOhm; constant currents 1.6, 2.0, 3.0 nA for 200 ms; dt 0.1 ms;
exact integration (method 'exact'), numpy target. Writes lif_brian2_spikes.csv.
Run: /usr/bin/python3 lif_brian2.py
"""
from brian2 import NeuronGroup, SpikeMonitor, run, ms, mV, nA, Mohm, defaultclock, prefs, start_scope

prefs.codegen.target = "numpy"
rows = []
for amp in (1.6, 2.0, 3.0):
    start_scope()
    defaultclock.dt = 0.1 * ms
    tau = 10 * ms
    EL = -70 * mV
    R = 10 * Mohm
    I = amp * nA
    g = NeuronGroup(1, "dv/dt = (-(v - EL) + R*I)/tau : volt (unless refractory)",
                    threshold="v >= -55*mV", reset="v = -70*mV", refractory=2 * ms, method="exact")
    g.v = EL
    m = SpikeMonitor(g)
    run(200 * ms)
    rows += [(amp, float(t / ms)) for t in m.t]
with open("lif_brian2_spikes.csv", "w") as f:
    f.write("i_na,spike_ms\n")
    for a, t in rows:
        f.write("%g,%.6f\n" % (a, t))
print(len(rows), "spikes")
