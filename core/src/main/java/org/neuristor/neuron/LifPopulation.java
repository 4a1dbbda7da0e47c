package org.neuristor.neuron;

import java.util.ArrayList;
import java.util.List;

/**
 * Kernel of the leaky integrate-and-fire model (physics.md 2.2): {@code tau dV/dt = -(V - E_L) +
 * R I}; at {@code V >= v_th} a spike, {@code V = v_reset}, clamped for {@code t_ref}. Units ms, mV,
 * MOhm, nA.
 *
 * <ul>
 *   <li>{@link Method#EXACT}: between spikes {@code V(t) = V_inf + (V_0 - V_inf) e^{-t/tau}} with
 *       {@code V_inf = E_L + R I} (input constant over the step), so a step is one multiplication by
 *       the precomputed {@code e^{-dt/tau}}. When V would reach threshold inside the step the
 *       crossing time {@code tau ln((V_0 - V_inf)/(theta - V_inf))} is solved exactly, the refractory
 *       clock runs on continuous time and the rest of the step is integrated after it: the firing
 *       rate equals the analytic {@code 1/(t_ref + tau ln(RI/(RI - (theta - V_reset))))} to
 *       rounding, for any dt. The step runs in blocks of 2048 neurons: the exact decay of the block
 *       (straight-line code the JIT vectorizes), then a scan for threshold crossings, which are
 *       redone on continuous time; finally the few neurons that were refractory (kept in a list).
 *   <li>{@link Method#EXACT_GRID}: the same exact update over whole steps, then the threshold test at
 *       the end of the step; the spike is stamped with the step's start time {@code t_s}, the neuron
 *       resets and is held while {@code t - t_s < t_ref} (round(t_ref/dt) - 1 steps). These are Brian2's semantics ({@code method=
 *       'exact'}, {@code refractory=t_ref}, {@code (unless refractory)}).
 * </ul>
 *
 * With white membrane noise ({@link Noise#whiteSigmaMv()}) V between spikes is an OU process and
 * the grid step adds {@code sigma_V sqrt(1 - e^{-2 dt/tau}) xi} (exact in distribution); with escape
 * noise the threshold test is the hazard of {@link Noise}. Both use the grid semantics.
 */
final class LifPopulation extends Population {
  private final double tau;
  private final double el;
  private final double vth;
  private final double vreset;
  private final double tref;
  private final double r;
  private final double decay;
  private final double whiteKick;
  private final double[] refLeft;
  /** Neurons with refractory time left (exact method). */
  private final int[] refIdx;
  private int refCount;

  LifPopulation(NeuronModel m, int n, double dtMs, Method method, Noise noise, long seed) {
    super(m, n, dtMs, method, noise, seed);
    tau = m.get("tau_m");
    el = m.get("e_l");
    vth = m.get("v_th");
    vreset = m.get("v_reset");
    tref = m.get("t_ref");
    r = m.get("r");
    decay = Math.exp(-dtMs / tau);
    whiteKick = noise.whiteSigmaMv() * Math.sqrt(-Math.expm1(-2 * dtMs / tau));
    refLeft = new double[n];
    refIdx = new int[n];
    java.util.Arrays.fill(v, el);
  }

  @Override
  protected void advance(double t0) {
    if (method == Method.EXACT) {
      advanceExact(t0);
    } else {
      advanceGrid(t0);
    }
  }

  /** Neurons per block: the block's membrane values stay in L1 between the decay and the scan. */
  private static final int BLOCK = 2048;

  private void advanceExact(double t0) {
    final double[] vv = v;
    final double[] in = input;
    final int oldCount = refCount;
    for (int from = 0; from < n; from += BLOCK) {
      final int to = Math.min(n, from + BLOCK);
      // pass 1, straight-line arithmetic the JIT vectorizes: exact decay over the whole step
      if (ou == null) {
        for (int i = from; i < to; i++) {
          double vinf = el + r * in[i];
          vv[i] = vinf + (vv[i] - vinf) * decay;
        }
      } else {
        for (int i = from; i < to; i++) {
          double vinf = el + r * (in[i] + ou[i]);
          vv[i] = vinf + (vv[i] - vinf) * decay;
        }
      }
      // pass 2: threshold crossings, redone on continuous time from the recovered start value
      for (int i = from; i < to; i++) {
        if (vv[i] >= vth && refLeft[i] <= 0) {
          double vinf = el + r * drive(i);
          double v0 = vinf + (vv[i] - vinf) / decay;
          vv[i] = eventStep(i, t0, v0, vinf, 0);
          if (refLeft[i] > 0) {
            refIdx[refCount++] = i; // appended after the neurons refractory before this step
          }
        }
      }
    }
    // pass 3: neurons that were refractory at the start of the step, redone on continuous time
    int kept = 0;
    for (int q = 0; q < oldCount; q++) {
      int i = refIdx[q];
      vv[i] = eventStep(i, t0, vreset, el + r * drive(i), refLeft[i]);
      if (refLeft[i] > 0) {
        refIdx[kept++] = i;
      }
    }
    for (int q = oldCount; q < refCount; q++) {
      refIdx[kept++] = refIdx[q];
    }
    refCount = kept;
  }

  /** A step with a refractory end or threshold crossing inside it, on continuous time. */
  private double eventStep(int i, double t0, double vi, double vinf, double ref) {
    final double dt = dtMs;
    double t = 0;
    if (ref > 0) {
      double used = Math.min(ref, dt);
      refLeft[i] = ref - used;
      t = used;
      vi = vreset;
    }
    while (t < dt) {
      double left = dt - t;
      double vEnd = vinf + (vi - vinf) * Math.exp(-left / tau);
      if (vEnd >= vth) {
        double ts = vi >= vth ? t : t + tau * Math.log((vi - vinf) / (vth - vinf));
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
    return vi;
  }

  private void advanceGrid(double t0) {
    final double dt = dtMs;
    final double half = 0.5 * dt;
    final boolean escape = noise.hasEscape();
    final boolean white = whiteKick > 0;
    for (int i = 0; i < n; i++) {
      if (refLeft[i] > 0) {
        // refractory while t - t_spike < t_ref (t_spike = the spike's step start): as Brian2
        refLeft[i] -= dt;
        if (refLeft[i] > half) {
          continue;
        }
      }
      double vinf = el + r * drive(i);
      double vi = vinf + (v[i] - vinf) * decay;
      if (white) {
        vi += whiteKick * rng.nextGaussian();
      }
      boolean fire;
      if (escape) {
        double rho = noise.escapeRho0PerMs() * Math.exp((vi - vth) / noise.escapeDeltaMv());
        fire = rng.nextDouble() < -Math.expm1(-rho * dt);
      } else {
        fire = vi >= vth;
      }
      if (fire) {
        emit(i, t0);
        vi = vreset;
        refLeft[i] = tref;
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
