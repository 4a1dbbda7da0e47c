"""The single-compartment cell of hh_neuron.py and hh_block.py: NEURON's built-in hh at physics.md 2.3's constants."""
from neuron import h
import math


def soma_with_hh():
    """A cylinder of 1000 um2 (1e-5 cm2; the current density is what matters) with hh, el -54.387; and its area (cm2)."""
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
    return soma, soma(0.5).area() * 1e-8
