package org.neuristor.neuron;

import org.neuristor.ModelParameterException;

/**
 * Leaky integrate-and-fire population (physics.md 2.2), in the model's conventional units
 * (mV, ms, MOhm, nA): {@code tau dV/dt = -(V - E_L) + R I}; spike when V reaches theta, then
 * {@code V = V_reset} clamped for t_ref. Integrated exactly: between spikes the membrane relaxes
 * exponentially toward {@code E_L + R I} for piecewise-constant input, and the threshold crossing
 * time inside a step is solved in closed form, so spike times carry no O(dt) bias.
 *
 * @param tauMs membrane time constant (ms, > 0), default 10
 * @param elMv resting potential (mV), default -70
 * @param thetaMv threshold (mV), default -55
 * @param vResetMv reset (mV), default -70
 * @param tRefMs absolute refractory period (ms, >= 0), default 2
 * @param rMohm membrane resistance (MOhm, > 0), default 10
 */
public record Lif(double tauMs, double elMv, double thetaMv, double vResetMv, double tRefMs, double rMohm) {

  public static final Lif DEFAULT = new Lif(10, -70, -55, -70, 2, 10);

  public Lif {
    if (!(tauMs > 0)) {
      throw new ModelParameterException("tau", "LIF: tau must be > 0 ms, got " + tauMs);
    }
    if (!(tRefMs >= 0)) {
      throw new ModelParameterException("t_ref", "LIF: refractory period must be >= 0 ms, got " + tRefMs);
    }
    if (!(rMohm > 0)) {
      throw new ModelParameterException("r", "LIF: membrane resistance must be > 0, got " + rMohm);
    }
    if (!(thetaMv > vResetMv)) {
      throw new ModelParameterException("theta", "LIF: threshold must lie above the reset potential");
    }
  }

  /** A population of n neurons in structure-of-arrays form. */
  public final class Population {
    public final double[] v;
    public final double[] refractoryLeftMs;

    Population(int n) {
      v = new double[n];
      refractoryLeftMs = new double[n];
      java.util.Arrays.fill(v, elMv);
    }

    /**
     * Advances by dt (ms) with constant currents {@code iNa[i]} (nA); writes the spike time offset
     * within the step (ms) into {@code spike[i]}, NaN when none. Allocates nothing.
     */
    public void step(double dtMs, double[] iNa, double[] spike) {
      for (int i = 0; i < v.length; i++) {
        double t = 0;
        double vi = v[i];
        spike[i] = Double.NaN;
        double ref = refractoryLeftMs[i];
        if (ref > 0) {
          double used = Math.min(ref, dtMs);
          refractoryLeftMs[i] = ref - used;
          t = used;
          vi = vResetMv;
        }
        while (t < dtMs) {
          double vinf = elMv + rMohm * iNa[i];
          double left = dtMs - t;
          double vEnd = vinf + (vi - vinf) * Math.exp(-left / tauMs);
          if (vEnd >= thetaMv && vinf > thetaMv) {
            double tc = tauMs * Math.log((vi - vinf) / (thetaMv - vinf));
            double ts = t + Math.max(0, tc);
            if (Double.isNaN(spike[i])) {
              spike[i] = ts;
            }
            t = ts + tRefMs;
            vi = vResetMv;
            if (t > dtMs) {
              refractoryLeftMs[i] = t - dtMs;
            }
            continue;
          }
          vi = vEnd;
          t = dtMs;
        }
        v[i] = vi;
      }
    }
  }

  /**
   * Clock-driven variant with the semantics of Brian2 and most network simulators: each step
   * advances the membrane exactly over dt (unless refractory), then tests the threshold; a spike is
   * stamped with the step's start time, the neuron resets and stays refractory while
   * {@code t - t_spike < t_ref}. Writes true into {@code spiked[i]}. {@code tMs} is the step's start.
   */
  public void stepClockDriven(Population p, double tMs, double dtMs, double[] iNa, boolean[] spiked,
      double[] lastSpikeMs) {
    for (int i = 0; i < p.v.length; i++) {
      spiked[i] = false;
      if (tMs - lastSpikeMs[i] < tRefMs - 1e-9) {
        continue;
      }
      double vinf = elMv + rMohm * iNa[i];
      double vNew = vinf + (p.v[i] - vinf) * Math.exp(-dtMs / tauMs);
      if (vNew >= thetaMv) {
        spiked[i] = true;
        lastSpikeMs[i] = tMs;
        vNew = vResetMv;
      }
      p.v[i] = vNew;
    }
  }

  public Population population(int n) {
    return new Population(n);
  }

  /** Analytic firing rate (Hz) for constant current I (nA), physics.md 2.2 (V_reset = E_L). */
  public double analyticRateHz(double iNa) {
    double ri = rMohm * iNa;
    double dv = thetaMv - vResetMv;
    if (ri <= thetaMv - elMv) {
      return 0;
    }
    return 1000.0 / (tRefMs + tauMs * Math.log(ri / (ri - dv)));
  }
}
