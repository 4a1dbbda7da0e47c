package org.neuristor.neuron;

import java.util.ArrayList;
import java.util.List;

/**
 * Kernel of the perfect integrate-and-fire model (physics.md 2.1): {@code C dV/dt = I}; at
 * {@code V >= v_th} a spike, {@code V = v_reset}, clamped for {@code t_ref}. Exact: with the input
 * constant over a step V is linear in time, so the crossing time inside the step is solved in
 * closed form and the refractory clock runs on continuous time (several spikes per step are
 * possible). With escape noise the hard threshold is replaced by the hazard of {@link Noise} and
 * spikes are tested at the end of each step. Units nF, mV, ms, nA.
 */
final class IfPopulation extends Population {
  private final double c;
  private final double vth;
  private final double vreset;
  private final double tref;
  private final double[] refLeft;

  IfPopulation(NeuronModel m, int n, double dtMs, Noise noise, long seed) {
    super(m, n, dtMs, Method.EXACT, noise, seed);
    c = m.get("c");
    vth = m.get("v_th");
    vreset = m.get("v_reset");
    tref = m.get("t_ref");
    refLeft = new double[n];
    java.util.Arrays.fill(v, vreset);
  }

  @Override
  protected void advance(double t0) {
    final double dt = dtMs;
    final boolean escape = noise.hasEscape();
    for (int i = 0; i < n; i++) {
      double in = drive(i);
      double vi = v[i];
      double t = 0;
      double ref = refLeft[i];
      if (ref > 0) {
        double used = Math.min(ref, dt);
        refLeft[i] = ref - used;
        t = used;
        vi = vreset;
      }
      if (escape) {
        if (t < dt) {
          vi += in * (dt - t) / c;
          double rho = noise.escapeRho0PerMs() * Math.exp((vi - vth) / noise.escapeDeltaMv());
          if (rng.nextDouble() < -Math.expm1(-rho * (dt - t))) {
            emit(i, t0 + dt);
            vi = vreset;
            refLeft[i] = tref;
          }
        }
        v[i] = vi;
        continue;
      }
      while (t < dt) {
        double vEnd = vi + in * (dt - t) / c;
        if (vEnd >= vth) {
          double ts = vi >= vth ? t : t + (vth - vi) * c / in;
          emit(i, t0 + ts);
          t = ts + tref;
          vi = vreset;
          if (t > dt) {
            refLeft[i] = t - dt;
          }
          continue;
        }
        vi = vEnd;
        t = dt;
      }
      v[i] = vi;
    }
  }

  @Override
  public List<StateVariable> stateVariables() {
    List<StateVariable> l = new ArrayList<>();
    l.add(new StateVariable("v", "V", 1e-3, v));
    l.add(new StateVariable("refractory_left", "s", 1e-3, refLeft));
    addNoiseState(l);
    return l;
  }
}
