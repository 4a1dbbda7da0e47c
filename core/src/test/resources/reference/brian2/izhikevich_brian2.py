#!/usr/bin/python3
"""Brian2 reference for Neuristor's Izhikevich model (physics.md 2.5) with Brian2's 'euler' method
(all derivatives from the old state; Neuristor's Method.EULER), threshold 'v > 30', reset
'v = c; u += d', spike stamped at the step's start, stimulus sampled at the step's start through a
TimedArray. Cases: patterns A, C, E, F, N of Izhikevich (2004) with the protocols of figure1.m
(their a, b, c, d, v0, tau, T and I(t)), and the 2003 cortical classes RS, IB, CH, FS, LTS with I = 10 for
300 ms at dt = 0.1 ms from v = -65, u = b v. Numpy target. Writes izhikevich_brian2_spikes.csv.
Run: /usr/bin/python3 izhikevich_brian2.py
"""
import numpy as np
from brian2 import (NeuronGroup, SpikeMonitor, TimedArray, run, ms, defaultclock, prefs, start_scope)

prefs.codegen.target = "numpy"

def step(t0, amp):
    return lambda t: amp if t > t0 else 0.0

cases = [
    # name, a, b, c, d, v0, tau, T, I(t)
    ("A", 0.02, 0.2, -65, 6, -70, 0.25, 100, step(10, 14)),
    ("C", 0.02, 0.2, -50, 2, -70, 0.25, 220, step(22, 15)),
    ("E", 0.02, 0.2, -55, 4, -70, 0.25, 160, step(16, 10)),
    ("F", 0.01, 0.2, -65, 8, -70, 0.25, 85, step(8.5, 30)),
    ("N", 0.03, 0.25, -52, 0, -64, 0.2, 200, lambda t: -15.0 if 20 < t < 25 else 0.0),
    ("RS", 0.02, 0.2, -65, 8, -65, 0.1, 300, lambda t: 10.0),
    ("IB", 0.02, 0.2, -55, 4, -65, 0.1, 300, lambda t: 10.0),
    ("CH", 0.02, 0.2, -50, 2, -65, 0.1, 300, lambda t: 10.0),
    ("FS", 0.1, 0.2, -65, 2, -65, 0.1, 300, lambda t: 10.0),
    ("LTS", 0.02, 0.25, -65, 2, -65, 0.1, 300, lambda t: 10.0),
]

rows = []
for name, a, b, c, d, v0, tau, T, stim in cases:
    start_scope()
    defaultclock.dt = tau * ms
    steps = int(round(T / tau)) + 1
    values = np.array([stim(i * tau) for i in range(steps + 1)])
    I = TimedArray(values, dt=tau * ms)
    g = NeuronGroup(1, """dv/dt = (0.04*v**2 + 5*v + 140 - u + I(t))/ms : 1
                          du/dt = a*(b*v - u)/ms : 1""",
                    threshold="v > 30", reset="v = c; u += d", method="euler",
                    namespace={"a": a, "b": b, "c": c, "d": d, "I": I})
    g.v = v0
    g.u = b * v0
    m = SpikeMonitor(g)
    run(steps * tau * ms)
    rows += [(name, float(t / ms)) for t in m.t]
with open("izhikevich_brian2_spikes.csv", "w") as f:
    f.write("case,spike_ms\n")
    for n, t in rows:
        f.write("%s,%.6f\n" % (n, t))
print(len(rows), "spikes")
