package org.neuristor.device;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.neuristor.ModelParameterException;
import org.neuristor.ParameterSpec;
import org.neuristor.circuit.Load;

/**
 * Generic volatile threshold switch "TS-A" (Schmitt-gated smooth model, physics.md 3.1): a
 * conductance gated by a filament/phase fraction x in [0, 1] that is an unknown of the circuit.
 *
 * <pre>
 *   i       = G_off v + x (G_on - G_off) v                       (ohmic ON state, hold = 0)
 *   i       = G_off v + x G_on h(|v|) sign(v),  h = s[sp((|v|-V_on)/s) - sp(-V_on/s)]   (hold = 1)
 *   x_inf   = S((|v| - V_th + (V_th - V_hold) x) / delta)       S = logistic, sp = softplus, s = delta
 *   tau     = tau_off + (tau_on(v) - tau_off) S((x_inf - x)/eps)
 *   dx/dt   = (x_inf - x) / tau
 *   tau_on(v) = tau_on exp(-(|v| - V_th)/v0)   if v0 > 0 (diffusive devices, 3.4b; exponent soft-capped at +-8)
 * </pre>
 *
 * The (V_th - V_hold) x term makes switching regenerative, so the device is bistable for
 * V_hold < |v| < V_th. Quasi-static apparent thresholds are V_th - delta(1 + ln(dV/delta)) and
 * V_hold + delta(1 + ln(dV/delta)). Sub-threshold conduction may add {@code i0 sinh(v/va)}
 * (Poole-Frenkel-like, used by the OTS model). Cycle-to-cycle variability: after every
 * With {@code observed = 1} the given V_th, V_hold are the apparent ones and the internal values
 * are moved outwards by that shift. After every
 * OFF-&gt;ON-&gt;OFF cycle (x above 0.9 then below 0.1, judged in {@link #accept}) V_th and V_hold are
 * redrawn as N(mean, (c2c mean)^2), and the on-time is multiplied by (1 - sdelay) + sdelay Exp(1)
 * (a stochastic switching delay, 3.4c).
 *
 * <p>Parameters: see {@link DeviceRegistry} type {@code ts} ({@code device describe ts}). Reference:
 * physics.md 3.1 (model designed for this project); Pickett &amp; Williams, Nanotechnology 23, 215202 (2012).
 */
public class ThresholdSwitch extends OneStateDevice {
  // ---------------------------------------------------------------- declaration (netlist type ts)

  private static final double BIG = 1e15;

  /**
   * The TS-A parameters every threshold-switch type shares (ts, diffusive, ots), with the given
   * defaults replacing the generic ones.
   */
  static List<ParameterSpec> specs(Map<String, Double> defaults) {
    List<ParameterSpec> l = List.of(
        ParameterSpec.voltage("vth", 1.0, 1e-3, 100, "threshold voltage OFF->ON"),
        ParameterSpec.voltage("vhold", 0.6, 0, 100, "hold voltage ON->OFF (< vth)"),
        ParameterSpec.resistance("ron", 1e3, 1e-3, BIG, "ON resistance"),
        ParameterSpec.resistance("roff", 1e6, 1e-3, BIG, "OFF resistance"),
        new ParameterSpec("tauon", "s", 10e-9, 1e-15, 10, "switching-on time constant", ParameterSpec.Spread.NORMAL),
        new ParameterSpec("tauoff", "s", 100e-9, 1e-15, 10, "relaxation time constant", ParameterSpec.Spread.NORMAL),
        ParameterSpec.of("delta", "V", 2e-3, 1e-5, 1, "gate smoothing width"),
        ParameterSpec.of("eps", "-", 0.02, 1e-4, 0.5, "tau blend width"),
        ParameterSpec.of("observed", "-", 0, 0, 1, "1: vth/vhold are quasi-static apparent values (fold shift corrected)"),
        ParameterSpec.of("hold", "-", 0, 0, 1, "1: holding-voltage ON branch i = x (|v|-von)+/ron"),
        ParameterSpec.of("von", "V", 0.5, 0, 100, "ON-state holding voltage (hold = 1)"),
        ParameterSpec.of("v0", "V", 0, 0, 10, "voltage scale of tau_on(v) (0 = constant)"),
        ParameterSpec.of("i0", "A", 0, 0, 1, "sub-threshold sinh current prefactor"),
        ParameterSpec.of("va", "V", 0.3, 1e-3, 100, "sub-threshold sinh voltage scale"),
        ParameterSpec.of("cp", "F", 0, 0, 1, "parallel device capacitance"),
        ParameterSpec.of("x0", "-", 0, 0, 1, "initial state"),
        ParameterSpec.of("c2c", "-", 0, 0, 0.5, "cycle-to-cycle relative sigma of vth, vhold"),
        ParameterSpec.of("sdelay", "-", 0, 0, 1, "stochastic fraction of the on-delay (Exp)"));
    List<ParameterSpec> out = new java.util.ArrayList<>();
    for (ParameterSpec p : l) {
      Double d = defaults.get(p.name());
      out.add(d == null ? p : p.withDefault(d));
    }
    return ModelType.withVariability(out);
  }

  /** A TS-A parameter set: thresholds, resistances, switching times, smoothing width. */
  static Map<String, Double> set(double vth, double vhold, double ron, double roff, double ton, double toff,
      double delta) {
    Map<String, Double> m = new java.util.LinkedHashMap<>();
    m.put("vth", vth);
    m.put("vhold", vhold);
    m.put("ron", ron);
    m.put("roff", roff);
    m.put("tauon", ton);
    m.put("tauoff", toff);
    m.put("delta", delta);
    return m;
  }

  /** {@code base} with name/value pairs added (an immutable copy). */
  static Map<String, Double> with(Map<String, Double> base, Object... kv) {
    Map<String, Double> m = new java.util.LinkedHashMap<>(base);
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
    }
    return Map.copyOf(m);
  }

  /** vhold below vth, with room for the smoothing width on both sides. */
  static final java.util.function.Consumer<Map<String, Double>> CHECK = v -> {
    if (v.get("vhold") >= v.get("vth")) {
      throw new ModelParameterException("vhold", "vhold = " + v.get("vhold") + " V must be below vth = "
          + v.get("vth") + " V (allowed range [0, vth))");
    }
    if (v.get("vth") - v.get("vhold") < 2 * v.get("delta")) {
      throw new ModelParameterException("delta", "delta = " + v.get("delta") + " V must be at most (vth - vhold)/2 = "
          + (v.get("vth") - v.get("vhold")) / 2 + " V");
    }
  };

  /**
   * Corpus draws of a TS-A type: V_th 0.3-3 V, V_hold 10-80% of it, R_on 100 Ohm-10 kOhm, R_off
   * 10^2-10^6 R_on, tau_on 1 ns-1 us, tau_off 2-100 tau_on, delta 1-5 mV, c2c up to 5%; for
   * {@code diffusive} V_0 and sdelay, for {@code ots} the sinh leakage and V_on; V_in 0.5-4 V_th
   * through 1k-1M onto 1 pF-10 nF for 20 RC or 50 tau_off (at most 10 ms).
   */
  static ModelType.Corpus corpus(String type) {
    return r -> {
      Map<String, Double> p = new java.util.LinkedHashMap<>();
      double vth = ModelType.u(r, 0.3, 3);
      p.put("vth", vth);
      p.put("vhold", vth * ModelType.u(r, 0.1, 0.8));
      double ron = ModelType.logU(r, 100, 1e4);
      p.put("ron", ron);
      p.put("roff", ron * ModelType.logU(r, 1e2, 1e6));
      double ton = ModelType.logU(r, 1e-9, 1e-6);
      p.put("tauon", ton);
      p.put("tauoff", ton * ModelType.logU(r, 2, 100));
      p.put("delta", ModelType.u(r, 1e-3, 5e-3));
      p.put("c2c", ModelType.u(r, 0, 0.05));
      if (type.equals("diffusive")) {
        p.put("v0", ModelType.u(r, 0.03, 0.1));
        p.put("sdelay", r.nextDouble());
      }
      if (type.equals("ots")) {
        p.put("i0", ModelType.logU(r, 1e-12, 1e-8));
        p.put("va", ModelType.u(r, 0.2, 0.5));
        p.put("von", p.get("vhold") * ModelType.u(r, 0.3, 0.9));
      }
      double vin = vth * ModelType.u(r, 0.5, 4);
      double rin = ModelType.logU(r, 1e3, 1e6);
      double cap = ModelType.logU(r, 1e-12, 1e-8);
      double tstop = Math.min(Math.max(20 * rin * cap, 50 * p.get("tauoff")), 1e-2);
      return new ModelType.CorpusDraw(Map.copyOf(p), vin, rin, cap, tstop);
    };
  }

  /**
   * The generic volatile threshold switch: presets are physics.md table 3.1's values used as observed
   * (quasi-static) thresholds; {@code pickett} is the internal set physics.md 4.2 computed with.
   */
  public static final ModelType TYPE = ModelType.of("ts",
      "generic volatile threshold switch TS-A (Schmitt-gated, smooth)",
      "physics.md 3.1 [D]; Pickett & Williams, Nanotechnology 23, 215202 (2012)", specs(Map.of()),
      presets(new Object[][] {
          {"nbox", with(set(1.0, 0.6, 1e3, 1e6, 10e-9, 100e-9, 2e-3), "observed", 1)},
          {"vo2", with(set(1.5, 0.9, 1e3, 50e3, 10e-9, 100e-9, 2e-3), "observed", 1)},
          {"ag", with(set(0.4, 0.1, 5e3, 1e9, 1e-6, 100e-6, 1e-3), "observed", 1)},
          {"ots", with(set(2.0, 0.8, 1e3, 100e6, 5e-9, 50e-9, 5e-3), "observed", 1)},
          {"pickett", Map.copyOf(set(1.15, 0.5, 10e3, 10e6, 5e-9, 20e-9, 2e-3))},
          {"yi", with(set(1.5, 0.9, 1e3, 50e3, 10e-9, 100e-9, 2e-3), "observed", 1)}}),
      CHECK, ThresholdSwitch::new).withProbe(Map.of("preset", "nbox"), 2.0).withCorpus(corpus("ts"));

  /** Named presets in declaration order. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Double>> presets(Object[][] named) {
    Map<String, Map<String, Double>> m = new java.util.LinkedHashMap<>();
    for (Object[] e : named) {
      m.put((String) e[0], (Map<String, Double>) e[1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  private final double baseVth;
  private final double baseVhold;
  private final double gOn;
  private final double gOff;
  private final double tauOn;
  private final double tauOff;
  private final double delta;
  private final double eps;
  private final boolean holdForm;
  private final double vOn;
  private final double v0;
  private final double i0;
  private final double va;
  private final double cp;
  private final double x0;
  private final double c2c;
  private final double sdelay;
  private final long seed;
  private SplittableRandom rng;
  private double vth;
  private double vhold;
  private double delayFactor = 1.0;
  private boolean wasOn;
  private int cycles;
  private final double[] work = new double[3];

  /** Builds the switch from a resolved parameter set (names as declared for type {@code ts}). */
  public ThresholdSwitch(String name, List<String> nodes, Map<String, Double> p, long seed) {
    super(name, nodes.get(0), nodes.get(1), "x", 1e-6);
    double th = p.get("vth");
    double ho = p.get("vhold");
    this.delta = p.get("delta");
    if (p.getOrDefault("observed", 0.0) >= 0.5) {
      // vth/vhold are the thresholds seen in a quasi-static sweep: move the internal ones outwards by
      // the fold shift delta(1 + ln(dV/delta)), which itself depends on the internal dV (fixed point)
      double dv = th - ho;
      for (int k = 0; k < 4; k++) {
        dv = (th - ho) + 2 * foldShift(dv, delta);
      }
      double shift = foldShift(dv, delta);
      th += shift;
      ho -= shift;
    }
    this.baseVth = th;
    this.baseVhold = ho;
    this.gOn = 1 / p.get("ron");
    this.gOff = 1 / p.get("roff");
    this.tauOn = p.get("tauon");
    this.tauOff = p.get("tauoff");
    this.eps = p.get("eps");
    this.holdForm = p.get("hold") >= 0.5;
    this.vOn = p.get("von");
    this.v0 = p.get("v0");
    this.i0 = p.getOrDefault("i0", 0.0);
    this.va = p.getOrDefault("va", 1.0);
    this.cp = p.get("cp");
    this.x0 = p.get("x0");
    this.c2c = p.get("c2c");
    this.sdelay = p.get("sdelay");
    this.seed = seed;
    reset();
  }

  /** Shift of the apparent quasi-static thresholds from the internal ones: delta (1 + ln(dV/delta)). */
  public static double foldShift(double deltaVolts, double smoothingVolts) {
    return smoothingVolts * (1 + Math.log(deltaVolts / smoothingVolts));
  }

  @Override
  public void reset() {
    rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    vth = baseVth;
    vhold = baseVhold;
    delayFactor = sdelay > 0 ? drawDelay() : 1.0;
    wasOn = false;
    cycles = 0;
  }

  @Override
  public void initialGuess(double[] x) {
    x[s] = x0;
  }

  /** Device current and its partial derivatives {i, di/dv, di/dx}. */
  final void current(double v, double x, double[] out) {
    double sg = v >= 0 ? 1 : -1;
    double a = Math.abs(v);
    double i = gOff * v;
    double di = gOff;
    double dix;
    if (i0 > 0) {
      i += i0 * Smooth.sinh(v / va, 40);
      di += i0 * Smooth.cosh(v / va, 40) / va;
    }
    if (holdForm) {
      double h = delta * (Smooth.softplus((a - vOn) / delta) - Smooth.softplus(-vOn / delta));
      i += x * gOn * h * sg;
      di += x * gOn * Smooth.sig((a - vOn) / delta);
      dix = gOn * h * sg;
    } else {
      i += x * (gOn - gOff) * v;
      di += x * (gOn - gOff);
      dix = (gOn - gOff) * v;
    }
    out[0] = i;
    out[1] = di;
    out[2] = dix;
  }

  /** The state's target x_inf = S((|v| - V_th + (V_th - V_hold) x) / delta) at |v| = a. */
  private double target(double a, double x) {
    return Smooth.sig((a - vth + (vth - vhold) * x) / delta);
  }

  /** State rate g = dx/dt and derivatives {g, dg/dx, dg/dv}. */
  final void rate(double v, double x, double[] out) {
    double sg = v >= 0 ? 1 : -1;
    double a = Math.abs(v);
    double dv = vth - vhold;
    double sz = target(a, x);
    double ds = sz * (1 - sz);
    double dxiDx = ds * dv / delta;
    double dxiDv = ds * sg / delta;
    double u = sz - x;
    double ton = tauOn * delayFactor;
    double dtonDv = 0;
    if (v0 > 0) {
      double arg = -(a - vth) / v0;
      // acceleration/slow-down soft-capped at e^{+-8}: beyond that the model would ask for sub-attosecond or
      // hour-long on-times, which is no longer physics and only stiffens the circuit
      double th = Math.tanh(arg / 8);
      double m = Math.exp(8 * th);
      ton *= m;
      dtonDv = ton * (1 - th * th) * (-sg / v0);
    }
    double sb = Smooth.sig(u / eps);
    double tau = tauOff + (ton - tauOff) * sb;
    double g = u / tau;
    double dgDu = 1 / tau - u * (ton - tauOff) * sb * (1 - sb) / eps / (tau * tau);
    double dgDton = -u * sb / (tau * tau);
    out[0] = g;
    out[1] = dgDu * (dxiDx - 1);
    out[2] = dgDu * dxiDv + dgDton * dtonDv;
  }

  @Override
  public void load(Load l) {
    double v = voltage(l);
    double x = l.v(s);
    double[] c = work;
    current(v, x, c);
    stampCurrent(l, c[0], c[1]);
    l.g(hps, c[2]);
    l.g(hns, -c[2]);
    if (cp > 0) {
      stampCharge(l, cp * v, cp);
    }
    rate(v, x, c);
    l.q(s, x);
    l.c(hss, 1.0);
    l.f(s, -c[0]);
    l.g(hss, -c[1]);
    l.g(hsp, -c[2]);
    l.g(hsn, c[2]);
  }

  /**
   * Below this distance |x_inf - x| of the state from its target the state is not switching: it follows a
   * partially-on equilibrium (a series resistor holds it there) and moves with the circuit, not on its own time
   * constants, so {@link #maxStep} leaves the step to the truncation-error control.
   */
  static final double SETTLED = 1e-3;

  /**
   * While the device is mid-transition (0.01 &lt; x &lt; 0.99) and switching (|x_inf - x| at least SETTLED), the
   * step must resolve its time constant (physics.md 6): 0.2 min(tau_on, tau_off). A state that sits mid-way on a
   * stable partially-on branch (a series resistor turns the device off as it turns on, so it settles where the two
   * balance) is not bounded: there a 0.1 s ramp took 2 ns steps throughout and stopped as stagnating.
   */
  @Override
  public double maxStep(double t, double[] x) {
    double xs = x[s];
    if (!(xs > 0.01 && xs < 0.99) || Math.abs(target(Math.abs(voltage(x)), xs) - xs) < SETTLED) {
      return Double.POSITIVE_INFINITY;
    }
    return 0.2 * Math.min(tauOn * delayFactor, tauOff);
  }

  @Override
  public void accept(double[] x, double t) {
    double xs = x[s];
    if (xs > 0.9) {
      wasOn = true;
    } else if (wasOn && xs < 0.1) {
      wasOn = false;
      cycles++;
      if (c2c > 0) {
        double th = baseVth * (1 + c2c * gauss());
        double ho = baseVhold * (1 + c2c * gauss());
        vth = Math.max(th, 1e-6);
        vhold = Math.min(Math.max(ho, 0), vth - 2 * delta);
      }
      if (sdelay > 0) {
        delayFactor = drawDelay();
      }
    }
  }

  private double gauss() {
    // Box-Muller from the device's own stream (bit-reproducible)
    double u1 = 1 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private double drawDelay() {
    return (1 - sdelay) + sdelay * -Math.log(1 - rng.nextDouble());
  }

  @Override
  public double power(double[] x, double t) {
    double v = voltage(x);
    double[] c = new double[3]; // not a hot path: power is sampled per accepted point
    current(v, x[s], c);
    return v * c[0];
  }

  /** Completed OFF-&gt;ON-&gt;OFF cycles since the last reset. */
  public int cycles() {
    return cycles;
  }

  /** Threshold currently in force (V), redrawn per cycle when c2c &gt; 0. */
  public double thresholdVolts() {
    return vth;
  }

  /** Hold voltage currently in force (V). */
  public double holdVolts() {
    return vhold;
  }

  /**
   * The gate's parameters as used by the compact (population) forms of library circuits.
   *
   * @param vth internal threshold (V), after the {@code observed} shift
   * @param vhold internal hold voltage (V)
   * @param v0 voltage scale of tau_on(v), 0 = constant
   * @param plain true when the device is the ohmic TS-A alone: no hold form, no sub-threshold sinh
   *     current, no parallel capacitance, no cycle-to-cycle variation and no stochastic delay
   */
  public record Gate(double vth, double vhold, double ron, double roff, double tauOn, double tauOff, double delta,
      double eps, double v0, double x0, boolean plain) {}

  /** This device's gate parameters (the base, undrawn thresholds). */
  public Gate gate() {
    return new Gate(baseVth, baseVhold, 1 / gOn, 1 / gOff, tauOn, tauOff, delta, eps, v0, x0,
        !holdForm && i0 == 0 && cp == 0 && c2c == 0 && sdelay == 0);
  }

  /** Index of the state unknown x. */
  public int stateIndex() {
    return s;
  }
}
