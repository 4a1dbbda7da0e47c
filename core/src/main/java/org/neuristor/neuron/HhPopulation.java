package org.neuristor.neuron;

import java.util.ArrayList;
import java.util.List;

/**
 * Kernel of the Hodgkin-Huxley membrane ({@link HodgkinHuxley}, physics.md 2.3); state V, m, h, n
 * per neuron; a spike is an upward crossing of {@code v_spike} (default 0 mV), its time linearly
 * interpolated inside the step.
 *
 * <ul>
 *   <li>{@link Method#RK4}: classical Runge-Kutta on all four variables (physics.md: 0.008 ms from
 *       NEURON's CVODE at dt = 10 us).
 *   <li>{@link Method#EXP_EULER}: exponential Euler (Rush-Larsen): with V frozen each gate obeys a
 *       linear ODE and is advanced exactly, {@code x <- x_inf + (x - x_inf) e^{-dt phi (alpha +
 *       beta)}}; with the gates frozen V relaxes exactly toward the conductance-weighted reversal
 *       {@code (I + sum g E)/sum g} with time constant {@code C/sum g}. All from the old state
 *       (Brian2's {@code exponential_euler}); unconditionally bounded gates, first order (physics.md:
 *       0.06 ms from NEURON at 1 us).
 * </ul>
 */
final class HhPopulation extends Population {
  private final double c;
  private final double gna;
  private final double gk;
  private final double gl;
  private final double ena;
  private final double ek;
  private final double el;
  private final double phi;
  private final double vSpike;
  public final double[] m;
  public final double[] h;
  public final double[] nn;

  HhPopulation(NeuronModel p, int n, double dtMs, Method method, Noise noise, long seed) {
    super(p, n, dtMs, method, noise, seed);
    c = p.get("c");
    gna = p.get("g_na");
    gk = p.get("g_k");
    gl = p.get("g_l");
    ena = p.get("e_na");
    ek = p.get("e_k");
    el = p.get("e_l");
    phi = Math.pow(3, (p.get("celsius") - 6.3) / 10);
    vSpike = p.get("v_spike");
    m = new double[n];
    h = new double[n];
    nn = new double[n];
    double rest = HodgkinHuxley.restingPotential(p);
    java.util.Arrays.fill(v, rest);
    java.util.Arrays.fill(m, HodgkinHuxley.mInf(rest));
    java.util.Arrays.fill(h, HodgkinHuxley.hInf(rest));
    java.util.Arrays.fill(nn, HodgkinHuxley.nInf(rest));
  }

  @Override
  protected void advance(double t0) {
    if (method == Method.RK4) {
      advanceRk4(t0);
    } else {
      advanceExpEuler(t0);
    }
  }

  private double dv(double vv, double mm, double hh, double n4, double in) {
    return (in - gna * mm * mm * mm * hh * (vv - ena) - gk * n4 * (vv - ek) - gl * (vv - el)) / c;
  }

  private void advanceRk4(double t0) {
    final double dt = dtMs;
    final double hdt = 0.5 * dt;
    for (int i = 0; i < n; i++) {
      final double in = drive(i);
      final double v0 = v[i];
      final double m0 = m[i];
      final double h0 = h[i];
      final double n0 = nn[i];
      // stage 1
      double k1v = dv(v0, m0, h0, n0 * n0 * n0 * n0, in);
      double k1m = dm(v0, m0);
      double k1h = dh(v0, h0);
      double k1n = dn(v0, n0);
      double v1 = v0 + hdt * k1v;
      double m1 = m0 + hdt * k1m;
      double h1 = h0 + hdt * k1h;
      double n1 = n0 + hdt * k1n;
      double k2v = dv(v1, m1, h1, n1 * n1 * n1 * n1, in);
      double k2m = dm(v1, m1);
      double k2h = dh(v1, h1);
      double k2n = dn(v1, n1);
      double v2 = v0 + hdt * k2v;
      double m2 = m0 + hdt * k2m;
      double h2 = h0 + hdt * k2h;
      double n2 = n0 + hdt * k2n;
      double k3v = dv(v2, m2, h2, n2 * n2 * n2 * n2, in);
      double k3m = dm(v2, m2);
      double k3h = dh(v2, h2);
      double k3n = dn(v2, n2);
      double v3 = v0 + dt * k3v;
      double m3 = m0 + dt * k3m;
      double h3 = h0 + dt * k3h;
      double n3 = n0 + dt * k3n;
      double k4v = dv(v3, m3, h3, n3 * n3 * n3 * n3, in);
      double k4m = dm(v3, m3);
      double k4h = dh(v3, h3);
      double k4n = dn(v3, n3);
      double vNew = v0 + dt / 6 * (k1v + 2 * k2v + 2 * k3v + k4v);
      m[i] = m0 + dt / 6 * (k1m + 2 * k2m + 2 * k3m + k4m);
      h[i] = h0 + dt / 6 * (k1h + 2 * k2h + 2 * k3h + k4h);
      nn[i] = n0 + dt / 6 * (k1n + 2 * k2n + 2 * k3n + k4n);
      v[i] = vNew;
      if (v0 < vSpike && vNew >= vSpike) {
        emit(i, t0 + dt * (vSpike - v0) / (vNew - v0));
      }
    }
  }

  private double dm(double vv, double x) {
    return phi * (HodgkinHuxley.am(vv) * (1 - x) - HodgkinHuxley.bm(vv) * x);
  }

  private double dh(double vv, double x) {
    return phi * (HodgkinHuxley.ah(vv) * (1 - x) - HodgkinHuxley.bh(vv) * x);
  }

  private double dn(double vv, double x) {
    return phi * (HodgkinHuxley.an(vv) * (1 - x) - HodgkinHuxley.bn(vv) * x);
  }

  private void advanceExpEuler(double t0) {
    final double dt = dtMs;
    final double pdt = phi * dt;
    for (int i = 0; i < n; i++) {
      final double in = drive(i);
      final double v0 = v[i];
      final double m0 = m[i];
      final double h0 = h[i];
      final double n0 = nn[i];
      double am = HodgkinHuxley.am(v0);
      double bm = HodgkinHuxley.bm(v0);
      double ah = HodgkinHuxley.ah(v0);
      double bh = HodgkinHuxley.bh(v0);
      double an = HodgkinHuxley.an(v0);
      double bn = HodgkinHuxley.bn(v0);
      double sm = am + bm;
      double sh = ah + bh;
      double sn = an + bn;
      double mi = am / sm;
      double hi = ah / sh;
      double ni = an / sn;
      double gNa = gna * m0 * m0 * m0 * h0;
      double n2 = n0 * n0;
      double gK = gk * n2 * n2;
      double g = gNa + gK + gl;
      double vinf = (in + gNa * ena + gK * ek + gl * el) / g;
      double vNew = vinf + (v0 - vinf) * FastExp.exp(-dt * g / c);
      m[i] = mi + (m0 - mi) * FastExp.exp(-pdt * sm);
      h[i] = hi + (h0 - hi) * FastExp.exp(-pdt * sh);
      nn[i] = ni + (n0 - ni) * FastExp.exp(-pdt * sn);
      v[i] = vNew;
      if (v0 < vSpike && vNew >= vSpike) {
        emit(i, t0 + dt * (vSpike - v0) / (vNew - v0));
      }
    }
  }

  @Override
  public List<StateVariable> stateVariables() {
    List<StateVariable> l = new ArrayList<>();
    l.add(new StateVariable("v", "V", 1e-3, v));
    l.add(new StateVariable("m", "1", 1, m));
    l.add(new StateVariable("h", "1", 1, h));
    l.add(new StateVariable("n", "1", 1, nn));
    addNoiseState(l);
    return l;
  }
}
