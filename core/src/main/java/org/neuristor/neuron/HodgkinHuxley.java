package org.neuristor.neuron;

import static org.neuristor.ParameterSpec.of;

import java.util.List;
import java.util.Map;

/**
 * The Hodgkin-Huxley squid-axon membrane (1952), modern convention (physics.md 2.3): its rate
 * functions, resting state, parameters and kernel, in mV, ms, uA/cm^2, mS/cm^2, uF/cm^2 (the kernel
 * converts to SI: V, s, A/m^2, S/m^2, F/m^2):
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
 * series below |x/y| = 1e-2. Defaults: C = 1, gNa 120, gK 36, gL 0.3, E_Na 50, E_K -77,
 * E_L -54.387 (rest -64.996 mV). A spike is an upward crossing of {@code v_spike} (default 0 mV),
 * its time linearly interpolated inside the step.
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
 *
 * Reference: A. L. Hodgkin, A. F. Huxley, J. Physiol. 117, 500 (1952).
 */
public final class HodgkinHuxley extends ModelDescriptor {

  HodgkinHuxley() {
    super("hh", "Hodgkin-Huxley squid-axon membrane (Na, K, leak), modern convention, rest -65 mV",
        "Hodgkin & Huxley, J. Physiol. 117, 500 (1952); physics.md 2.3", "uA/cm2", "A/m2", 1e-2,
        List.of(of("c", "uF/cm2", 1, 1e-6, 1e3, "membrane capacitance per area"),
            of("g_na", "mS/cm2", 120, 0, 1e5, "peak sodium conductance"),
            of("g_k", "mS/cm2", 36, 0, 1e5, "peak potassium conductance"),
            of("g_l", "mS/cm2", 0.3, 1e-9, 1e5, "leak conductance"),
            of("e_na", "mV", 50, -200, 200, "sodium reversal potential"),
            of("e_k", "mV", -77, -200, 200, "potassium reversal potential"),
            of("e_l", "mV", -54.387, -200, 200, "leak reversal (chosen so that rest = -64.996 mV)"),
            of("celsius", "degC", 6.3, -40, 60, "temperature; rates scale by 3^((T - 6.3)/10)"),
            of("v_spike", "mV", 0, -100, 100, "spike detection level (upward crossing)")),
        List.of(Method.RK4, Method.EXP_EULER), 0.01);
  }

  /**
   * RK4: 0.05 ms. The fastest membrane time constant during a spike, C/(g_Na m^3 h + g_K n^4 +
   * g_L), is about 0.025 ms; RK4's real stability interval is 2.78. Exponential Euler: 0.1 ms (each
   * update is an exact decay, but the frozen-V gate update becomes inaccurate enough beyond that to
   * miss spikes).
   */
  @Override
  public double maxDtMs(Method method, NeuronModel m) {
    return method == Method.RK4 ? 0.05 : 0.1;
  }

  @Override
  public double defaultStimulusAmplitude() {
    return 10;
  }

  @Override
  public double fiMaxInput() {
    return 150;
  }

  /** 2 s, as physics.md's onset window. */
  @Override
  public double fiDurationMs() {
    return 2000;
  }

  /** Spikes above ~60 uA/cm2 peak below 0 mV (physics.md 2.3): f-I counts them at -40 mV. */
  @Override
  public Map<String, Double> fiDefaults() {
    return Map.of("v_spike", -40.0);
  }

  @Override
  public String spikeLevelParameter() {
    return "v_spike";
  }

  @Override
  protected NeuronKernel kernel(NeuronModel m, int n, Method method, Noise noise) {
    return new Kernel(m, n, method, noise);
  }

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

  /** SI kernel: V, s, A/m^2, S/m^2, F/m^2; the rate functions take mV and return 1/ms. */
  static final class Kernel extends PointNeuronKernel {
    private final double c;
    private final double gna;
    private final double gk;
    private final double gl;
    private final double ena;
    private final double ek;
    private final double el;
    /** Temperature factor times 1e3 (rates in 1/s). */
    private final double phi;
    private final double vSpike;
    private final double rest;
    final double[] m;
    final double[] h;
    final double[] nn;

    Kernel(NeuronModel p, int n, Method method, Noise noise) {
      super(p, n, method, noise);
      c = p.get("c") * 1e-2;
      gna = p.get("g_na") * 10;
      gk = p.get("g_k") * 10;
      gl = p.get("g_l") * 10;
      ena = p.get("e_na") * 1e-3;
      ek = p.get("e_k") * 1e-3;
      el = p.get("e_l") * 1e-3;
      phi = Math.pow(3, (p.get("celsius") - 6.3) / 10) * 1e3;
      vSpike = p.get("v_spike") * 1e-3;
      rest = restingPotential(p);
      m = new double[n];
      h = new double[n];
      nn = new double[n];
    }

    @Override
    public double membraneCapacitance() {
      return c;
    }

    @Override
    protected void resetState() {
      java.util.Arrays.fill(v, rest * 1e-3);
      java.util.Arrays.fill(m, mInf(rest));
      java.util.Arrays.fill(h, hInf(rest));
      java.util.Arrays.fill(nn, nInf(rest));
    }

    @Override
    protected void addStates(List<StateVariable> out) {
      out.add(new StateVariable("m", "1", m));
      out.add(new StateVariable("h", "1", h));
      out.add(new StateVariable("n", "1", nn));
    }

    @Override
    protected void advance(int from, int to, double t0, double[] input, Spikes out) {
      if (method == Method.RK4) {
        advanceRk4(from, to, t0, input, out);
      } else {
        advanceExpEuler(from, to, t0, input, out);
      }
    }

    private double dv(double vv, double mm, double hh, double n4, double in) {
      return (in - gna * mm * mm * mm * hh * (vv - ena) - gk * n4 * (vv - ek) - gl * (vv - el)) / c;
    }

    private double dm(double vmv, double x) {
      return phi * (am(vmv) * (1 - x) - bm(vmv) * x);
    }

    private double dh(double vmv, double x) {
      return phi * (ah(vmv) * (1 - x) - bh(vmv) * x);
    }

    private double dn(double vmv, double x) {
      return phi * (an(vmv) * (1 - x) - bn(vmv) * x);
    }

    private void advanceRk4(int from, int to, double t0, double[] input, Spikes out) {
      final double step = dt;
      final double hdt = 0.5 * step;
      for (int i = from; i < to; i++) {
        final double in = drive(input, i);
        final double v0 = v[i];
        final double m0 = m[i];
        final double h0 = h[i];
        final double n0 = nn[i];
        double u0 = v0 * 1e3;
        double k1v = dv(v0, m0, h0, n0 * n0 * n0 * n0, in);
        double k1m = dm(u0, m0);
        double k1h = dh(u0, h0);
        double k1n = dn(u0, n0);
        double v1 = v0 + hdt * k1v;
        double m1 = m0 + hdt * k1m;
        double h1 = h0 + hdt * k1h;
        double n1 = n0 + hdt * k1n;
        double u1 = v1 * 1e3;
        double k2v = dv(v1, m1, h1, n1 * n1 * n1 * n1, in);
        double k2m = dm(u1, m1);
        double k2h = dh(u1, h1);
        double k2n = dn(u1, n1);
        double v2 = v0 + hdt * k2v;
        double m2 = m0 + hdt * k2m;
        double h2 = h0 + hdt * k2h;
        double n2 = n0 + hdt * k2n;
        double u2 = v2 * 1e3;
        double k3v = dv(v2, m2, h2, n2 * n2 * n2 * n2, in);
        double k3m = dm(u2, m2);
        double k3h = dh(u2, h2);
        double k3n = dn(u2, n2);
        double v3 = v0 + step * k3v;
        double m3 = m0 + step * k3m;
        double h3 = h0 + step * k3h;
        double n3 = n0 + step * k3n;
        double u3 = v3 * 1e3;
        double k4v = dv(v3, m3, h3, n3 * n3 * n3 * n3, in);
        double k4m = dm(u3, m3);
        double k4h = dh(u3, h3);
        double k4n = dn(u3, n3);
        double vNew = v0 + step / 6 * (k1v + 2 * k2v + 2 * k3v + k4v);
        m[i] = m0 + step / 6 * (k1m + 2 * k2m + 2 * k3m + k4m);
        h[i] = h0 + step / 6 * (k1h + 2 * k2h + 2 * k3h + k4h);
        nn[i] = n0 + step / 6 * (k1n + 2 * k2n + 2 * k3n + k4n);
        v[i] = vNew;
        if (v0 < vSpike && vNew >= vSpike) {
          out.add(i, t0 + step * (vSpike - v0) / (vNew - v0));
        }
      }
    }

    private void advanceExpEuler(int from, int to, double t0, double[] input, Spikes out) {
      final double step = dt;
      final double pdt = phi * step;
      for (int i = from; i < to; i++) {
        final double in = drive(input, i);
        final double v0 = v[i];
        final double m0 = m[i];
        final double h0 = h[i];
        final double n0 = nn[i];
        final double u0 = v0 * 1e3;
        double am = am(u0);
        double bm = bm(u0);
        double ah = ah(u0);
        double bh = bh(u0);
        double an = an(u0);
        double bn = bn(u0);
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
        double vNew = vinf + (v0 - vinf) * FastExp.exp(-step * g / c);
        m[i] = mi + (m0 - mi) * FastExp.exp(-pdt * sm);
        h[i] = hi + (h0 - hi) * FastExp.exp(-pdt * sh);
        nn[i] = ni + (n0 - ni) * FastExp.exp(-pdt * sn);
        v[i] = vNew;
        if (v0 < vSpike && vNew >= vSpike) {
          out.add(i, t0 + step * (vSpike - v0) / (vNew - v0));
        }
      }
    }
  }
}
