package org.neuristor.neuron;

/**
 * Rate functions and resting state of the Hodgkin-Huxley squid-axon membrane (1952), modern
 * convention (physics.md 2.3), in mV, ms, uA/cm^2, mS/cm^2, uF/cm^2:
 *
 * <pre>
 *   C dV/dt = I - gNa m^3 h (V - E_Na) - gK n^4 (V - E_K) - gL (V - E_L)
 *   dx/dt   = phi (alpha_x(V) (1 - x) - beta_x(V) x),   x in {m, h, n},  phi = 3^((T - 6.3)/10)
 *   alpha_m = 0.1 vtrap(V + 40, 10)       beta_m = 4 exp(-(V + 65)/18)
 *   alpha_h = 0.07 exp(-(V + 65)/20)      beta_h = 1/(1 + exp(-(V + 35)/10))
 *   alpha_n = 0.01 vtrap(V + 55, 10)      beta_n = 0.125 exp(-(V + 65)/80)
 * </pre>
 *
 * <p>{@link #vtrap} removes the 0/0 singularities (alpha_m(-40) = 1, alpha_n(-55) = 0.1) with a
 * series below |x/y| = 1e-6. The population kernel is {@link HhPopulation}; the defaults of
 * {@link ModelKind#HH} are C = 1, gNa 120, gK 36, gL 0.3, E_Na 50, E_K -77, E_L -54.387.
 * Reference: A. L. Hodgkin, A. F. Huxley, J. Physiol. 117, 500 (1952).
 */
public final class HodgkinHuxley {
  private HodgkinHuxley() {}

  /**
   * {@code x / (1 - exp(-x/y))}, removable singularity at x = 0 (limit y). For {@code |r| < 0.01},
   * {@code r = x/y}, the series {@code y (1 + r/2 + r^2/12 - r^4/720 + r^6/30240 - r^8/1209600)}
   * (next term below 1e-21 relative; physics.md's three-term series for |r| &lt; 1e-6 is its
   * start); beyond, the direct formula, whose cancellation error 1e-16/|r| is then below 1e-14.
   * The wider window keeps the derivative accurate as well as the value.
   */
  public static double vtrap(double x, double y) {
    double r = x / y;
    if (Math.abs(r) < 1e-2) {
      double r2 = r * r;
      return y * (1 + r / 2 + r2 * (1.0 / 12 + r2 * (-1.0 / 720 + r2 * (1.0 / 30240 - r2 * (1.0 / 1209600)))));
    }
    return x / (1 - FastExp.exp(-r));
  }

  public static double am(double v) {
    return 0.1 * vtrap(v + 40, 10);
  }

  public static double bm(double v) {
    return 4 * FastExp.exp(-(v + 65) / 18);
  }

  public static double ah(double v) {
    return 0.07 * FastExp.exp(-(v + 65) / 20);
  }

  public static double bh(double v) {
    return 1 / (1 + FastExp.exp(-(v + 35) / 10));
  }

  public static double an(double v) {
    return 0.01 * vtrap(v + 55, 10);
  }

  public static double bn(double v) {
    return 0.125 * FastExp.exp(-(v + 65) / 80);
  }

  public static double mInf(double v) {
    return am(v) / (am(v) + bm(v));
  }

  public static double hInf(double v) {
    return ah(v) / (ah(v) + bh(v));
  }

  public static double nInf(double v) {
    return an(v) / (an(v) + bn(v));
  }

  /** Steady-state membrane current at V with the gates at their steady states (uA/cm^2). */
  public static double steadyCurrent(NeuronModel p, double v) {
    double m = mInf(v);
    double h = hInf(v);
    double n = nInf(v);
    return p.get("g_na") * m * m * m * h * (v - p.get("e_na")) + p.get("g_k") * n * n * n * n * (v - p.get("e_k"))
        + p.get("g_l") * (v - p.get("e_l"));
  }

  /**
   * Resting potential (mV): the root of the steady-state current between -100 and -40 mV found by
   * bisection (the steady states do not depend on temperature).
   */
  public static double restingPotential(NeuronModel p) {
    double lo = -100;
    double hi = -40;
    for (int k = 0; k < 200 && hi - lo > 1e-13; k++) {
      double mid = 0.5 * (lo + hi);
      if (steadyCurrent(p, mid) < 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  /** Resting potential of the default parameter set (physics.md: -64.996 mV). */
  public static double restingPotential() {
    return restingPotential(NeuronModel.of(ModelKind.HH));
  }
}
