package org.neuristor.neuron;

import java.util.ArrayList;
import java.util.List;

/**
 * Kernel of Izhikevich's simple model (IEEE TNN 14, 1569 (2003); 15, 1063 (2004); physics.md 2.5)
 * in its generalized form (v in mV, t in ms, I dimensionless):
 *
 * <pre>
 *   dv/dt = k2 v^2 + k1 v + k0 - u + I
 *   du/dt = a (b (v - v_u) - u_leak u);        v > v_peak:  v = c,  u = u + d
 * </pre>
 *
 * The standard model is k2 = 0.04, k1 = 5, k0 = 140, v_u = 0, u_leak = 1; the author's patterns
 * G and L use k1 = 4.1, k0 = 108 and pattern R uses {@code du/dt = a b (v + 65)} (v_u = -65,
 * u_leak = 0).
 *
 * <ul>
 *   <li>{@link Method#AUTHOR_EULER}: exactly figure1.m's loop: {@code v <- v + dt f(v, u)}, then
 *       {@code u <- u + dt g(v_new, u)}, then the reset test {@code v > v_peak}; the spike is stamped
 *       with the step's start time {@code t_i = i dt}. Reproduces physics.md Table 2.5-B.
 *   <li>{@link Method#EULER}: forward Euler with both derivatives from the old state, reset after the
 *       update, spike stamped at the step's start (Brian2's {@code euler} with {@code threshold='v >
 *       v_peak'}).
 * </ul>
 */
final class IzhikevichPopulation extends Population {
  private final double a;
  private final double b;
  private final double c;
  private final double d;
  private final double k2;
  private final double k1;
  private final double k0;
  private final double vPeak;
  private final double vu;
  private final double uLeak;
  public final double[] u;

  IzhikevichPopulation(NeuronModel p, int n, double dtMs, Method method, Noise noise, long seed) {
    super(p, n, dtMs, method, noise, seed);
    a = p.get("a");
    b = p.get("b");
    c = p.get("c");
    d = p.get("d");
    k2 = p.get("k2");
    k1 = p.get("k1");
    k0 = p.get("k0");
    vPeak = p.get("v_peak");
    vu = p.get("v_u");
    uLeak = p.get("u_leak");
    u = new double[n];
    double v0 = p.get("v0");
    double u0 = Double.isNaN(p.get("u0")) ? b * v0 : p.get("u0");
    java.util.Arrays.fill(v, v0);
    java.util.Arrays.fill(u, u0);
  }

  @Override
  protected void advance(double t0) {
    final double dt = dtMs;
    final boolean author = method == Method.AUTHOR_EULER;
    for (int i = 0; i < n; i++) {
      final double in = drive(i);
      double vi = v[i];
      double ui = u[i];
      double vNew = vi + dt * (k2 * (vi * vi) + k1 * vi + k0 - ui + in);
      double vForU = author ? vNew : vi;
      ui = ui + dt * a * (b * (vForU - vu) - uLeak * ui);
      if (vNew > vPeak) {
        emit(i, t0);
        vNew = c;
        ui += d;
      }
      v[i] = vNew;
      u[i] = ui;
    }
  }

  @Override
  public List<StateVariable> stateVariables() {
    List<StateVariable> l = new ArrayList<>();
    l.add(new StateVariable("v", "V", 1e-3, v));
    l.add(new StateVariable("u", "1", 1, u));
    addNoiseState(l);
    return l;
  }
}
