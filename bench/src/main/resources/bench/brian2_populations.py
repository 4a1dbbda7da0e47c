#!/usr/bin/python3
"""Brian2 side of Neuristor's population benchmark (bench module, PopulationComparison).

Usage: /usr/bin/python3 brian2_populations.py MODEL N STEPS TARGET [WORKDIR]
  MODEL  lif | adex | hh      (physics.md 2.2 / 2.4 / 2.3 parameters, as Neuristor's defaults)
  TARGET numpy | cython | cpp_standalone
Same model, method and dt as the Java side: LIF method 'exact' dt 0.1 ms (2 nA), AdEx 'rk2' dt 0.1 ms
(1 nA), HH 'exponential_euler' dt 0.01 ms (10 uA/cm2); every neuron gets the same constant input.
Prints one JSON line: {"model", "n", "steps", "target", "run_s", "ns_per_neuron_step", "spikes"}.
run_s is the simulation loop only: for runtime targets a second run() after a warm-up run() (code
generation and compilation happen in the first); for cpp_standalone Brian2's own measured run time
(device._last_run_time), excluding code generation and compilation.
"""
import json
import sys
import time

from brian2 import (NeuronGroup, SpikeMonitor, Network, defaultclock, prefs, set_device, device, ms, mV, nA, pA,
                    pF, nS, Mohm, uF, cm, msiemens, uA, exprel)

model, n, steps, target = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
workdir = sys.argv[5] if len(sys.argv) > 5 else "brian2_standalone"
standalone = target == "cpp_standalone"
if standalone:
    set_device("cpp_standalone", directory=workdir, build_on_run=False)
else:
    prefs.codegen.target = target

if model == "lif":
    dt = 0.1 * ms
    ns = dict(tau=10 * ms, EL=-70 * mV, R=10 * Mohm)
    g = NeuronGroup(n, """dv/dt = (-(v - EL) + R*I)/tau : volt (unless refractory)
                          I : amp (constant)""",
                    threshold="v >= -55*mV", reset="v = -70*mV", refractory=2 * ms, method="exact", namespace=ns)
    g.v = -70 * mV
    g.I = 2 * nA
elif model == "adex":
    dt = 0.1 * ms
    ns = dict(C=281 * pF, gL=30 * nS, EL=-70.6 * mV, VT=-50.4 * mV, DeltaT=2 * mV, tauw=144 * ms, a=4 * nS,
              b=80.5 * pA, Vr=-70.6 * mV)
    g = NeuronGroup(n, """dv/dt = (-gL*(v - EL) + gL*DeltaT*exp((v - VT)/DeltaT) - w + I)/C : volt
                          dw/dt = (a*(v - EL) - w)/tauw : amp
                          I : amp (constant)""",
                    threshold="v > 0*mV", reset="v = Vr; w += b", method="rk2", namespace=ns)
    g.v = -70.6 * mV
    g.I = 1 * nA
elif model == "hh":
    dt = 0.01 * ms
    ns = dict(C=1 * uF / cm ** 2, gNa=120 * msiemens / cm ** 2, gK=36 * msiemens / cm ** 2,
              gL=0.3 * msiemens / cm ** 2, ENa=50 * mV, EK=-77 * mV, EL=-54.387 * mV)
    eqs = """dv/dt = (I - gNa*m**3*h*(v - ENa) - gK*n**4*(v - EK) - gL*(v - EL))/C : volt
             dm/dt = alpham*(1 - m) - betam*m : 1
             dh/dt = alphah*(1 - h) - betah*h : 1
             dn/dt = alphan*(1 - n) - betan*n : 1
             alpham = 1/exprel(-(v + 40*mV)/(10*mV))/ms : Hz
             betam = 4*exp(-(v + 65*mV)/(18*mV))/ms : Hz
             alphah = 0.07*exp(-(v + 65*mV)/(20*mV))/ms : Hz
             betah = 1/(1 + exp(-(v + 35*mV)/(10*mV)))/ms : Hz
             alphan = 0.1/exprel(-(v + 55*mV)/(10*mV))/ms : Hz
             betan = 0.125*exp(-(v + 65*mV)/(80*mV))/ms : Hz
             I : amp/meter**2 (constant)"""
    g = NeuronGroup(n, eqs, threshold="v > 0*mV", refractory="v > 0*mV", method="exponential_euler",
                    namespace=ns)
    g.v = -64.996 * mV
    g.m = 0.05296
    g.h = 0.59599
    g.n = 0.31773
    g.I = 10 * uA / cm ** 2
else:
    raise SystemExit("unknown model " + model)

defaultclock.dt = dt
mon = SpikeMonitor(g, record=False)
net = Network(g, mon)
if standalone:
    net.run(steps * dt)
    device.build(run=True, compile=True, clean=True)
    run_s = device._last_run_time
else:
    net.run(10 * dt)  # code generation, compilation, first call
    t0 = time.perf_counter()
    net.run(steps * dt)
    run_s = time.perf_counter() - t0
print(json.dumps(dict(model=model, n=n, steps=steps, target=target, run_s=run_s,
                      ns_per_neuron_step=run_s / (n * steps) * 1e9, spikes=int(mon.num_spikes))))
