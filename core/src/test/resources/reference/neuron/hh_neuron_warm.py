#!/usr/bin/python3
"""NEURON reference for Neuristor's Hodgkin-Huxley model away from 6.3 degC and at strong input (physics.md 2.3).

Single compartment with NEURON's built-in `hh` mechanism (el overridden to -54.387 mV, ena 50, ek -77, as in
hh_neuron.py), rate tables off, CVODE with atol 1e-8, from rest (-64.996 mV). A step current density I (uA/cm2)
from t = 10 ms to 100 ms at temperature T (degC; NEURON's hh scales all rates by 3^((T - 6.3)/10), as Neuristor's
`celsius`). Spike times are upward 0 mV crossings (NetCon threshold 0). The first spike's shape is measured on the
membrane trace resampled at 0.5 us: peak, baseline (minimum from t = 0 to the peak), FWHM of the excursion above
the baseline. Cases (T, I) = (20, 10), (6.3, 50), (6.3, 60): repetitive spikes that peak less than 10 mV above
0 mV (at 25 degC and above, 10 uA/cm2 no longer crosses 0 mV). Writes hh_neuron_warm_spikes.csv (case, spike_ms) and hh_neuron_warm_shape.csv
(case, peak_mv, baseline_mv, fwhm_ms); a case is named T@I.
Run: /usr/bin/python3 hh_neuron_warm.py
"""
from neuron import h
import math

h.load_file("stdrun.hoc")
h.usetable_hh = 0
CASES = ((20.0, 10.0), (6.3, 50.0), (6.3, 60.0))


def run(celsius, amp):
    h.celsius = celsius
    soma = h.Section(name="soma")
    soma.diam = 10.0
    soma.L = 1000.0 / (math.pi * soma.diam)
    soma.cm = 1.0
    soma.insert("hh")
    for seg in soma:
        seg.hh.el = -54.387
        seg.hh.gnabar = 0.12
        seg.hh.gkbar = 0.036
        seg.hh.gl = 0.0003
    soma.ena = 50.0
    soma.ek = -77.0
    area_cm2 = soma(0.5).area() * 1e-8
    stim = h.IClamp(soma(0.5))
    stim.delay = 10.0
    stim.dur = 90.0
    stim.amp = amp * area_cm2 * 1e3  # uA/cm2 * cm2 = uA -> nA
    nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    nc.threshold = 0
    spikes = h.Vector()
    nc.record(spikes)
    tv = h.Vector()
    vv = h.Vector()
    tv.record(h._ref_t)
    vv.record(soma(0.5)._ref_v)
    cv = h.CVode()
    cv.active(1)
    cv.atol(1e-8)
    h.finitialize(-64.996)
    h.fcurrent()
    h.continuerun(100.0)
    return list(spikes), list(tv), list(vv)


def interp(t, v, x):
    """Linear interpolation of the CVODE samples (t increasing) at time x."""
    lo, hi = 0, len(t) - 1
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if t[mid] <= x:
            lo = mid
        else:
            hi = mid
    if t[hi] == t[lo]:
        return v[hi]
    return v[lo] + (v[hi] - v[lo]) * (x - t[lo]) / (t[hi] - t[lo])


def shape(first_spike, t, v):
    step = 0.0005
    n = int((first_spike + 5.0) / step)
    g = [interp(t, v, i * step) for i in range(n)]
    p = max(range(n), key=lambda i: g[i])
    base = min(g[: p + 1])
    half = 0.5 * (g[p] + base)
    lo = p
    while g[lo] > half:
        lo -= 1
    hi = p
    while g[hi] > half:
        hi += 1
    up = (lo + (half - g[lo]) / (g[lo + 1] - g[lo])) * step
    down = (hi - 1 + (half - g[hi - 1]) / (g[hi] - g[hi - 1])) * step
    return g[p], base, down - up


with open("hh_neuron_warm_spikes.csv", "w") as fs, open("hh_neuron_warm_shape.csv", "w") as fh:
    fs.write("case,spike_ms\n")
    fh.write("case,peak_mv,baseline_mv,fwhm_ms\n")
    for celsius, amp in CASES:
        name = "%g@%g" % (celsius, amp)
        sp, t, v = run(celsius, amp)
        for s in sp:
            fs.write("%s,%.6f\n" % (name, s))
        peak, base, fwhm = shape(sp[0], t, v)
        fh.write("%s,%.6f,%.6f,%.6f\n" % (name, peak, base, fwhm))
print(open("hh_neuron_warm_shape.csv").read())
