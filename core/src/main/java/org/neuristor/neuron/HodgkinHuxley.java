package org.neuristor.neuron;

/**
 * Hodgkin-Huxley squid-axon membrane (1952), modern convention (physics.md 2.3), in
 * mV, ms, uA/cm^2, mS/cm^2, uF/cm^2:
 *
 * <pre>
 *   C dV/dt = I - gNa m^3 h (V - E_Na) - gK n^4 (V - E_K) - gL (V - E_L)
 *   dx/dt   = alpha_x(V) (1 - x) - beta_x(V) x,   x in {m, h, n}
 * </pre>
 *
 * with C = 1, gNa 120, gK 36, gL 0.3, E_Na 50, E_K -77, E_L -54.387. The rate functions use
 * {@link #vtrap} for their removable singularities (alpha_m(-40) = 1, alpha_n(-55) = 0.1).
 * Integrated with classical RK4 (physics.md: 0.1 ms agreement with NEURON needs RK4 at 10 us).
 */
public final class HodgkinHuxley {
  public static final double C = 1.0;
  public static final double GNA = 120;
  public static final double GK = 36;
  public static final double GL = 0.3;
  public static final double ENA = 50;
  public static final double EK = -77;
  public static final double EL = -54.387;

  private HodgkinHuxley() {}

  /** x / (1 - exp(-x/y)) with its series near x = 0 (exact limit y). */
  public static double vtrap(double x, double y) {
    double r = x / y;
    if (Math.abs(r) < 1e-6) {
      return y * (1 + r / 2 + r * r / 12);
    }
    return x / (1 - Math.exp(-r));
  }

  public static double am(double v) {
    return 0.1 * vtrap(v + 40, 10);
  }

  public static double bm(double v) {
    return 4 * Math.exp(-(v + 65) / 18);
  }

  public static double ah(double v) {
    return 0.07 * Math.exp(-(v + 65) / 20);
  }

  public static double bh(double v) {
    return 1 / (1 + Math.exp(-(v + 35) / 10));
  }

  public static double an(double v) {
    return 0.01 * vtrap(v + 55, 10);
  }

  public static double bn(double v) {
    return 0.125 * Math.exp(-(v + 65) / 80);
  }

  /** Steady-state current at V with gates at their steady states (uA/cm^2). */
  public static double steadyCurrent(double v) {
    double m = am(v) / (am(v) + bm(v));
    double h = ah(v) / (ah(v) + bh(v));
    double n = an(v) / (an(v) + bn(v));
    return GNA * m * m * m * h * (v - ENA) + GK * n * n * n * n * (v - EK) + GL * (v - EL);
  }

  /** Resting potential: the root of the steady-state current near -65 mV. */
  public static double restingPotential() {
    double lo = -70;
    double hi = -60;
    for (int k = 0; k < 200; k++) {
      double mid = 0.5 * (lo + hi);
      if (steadyCurrent(mid) < 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  /** Derivatives of (V, m, h, n) at state s with input current i. */
  static void rhs(double[] s, double i, double[] d) {
    double v = s[0];
    double m = s[1];
    double h = s[2];
    double n = s[3];
    double ina = GNA * m * m * m * h * (v - ENA);
    double ik = GK * n * n * n * n * (v - EK);
    d[0] = (i - ina - ik - GL * (v - EL)) / C;
    d[1] = am(v) * (1 - m) - bm(v) * m;
    d[2] = ah(v) * (1 - h) - bh(v) * h;
    d[3] = an(v) * (1 - n) - bn(v) * n;
  }

  /**
   * Simulates a step current from rest; returns the spike times (upward 0 mV crossings,
   * interpolated) in ms.
   *
   * @param iUa current density (uA/cm^2) switched on at t = 0
   */
  public static double[] spikeTimes(double iUa, double durationMs, double dtMs) {
    double v0 = restingPotential();
    double[] s = {v0, am(v0) / (am(v0) + bm(v0)), ah(v0) / (ah(v0) + bh(v0)), an(v0) / (an(v0) + bn(v0))};
    double[] k1 = new double[4];
    double[] k2 = new double[4];
    double[] k3 = new double[4];
    double[] k4 = new double[4];
    double[] tmp = new double[4];
    java.util.List<Double> out = new java.util.ArrayList<>();
    long steps = Math.round(durationMs / dtMs);
    for (long k = 0; k < steps; k++) {
      double vOld = s[0];
      rhs(s, iUa, k1);
      for (int j = 0; j < 4; j++) {
        tmp[j] = s[j] + 0.5 * dtMs * k1[j];
      }
      rhs(tmp, iUa, k2);
      for (int j = 0; j < 4; j++) {
        tmp[j] = s[j] + 0.5 * dtMs * k2[j];
      }
      rhs(tmp, iUa, k3);
      for (int j = 0; j < 4; j++) {
        tmp[j] = s[j] + dtMs * k3[j];
      }
      rhs(tmp, iUa, k4);
      for (int j = 0; j < 4; j++) {
        s[j] += dtMs / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
      }
      if (vOld < 0 && s[0] >= 0) {
        out.add(k * dtMs + dtMs * (0 - vOld) / (s[0] - vOld));
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
