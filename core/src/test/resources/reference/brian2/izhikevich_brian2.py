#!/usr/bin/python3
"""Brian2 reference for Neuristor's Izhikevich model: forward Euler (method 'euler', both variables
from the previous step), dt 0.1 ms, 300 ms, threshold v > 30 mV, reset v = c, u += d, v0 = -65 mV,
u0 = b v0, constant input I = 10 from t = 0. Cortical classes RS, IB, CH, FS, LTS (Izhikevich 2003).
Writes izhikevich_brian2_spikes.csv. Run: /usr/bin/python3 izhikevich_brian2.py
"""
from brian2 import NeuronGroup, SpikeMonitor, run, ms, mV, defaultclock, prefs, start_scope

prefs.codegen.target = "numpy"
sets = {"RS": (0.02, 0.2, -65, 8), "IB": (0.02, 0.2, -55, 4), "CH": (0.02, 0.2, -50, 2),
        "FS": (0.1, 0.2, -65, 2), "LTS": (0.02, 0.25, -65, 2)}
rows = []
for name, (a, b, c, d) in sets.items():
    start_scope()
    defaultclock.dt = 0.1 * ms
    eqs = """dv/dt = (0.04*v**2/mV + 5*v + 140*mV - u + I*mV)/ms : volt
             du/dt = a*(b*v - u)/ms : volt
             a : 1
             b : 1
             I : 1"""
    g = NeuronGroup(1, eqs, threshold="v > 30*mV", reset="v = c_reset; u += d_reset", method="euler",
                    namespace={"c_reset": c * mV, "d_reset": d * mV})
    g.a = a
    g.b = b
    g.I = 10
    g.v = -65 * mV
    g.u = b * -65 * mV
    m = SpikeMonitor(g)
    run(300 * ms)
    rows += [(name, float(t / ms)) for t in m.t]
with open("izhikevich_brian2_spikes.csv", "w") as f:
    f.write("set,spike_ms\n")
    for n, t in rows:
        f.write("%s,%.6f\n" % (n, t))
print(len(rows), "spikes")
