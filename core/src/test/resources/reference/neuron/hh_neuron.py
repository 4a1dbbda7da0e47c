#!/usr/bin/python3
"""NEURON reference for Neuristor's Hodgkin-Huxley model (physics.md 2.3).

Single compartment with NEURON's built-in `hh` mechanism (its parameters equal physics.md's modern
set: gnabar 0.12, gkbar 0.036, gl 0.0003 S/cm2, el -54.3 mV is overridden to -54.387, ena 50, ek -77),
celsius 6.3, rate tables off, CVODE with atol 1e-8. A step current density I (uA/cm2) starts at t = 0
from rest; spike times are upward 0 mV crossings (NetCon threshold 0). Writes hh_neuron_spikes.csv.

Then the cases where the repetitive spikes peak less than 10 mV above 0 mV: (T, I) = (20 degC, 10), (6.3, 50),
(6.3, 60) (at 25 degC and above, 10 uA/cm2 no longer crosses 0 mV), the step from t = 10 ms to 100 ms, NEURON's hh
scaling all rates by 3^((T - 6.3)/10) as Neuristor's `celsius`. Spike times as above; the first spike's shape on
the membrane trace resampled at 0.5 us: peak, baseline (minimum from t = 0 to the peak), FWHM of the excursion
above the baseline. Writes hh_neuron_warm_spikes.csv (case, spike_ms) and hh_neuron_warm_shape.csv (case,
peak_mv, baseline_mv, fwhm_ms); a case is named T@I.
Run: /usr/bin/python3 hh_neuron.py
"""
from neuron import h
import math
from hh_cell import soma_with_hh

h.load_file("stdrun.hoc")
h.usetable_hh = 0

def check_builtin_parameters():
    """The built-in hh mechanism must carry physics.md 2.3's constants (only el differs: -54.3)."""
    s = h.Section(name="check")
    s.insert("hh")
    seg = s(0.5)
    assert abs(seg.hh.gnabar - 0.12) < 1e-12, seg.hh.gnabar
    assert abs(seg.hh.gkbar - 0.036) < 1e-12, seg.hh.gkbar
    assert abs(seg.hh.gl - 0.0003) < 1e-12, seg.hh.gl
    assert abs(seg.hh.el - (-54.3)) < 1e-9, seg.hh.el
    assert abs(seg.ena - 50.0) < 1e-9 and abs(seg.ek - (-77.0)) < 1e-9, (seg.ena, seg.ek)
    assert abs(s.cm - 1.0) < 1e-12
    h.delete_section(sec=s)

check_builtin_parameters()

def run(i_ua_cm2, tstop=100.0, celsius=6.3, delay=0.0, dur=1e9):
    """Spike times (ms), and the time and membrane samples, of a step I from delay for dur at celsius."""
    h.celsius = celsius
    soma, area_cm2 = soma_with_hh()
    stim = h.IClamp(soma(0.5))
    stim.delay = delay
    stim.dur = dur
    stim.amp = i_ua_cm2 * area_cm2 * 1e3  # uA/cm2 * cm2 = uA -> nA
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
    # start from the resting steady state of the model
    h.finitialize(-64.996)
    h.fcurrent()
    h.continuerun(tstop)
    return list(spikes), list(tv), list(vv)

with open("hh_neuron_spikes.csv", "w") as f:
    f.write("i_ua_cm2,spike_ms\n")
    for amp in (3.0, 7.0, 10.0, 20.0, 50.0, 100.0):
        for t in run(amp)[0]:
            f.write("%g,%.6f\n" % (amp, t))
print(open("hh_neuron_spikes.csv").read())

CASES = ((20.0, 10.0), (6.3, 50.0), (6.3, 60.0))


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
        sp, t, v = run(amp, 100.0, celsius, 10.0, 90.0)
        for s in sp:
            fs.write("%s,%.6f\n" % (name, s))
        peak, base, fwhm = shape(sp[0], t, v)
        fh.write("%s,%.6f,%.6f,%.6f\n" % (name, peak, base, fwhm))
print(open("hh_neuron_warm_shape.csv").read())
