#!/usr/bin/python3
"""NEURON reference for Hodgkin-Huxley between repetitive firing and depolarisation block (0-200 uA/cm2).

Same cell as hh_neuron.py (hh_cell.py: NEURON's built-in hh at physics.md 2.3's constants, el -54.387, celsius 6.3, rate tables
off, CVODE atol 1e-8), a constant current density I from t = 0 for 200 ms from rest (what
`model run hh --stim dc:amp=I` runs). The membrane is sampled every 5 us. Per I:
  spikes_0mv   upward 0 mV crossings (NetCon threshold 0) over the 200 ms
  spikes_m40mv upward -40 mV crossings in the second half (100-200 ms; what `model fi hh` counts)
  late_*       the local maxima of v in the second half: their count, their rate (count - 1 over the time from the
               first to the last), the last maximum and the lowest v between the last two maxima (mV), and the
               first and last cycle amplitudes there (a maximum minus the lowest v since the maximum before it)
Above about 62 uA/cm2 the repetitive spikes peak below 0 mV and shrink as I grows; near 154.6 uA/cm2 the
oscillation dies out (the upper Hopf bifurcation: depolarisation block, the membrane resting near -43 mV).
Writes hh_block.csv. Run: /usr/bin/python3 hh_block.py
"""
from neuron import h
from hh_cell import soma_with_hh

h.load_file("stdrun.hoc")
h.usetable_hh = 0
h.celsius = 6.3
soma, area_cm2 = soma_with_hh()
stim = h.IClamp(soma(0.5))
stim.delay = 0
stim.dur = 1e9
nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
nc.threshold = 0
spikes = h.Vector()
nc.record(spikes)
DT = 0.005
vv = h.Vector()
vv.record(soma(0.5)._ref_v, DT)
cv = h.CVode()
cv.active(1)
cv.atol(1e-8)
TSTOP = 200.0

def run(i):
    stim.amp = i * area_cm2 * 1e3  # uA/cm2 * cm2 = uA -> nA
    h.finitialize(-64.996)
    h.fcurrent()
    h.continuerun(TSTOP)
    v = list(vv)
    t = [k * DT for k in range(len(v))]
    half = len(v) // 2
    up40 = sum(1 for k in range(half + 1, len(v)) if v[k - 1] < -40 <= v[k])
    maxima = [k for k in range(half + 1, len(v) - 1) if v[k] > v[k - 1] and v[k] >= v[k + 1]]
    amps = []
    for a, b in zip(maxima, maxima[1:]):
        amps.append(v[b] - min(v[a:b + 1]))
    rate = (len(maxima) - 1) / ((t[maxima[-1]] - t[maxima[0]]) * 1e-3) if len(maxima) >= 2 else 0.0
    peak = v[maxima[-1]] if maxima else float("nan")
    trough = min(v[maxima[-2]:maxima[-1] + 1]) if len(maxima) >= 2 else float("nan")
    return (len(spikes), up40, len(maxima), rate, peak, trough, amps[0] if amps else 0.0, amps[-1] if amps else 0.0)

with open("hh_block.csv", "w") as f:
    f.write("i_ua_cm2,spikes_0mv,spikes_m40mv,late_maxima,late_rate_hz,late_peak_mv,late_trough_mv,"
            "first_amp_mv,last_amp_mv\n")
    for i in (0, 5, 10, 20, 40, 60, 62, 64, 70, 80, 100, 120, 140, 150, 152, 154, 155, 156, 160, 170, 180, 200):
        r = run(float(i))
        f.write("%g,%d,%d,%d,%.4f,%.4f,%.4f,%.4f,%.4f\n" % ((i,) + r))
