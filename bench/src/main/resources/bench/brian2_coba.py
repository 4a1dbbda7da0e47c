#!/usr/bin/python3
"""Brian2 side of Neuristor's network benchmark (bench module, NetworkComparison).

Usage: /usr/bin/python3 brian2_coba.py N K_IN TARGET SEED DURATION_S [WORKDIR [THREADS]]
  N        neurons (80 % excitatory, 20 % inhibitory)
  K_IN     mean synaptic inputs per neuron: connect(p = K_IN / N); 80 is the COBA benchmark (4000 x 2 %)
  TARGET   cpp_standalone | cython | numpy
  THREADS  cpp_standalone only: OpenMP threads (0, the default, is Brian2's single-threaded code)
The Vogels-Abbott COBA network exactly as Brian2's COBA benchmark (and Neuristor's examples/coba*.yaml):
taum 20 ms, taue 5 ms, taui 10 ms, Vt -50 mV, Vr = El = -60 mV, Erev 0 / -80 mV, I = 20 mV, refractory
5 ms, we = 0.6, wi = 6.7 (units of the leak conductance), v0 ~ N(-55 mV, 5 mV), method 'euler', dt 0.1 ms.
Prints one JSON line with:
  build_s     cpp_standalone: code generation + C++ compilation (Python side, before the binary runs);
              runtime targets: building the groups and synapses (connect) in Python
  binary_s    cpp_standalone only: wall time of the compiled binary (process start to exit: synapse
              creation, initialisation, the simulation loop, writing results)
  run_s       the simulation loop only: cpp_standalone Brian2's own measured run time
              (device._last_run_time); runtime targets the wall time of run()
  total_s     what a user waits for, everything after the imports
  rate_hz     mean firing rate of all neurons, synapses, spikes
  cpp_standalone only, to re-run the compiled binary without Python (NetworkComparison does, alternated with
  Neuristor, instead of recompiling for every run):
  binary_dir  the project directory (WORKDIR, absolute): the binary runs there and writes results/
  binary_cmd  the command Brian2 runs there (prefs.devices.cpp_standalone.run_cmd_unix, "./main")
  binary_env  the environment variables Brian2 sets for it (run_environment_variables, LD_BIND_NOW=1)
  spikes_file the results file holding the SpikeMonitor's spike count (int32, native byte order), relative
              to binary_dir; results/last_run_info.txt holds Brian2's loop time (device._last_run_time)
  The seed and the initial voltages are compiled into the project (rk_seed in main.cpp, static_arrays/), so
  every run of the binary repeats this run exactly: same connectivity, spikes and final state.
Runtime targets cache their compiled code on disk (~/.cython): run once before timing.
"""
import json
import os
import sys
import time

import numpy as np
from brian2 import (NeuronGroup, Synapses, SpikeMonitor, Network, ms, mV, defaultclock, prefs, set_device, device,
                    seed as brian_seed)

n_total, k_in, target, seed, duration = (int(sys.argv[1]), float(sys.argv[2]), sys.argv[3], int(sys.argv[4]),
                                         float(sys.argv[5]))
workdir = sys.argv[6] if len(sys.argv) > 6 else "brian2_coba_standalone"
threads = int(sys.argv[7]) if len(sys.argv) > 7 else 0
standalone = target == "cpp_standalone"
t_start = time.time()
if standalone:
    set_device("cpp_standalone", directory=workdir, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = threads
else:
    prefs.codegen.target = target
np.random.seed(seed)
brian_seed(seed)
defaultclock.dt = 0.1 * ms
taum = 20 * ms
taue = 5 * ms
taui = 10 * ms
Vt = -50 * mV
Vr = -60 * mV
El = -60 * mV
Erev_exc = 0. * mV
Erev_inh = -80. * mV
I = 20. * mV
eqs = """
dv/dt  = (ge*(Erev_exc-v)+gi*(Erev_inh-v)-(v-El) + I)*(1./taum) : volt (unless refractory)
dge/dt = -ge/taue : 1
dgi/dt = -gi/taui : 1
"""
n_exc = int(0.8 * n_total)
P = NeuronGroup(n_total, eqs, threshold="v>Vt", reset="v = Vr", refractory=5 * ms, method="euler")
we = 0.6
wi = 6.7
Ce = Synapses(P[:n_exc], P, on_pre="ge += we")
Ci = Synapses(P[n_exc:], P, on_pre="gi += wi")
P.v = (np.random.randn(n_total) * 5. - 55.) * mV
p = k_in / n_total
Ce.connect(p=p)
Ci.connect(p=p)
mon = SpikeMonitor(P, record=False)
net = Network(P, Ce, Ci, mon)
if standalone:
    net.run(duration * 1000 * ms)
    t0 = time.time()
    device.build(directory=workdir, compile=True, run=False, clean=True)
    build_s = time.time() - t0
    t1 = time.time()
    device.run(workdir, False, [])
    binary_s = time.time() - t1
    run_s = device._last_run_time
    run_cmd = prefs.devices.cpp_standalone.run_cmd_unix
    binary = dict(binary_dir=os.path.abspath(workdir), binary_cmd=[run_cmd] if isinstance(run_cmd, str) else run_cmd,
                  binary_env={**prefs.devices.cpp_standalone.run_environment_variables,
                              **device.run_environment_variables},
                  spikes_file=device.get_array_filename(mon.variables["N"]))
else:
    build_s = time.time() - t_start
    t0 = time.time()
    net.run(duration * 1000 * ms)
    run_s = time.time() - t0
    binary_s = None
    binary = {}
total_s = time.time() - t_start
spikes = int(mon.num_spikes)
syn = int(len(Ce) + len(Ci))
print(json.dumps(dict(n=n_total, k_in=k_in, target=target, threads=threads, seed=seed, duration_s=duration, build_s=build_s,
                      binary_s=binary_s, run_s=run_s, total_s=total_s, spikes=spikes, synapses=syn,
                      rate_hz=spikes / n_total / duration, **binary)), flush=True)
