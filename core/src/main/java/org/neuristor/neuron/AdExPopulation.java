package org.neuristor.neuron;

import java.util.ArrayList;
import java.util.List;

/**
 * Kernel of the adaptive exponential integrate-and-fire model (Brette and Gerstner, J.
 * Neurophysiol. 94, 3637 (2005); physics.md 2.4), units pF, nS, mV, ms, pA:
 *
 * <pre>
 *   C dV/dt     = -g_L (V - E_L) + g_L Delta_T exp((V - V_T)/Delta_T) - w + I
 *   tau_w dw/dt = a (V - E_L) - w;          V >= V_peak:  V = V_r, w = w + b
 * </pre>
 *
 * <ul>
 *   <li>{@link Method#RK2}: explicit midpoint rule, physics.md's reference method (its spike times
 *       11.79, 25.38, 41.20, 59.78 ms at 1 nA were computed with it at dt = 1 us).
 *   <li>{@link Method#EULER}: forward Euler from the old state (Brian2 {@code euler}).
 * </ul>
 *
 * Inside the right-hand side V is capped at V_peak (as NEST's aeif models do) and the exponential's
 * argument at 50 (physics.md 2.4, 6): in the step that crosses V_peak the midpoint trial value can
 * be 10^6 mV, and without the cap it would kick w by up to ~100 pA through {@code a (V - E_L)},
 * making late spike times depend on where the crossing step happened to land (we saw 37 instead of
 * physics.md's 39 spikes at 1.5 nA). The spike is stamped at the end of the step in which V reaches
 * V_peak.
 */
final class AdExPopulation extends Population {
  private static final double EXP_CLAMP = 50;
  private static final int BLOCK = 1024;
  private final double c;
  private final double gl;
  private final double el;
  private final double vt;
  private final double dT;
  private final double tauW;
  private final double a;
  private final double b;
  private final double vr;
  private final double vPeak;
  private final double invC;
  private final double invDt;
  private final double invTauW;
  private final double glDt;
  public final double[] w;
  /** Midpoint values of the RK2 step (scratch, allocated once). */
  private final double[] vm;
  private final double[] wm;

  AdExPopulation(NeuronModel p, int n, double dtMs, Method method, Noise noise, long seed) {
    super(p, n, dtMs, method, noise, seed);
    c = p.get("c");
    gl = p.get("g_l");
    el = p.get("e_l");
    vt = p.get("v_t");
    dT = p.get("delta_t");
    tauW = p.get("tau_w");
    a = p.get("a");
    b = p.get("b");
    vr = p.get("v_r");
    vPeak = p.get("v_peak");
    invC = 1 / c;
    invDt = 1 / dT;
    invTauW = 1 / tauW;
    glDt = gl * dT;
    w = new double[n];
    vm = method == Method.RK2 ? new double[Math.min(n, BLOCK)] : null;
    wm = method == Method.RK2 ? new double[Math.min(n, BLOCK)] : null;
    java.util.Arrays.fill(v, el);
  }

  private double dv(double vv, double ww, double in) {
    double x = vv < vPeak ? vv : vPeak;
    double arg = (x - vt) * invDt;
    return (-gl * (x - el) + glDt * FastExp.exp(arg < EXP_CLAMP ? arg : EXP_CLAMP) - ww + in) * invC;
  }

  private double dw(double vv, double ww) {
    return (a * ((vv < vPeak ? vv : vPeak) - el) - ww) * invTauW;
  }

  @Override
  protected void advance(double t0) {
    final double dt = dtMs;
    final double hdt = 0.5 * dt;
    final double[] vv = v;
    final double[] ww = w;
    if (method == Method.RK2) {
      // two passes per block of neurons, so the exponentials of different neurons overlap in the
      // CPU while the midpoint values stay in L1
      for (int from = 0; from < n; from += BLOCK) {
        final int len = Math.min(BLOCK, n - from);
        for (int j = 0; j < len; j++) {
          int i = from + j;
          double in = drive(i);
          vm[j] = vv[i] + hdt * dv(vv[i], ww[i], in);
          wm[j] = ww[i] + hdt * dw(vv[i], ww[i]);
        }
        for (int j = 0; j < len; j++) {
          int i = from + j;
          double in = drive(i);
          double vNew = vv[i] + dt * dv(vm[j], wm[j], in);
          double wNew = ww[i] + dt * dw(vm[j], wm[j]);
          if (vNew >= vPeak) {
            emit(i, t0 + dt);
            vNew = vr;
            wNew += b;
          }
          vv[i] = vNew;
          ww[i] = wNew;
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        double in = drive(i);
        double vNew = vv[i] + dt * dv(vv[i], ww[i], in);
        double wNew = ww[i] + dt * dw(vv[i], ww[i]);
        if (vNew >= vPeak) {
          emit(i, t0 + dt);
          vNew = vr;
          wNew += b;
        }
        vv[i] = vNew;
        ww[i] = wNew;
      }
    }
  }

  @Override
  public List<StateVariable> stateVariables() {
    List<StateVariable> l = new ArrayList<>();
    l.add(new StateVariable("v", "V", 1e-3, v));
    l.add(new StateVariable("w", "A", 1e-12, w));
    addNoiseState(l);
    return l;
  }
}
