#!/usr/bin/python3
"""Brian2 reference for Neuristor's COBA network (examples/coba.yaml): the Vogels-Abbott (2005)
conductance-based benchmark exactly as Brian2's COBA benchmark script writes it (Brette et al.,
J. Comput. Neurosci. 23, 349 (2007), benchmark 1):
4000 LIF neurons (3200 exc, 800 inh), taum 20 ms, taue 5 ms, taui 10 ms, Vt -50 mV, Vr -60 mV,
El -60 mV, Erev_exc 0 mV, Erev_inh -80 mV, I = 20 mV, refractory 5 ms, we = 0.6, wi = 6.7 (in units
of the leak conductance), connect(p=0.02), v0 ~ N(-55 mV, 5 mV), method 'euler', dt 0.1 ms, 1 s.
In SI with C = 200 pF: g_L = 10 nS, we = 6 nS, wi = 67 nS, I = 200 pA (what coba.yaml states).

Usage: /usr/bin/python3 coba_brian2.py [runtime|cpp_standalone] [seeds...]
Writes coba_brian2_rates.csv (seed, mean rate in Hz, wall time of the run in s) when run with no
arguments (runtime target, seeds 1..5). The benchmark script bench/coba_vs_brian2.sh reuses it.
"""
import sys, time
import numpy as np
from brian2 import (NeuronGroup, Synapses, SpikeMonitor, run, ms, mV, defaultclock, prefs,
                    start_scope, set_device, device, seed as brian_seed)

target = sys.argv[1] if len(sys.argv) > 1 else "runtime"
seeds = [int(s) for s in sys.argv[2:]] or [1, 2, 3, 4, 5]
n_total = 4000
rows = []
for s in seeds:
    start_scope()
    if target == "cpp_standalone":
        set_device("cpp_standalone", directory="/tmp/brian2_coba_%d" % s, build_on_run=False)
        device.reinit(); device.activate(directory="/tmp/brian2_coba_%d" % s, build_on_run=False)
    else:
        prefs.codegen.target = "cython"
    np.random.seed(s)
    brian_seed(s)
    defaultclock.dt = 0.1 * ms
    taum = 20 * ms; taue = 5 * ms; taui = 10 * ms
    Vt = -50 * mV; Vr = -60 * mV; El = -60 * mV
    Erev_exc = 0. * mV; Erev_inh = -80. * mV; I = 20. * mV
    eqs = """
    dv/dt  = (ge*(Erev_exc-v)+gi*(Erev_inh-v)-(v-El) + I)*(1./taum) : volt (unless refractory)
    dge/dt = -ge/taue : 1
    dgi/dt = -gi/taui : 1
    """
    P = NeuronGroup(n_total, eqs, threshold="v>Vt", reset="v = Vr", refractory=5 * ms, method="euler")
    we = 0.6
    wi = 6.7
    Ce = Synapses(P[:3200], P, on_pre="ge += we")
    Ci = Synapses(P[3200:], P, on_pre="gi += wi")
    P.v = (np.random.randn(n_total) * 5. - 55.) * mV
    Ce.connect(p=0.02)
    Ci.connect(p=0.02)
    mon = SpikeMonitor(P)
    t0 = time.time()
    run(1000 * ms)
    if target == "cpp_standalone":
        device.build(directory="/tmp/brian2_coba_%d" % s, compile=True, run=True)
        wall = device._last_run_time
    else:
        wall = time.time() - t0
    rate = len(mon.i) / n_total / 1.0
    rows.append((s, rate, wall))
    print("seed %d target %s rate %.4f Hz run %.3f s" % (s, target, rate, wall), flush=True)
    if target == "cpp_standalone":
        device.reinit()
if len(sys.argv) <= 2 and target == "runtime":
    with open("coba_brian2_rates.csv", "w") as f:
        f.write("seed,rate_hz,wall_s\n")
        for s, r, w in rows:
            f.write("%d,%.6f,%.3f\n" % (s, r, w))
