#!/usr/bin/python3
"""NEURON reference for Neuristor's Hodgkin-Huxley model (physics.md 2.3).

Single compartment with NEURON's built-in `hh` mechanism (its parameters equal physics.md's modern
set: gnabar 0.12, gkbar 0.036, gl 0.0003 S/cm2, el -54.3 mV is overridden to -54.387, ena 50, ek -77),
celsius 6.3, rate tables off, CVODE with atol 1e-8. A step current density I (uA/cm2) starts at t = 0
from rest; spike times are upward 0 mV crossings (NetCon threshold 0). Writes hh_neuron_spikes.csv.
Run: /usr/bin/python3 hh_neuron.py
"""
from neuron import h
import math

h.load_file("stdrun.hoc")
h.celsius = 6.3
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

def run(i_ua_cm2, tstop=100.0):
    soma = h.Section(name="soma")
    # a cylinder of 1000 um2 (1e-5 cm2): the current density is what matters
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
    stim.delay = 0
    stim.dur = 1e9
    stim.amp = i_ua_cm2 * area_cm2 * 1e3  # uA/cm2 * cm2 = uA -> nA
    nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    nc.threshold = 0
    spikes = h.Vector()
    nc.record(spikes)
    cv = h.CVode()
    cv.active(1)
    cv.atol(1e-8)
    # start from the resting steady state of the model
    h.finitialize(-64.996)
    h.fcurrent()
    h.continuerun(tstop)
    return list(spikes)

with open("hh_neuron_spikes.csv", "w") as f:
    f.write("i_ua_cm2,spike_ms\n")
    for amp in (3.0, 7.0, 10.0, 20.0, 50.0, 100.0):
        for t in run(amp):
            f.write("%g,%.6f\n" % (amp, t))
print(open("hh_neuron_spikes.csv").read())
