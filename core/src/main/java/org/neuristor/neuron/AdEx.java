package org.neuristor.neuron;

import java.util.ArrayList;
import java.util.List;

/**
 * Adaptive exponential integrate-and-fire neuron (Brette and Gerstner, J. Neurophysiol. 94, 3637
 * (2005); physics.md 2.4), units pF, nS, mV, ms, pA:
 *
 * <pre>
 *   C dV/dt  = -g_L (V - E_L) + g_L Delta_T exp((V - V_T)/Delta_T) - w + I
 *   tau_w dw/dt = a (V - E_L) - w;      V >= V_peak:  V = V_r, w = w + b
 * </pre>
 *
 * Integrated with the explicit midpoint rule (RK2, physics.md's reference method); the exponential's
 * argument is clamped at 50 so trial values cannot overflow.
 */
public record AdEx(double cPf, double glNs, double elMv, double vtMv, double deltaTMv, double tauWMs, double aNs,
    double bPa, double vrMv, double vPeakMv) {

  /** The "regular spiking" set of the paper (physics.md 2.4), V_peak = 0 mV. */
  public static final AdEx REGULAR = new AdEx(281, 30, -70.6, -50.4, 2, 144, 4, 80.5, -70.6, 0);

  /** Rheobase without adaptation (w = 0): g_L (V_T - E_L - Delta_T), pA. */
  public double rheobaseNoAdaptationPa() {
    return glNs * (vtMv - elMv - deltaTMv);
  }

  /** Steady-state rheobase with w = a (V - E_L), pA. */
  public double rheobaseSteadyPa() {
    double vStar = vtMv + deltaTMv * Math.log((glNs + aNs) / glNs);
    return (glNs + aNs) * (vStar - elMv) - glNs * deltaTMv * Math.exp((vStar - vtMv) / deltaTMv);
  }

  private double dv(double v, double w, double i) {
    return (-glNs * (v - elMv) + glNs * deltaTMv * Math.exp(Math.min((v - vtMv) / deltaTMv, 50)) - w + i) / cPf;
  }

  private double dw(double v, double w) {
    return (aNs * (v - elMv) - w) / tauWMs;
  }

  /**
   * One explicit-midpoint step from (v, w) with current i (pA); returns {v, w, 1 if a spike was
   * emitted and the reset applied else 0}.
   */
  public double[] midpointStep(double v, double w, double iPa, double dtMs) {
    double vm = v + 0.5 * dtMs * dv(v, w, iPa);
    double wm = w + 0.5 * dtMs * dw(v, w);
    double vNew = v + dtMs * dv(vm, wm, iPa);
    double wNew = w + dtMs * dw(vm, wm);
    if (vNew >= vPeakMv) {
      return new double[] {vrMv, wNew + bPa, 1};
    }
    return new double[] {vNew, wNew, 0};
  }

  /** Spike times (ms) for a constant current (pA) from V = E_L, w = 0. */
  public double[] spikeTimes(double iPa, double durationMs, double dtMs) {
    double v = elMv;
    double w = 0;
    List<Double> out = new ArrayList<>();
    long steps = Math.round(durationMs / dtMs);
    for (long k = 0; k < steps; k++) {
      double vm = v + 0.5 * dtMs * dv(v, w, iPa);
      double wm = w + 0.5 * dtMs * dw(v, w);
      double vNew = v + dtMs * dv(vm, wm, iPa);
      double wNew = w + dtMs * dw(vm, wm);
      if (vNew >= vPeakMv) {
        out.add((k + 1) * dtMs);
        vNew = vrMv;
        wNew += bPa;
      }
      v = vNew;
      w = wNew;
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
