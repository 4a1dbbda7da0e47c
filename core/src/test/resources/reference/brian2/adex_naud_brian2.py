#!/usr/bin/python3
"""Brian2 reference for Neuristor's AdEx model (physics.md 2.4) under the eight firing patterns of Naud et al.,
Biol. Cybern. 99, 335 (2008), with the parameter sets of Brian2's example Naud_et_al_2008_adex_firing_patterns.py
(values adapted by P. Mueller to match the paper's figures): C (pF), g_L (nS), E_L, V_T, Delta_T (mV), a (nS),
tau_w (ms), b (pA), V_r (mV), I (pA). A constant current I from t = 0, V = E_L and w = 0 at t = 0, threshold
'vm > 0*mV' (Neuristor's v_peak 0 mV), reset 'vm = v_r; w += b', Brian2's 'euler' (Neuristor's Method.EULER),
dt 0.1 ms, 600 ms, numpy target; spikes are stamped at the start of the step in which V crosses 0 mV (Neuristor
stamps the step's end: one dt later). Writes adex_naud_brian2_spikes.csv (pattern, spike_ms).
Run: /usr/bin/python3 adex_naud_brian2.py
"""
from brian2 import NeuronGroup, SpikeMonitor, run, ms, mV, pF, nS, pA, defaultclock, prefs, start_scope

prefs.codegen.target = "numpy"
PATTERNS = [
    # name, C, g_L, E_L, V_T, Delta_T, a, tau_w, b, V_r, I
    ("tonic", 200, 10, -70, -50, 2, 2, 30, 0, -58, 500),
    ("adaptation", 200, 12, -70, -50, 2, 2, 300, 60, -58, 500),
    ("initial_burst", 130, 18, -58, -50, 2, 4, 150, 120, -50, 400),
    ("regular_bursting", 200, 10, -58, -50, 2, 2, 120, 100, -46, 210),
    ("delayed_accelerating", 200, 12, -70, -50, 2, -10, 300, 0, -58, 300),
    ("delayed_regular_bursting", 100, 10, -65, -50, 2, -10, 90, 30, -47, 110),
    ("transient", 100, 10, -65, -50, 2, 10, 90, 100, -47, 180),
    ("irregular", 100, 12, -60, -50, 2, -11, 130, 30, -48, 160),
]
rows = []
for p in PATTERNS:
    start_scope()
    defaultclock.dt = 0.1 * ms
    # a dict, not loop variables named a, b, ...: Brian2 would warn that the run namespace holds them too
    ns = dict(zip(("c_m", "g_l", "e_l", "v_t", "d_t", "a", "tau_w", "b", "v_r", "i_stim"),
                  (p[1] * pF, p[2] * nS, p[3] * mV, p[4] * mV, p[5] * mV, p[6] * nS, p[7] * ms, p[8] * pA,
                   p[9] * mV, p[10] * pA)))
    eqs = """dvm/dt = (g_l*(e_l - vm) + g_l*d_t*exp((vm - v_t)/d_t) + i_stim - w)/c_m : volt
    dw/dt = (a*(vm - e_l) - w)/tau_w : amp"""
    g = NeuronGroup(1, eqs, threshold="vm > 0*mV", reset="vm = v_r; w += b", method="euler", namespace=ns)
    g.vm = ns["e_l"]
    g.w = 0 * pA
    m = SpikeMonitor(g)
    run(600 * ms)
    rows += [(p[0], float(t / ms)) for t in m.t]
with open("adex_naud_brian2_spikes.csv", "w") as f:
    f.write("pattern,spike_ms\n")
    for name, t in rows:
        f.write("%s,%.4f\n" % (name, t))
