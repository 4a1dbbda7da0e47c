package org.neuristor.device;

import java.util.List;
import java.util.Map;
import org.neuristor.ParameterSpec;
import org.neuristor.circuit.Load;

/**
 * VO2 thermal memristor with hysteretic R(T) and minor loops (physics.md 3.3), temperature T as
 * a circuit unknown.
 *
 * <pre>
 *   C_th dT/dt = v^2/R(T) - S_th (T - T_0)
 *   R(T)       = R_0 exp(E_a/T) g(T) + R_m          (T smoothly clamped to [305, 370] K, E_a in K)
 *   g(T)       = 1/2 + 1/2 tanh(beta (delta w/2 + T_c - (T + rev T_pr P((T - T_r)/T_pr))))
 *   P(x)       = 1/2 (1 - sin(gamma x)) (1 + tanh(pi^2 - 2 pi x))
 * </pre>
 *
 * delta = +1 on heating, -1 on cooling. At a reversal of the sign of dT (changes larger than
 * 0.01 K), T_r, g_r = g(T_r) are stored, delta flips and T_pr = delta w/2 + T_c - atanh(2 g_r - 1)/beta - T_r,
 * which keeps g continuous. This history logic runs only in {@link #accept} (once per accepted
 * time point), never inside a Newton iteration; within an iteration R(T) is smooth.
 *
 * <p>Parameters (type {@code vo2}, preset {@code zhang2024} = defaults): w 7.19357064 K, tc 332.805839 K,
 * beta 0.252796285 1/K, r0 5.35882879e-3 Ohm, ea 5220.47417 K, gamma 0.956269682, rm 1286.3 Ohm,
 * cth 4.962776831e-11 J/K, sth 2.0558726e-4 W/K, t0 325 K.
 * Reference: Y.-H. Zhang et al., Nat. Commun. (2024) and E. Qiu et al., Adv. Mater. (2024), model from
 * the authors' code; R(T) hysteresis after de Almeida et al., Opt. Eng. (2002).
 */
public final class Vo2ThermalMemristor extends OneStateDevice {
  /** Declaration of the netlist type {@code vo2}. */
  public static final ModelType TYPE = ModelType.of("vo2", "VO2 thermal memristor with hysteretic R(T) and minor loops",
      "Y.-H. Zhang et al., Nat. Commun. (2024); E. Qiu et al., Adv. Mater. (2024) (authors' code); physics.md 3.3",
      ModelType.withVariability(List.of(
          ParameterSpec.of("w", "K", 7.19357064, 0.01, 100, "hysteresis loop width"),
          ParameterSpec.of("tc", "K", 332.805839, 200, 500, "loop centre temperature"),
          ParameterSpec.of("beta", "1/K", 0.252796285, 1e-3, 100, "transition steepness"),
          ParameterSpec.resistance("r0", 5.35882879e-3, 1e-12, 1e15, "Arrhenius prefactor"),
          ParameterSpec.of("ea", "K", 5220.47417, 0, 1e5, "activation temperature"),
          ParameterSpec.of("gamma", "-", 0.956269682, 0, 10, "minor-loop shape factor"),
          ParameterSpec.resistance("rm", 262.5 * 4.90025335, 1e-3, 1e15, "metallic resistance floor"),
          ParameterSpec.of("cth", "J/K", 49.62776831e-12, 1e-24, 1e-3, "thermal capacitance"),
          ParameterSpec.of("sth", "W/K", 0.20558726e-3, 1e-15, 1, "thermal conductance to the base"),
          ParameterSpec.of("t0", "K", 325, 200, 500, "base temperature"),
          ParameterSpec.of("tinit", "K", 0, 0, 500, "initial temperature (0 = t0)"))),
      Map.of("zhang2024", Map.of()), v -> {}, Vo2ThermalMemristor::new)
      .withProbe(Map.of("preset", "zhang2024"), 10, new double[] {320, 365})
      .withCorpus(r -> {
        // C_th 0.5-2x, S_th +-20% of the fit, base 300-330 K; V_in 5-20 V through 3-30 kOhm onto
        // 10-500 pF for 30 us
        Map<String, Double> p = new java.util.LinkedHashMap<>();
        p.put("cth", 49.62776831e-12 * ModelType.logU(r, 0.5, 2));
        p.put("sth", 0.20558726e-3 * ModelType.u(r, 0.8, 1.2));
        p.put("t0", ModelType.u(r, 300, 330));
        double vin = ModelType.u(r, 5, 20);
        double rin = ModelType.logU(r, 3e3, 30e3);
        double cap = ModelType.logU(r, 10e-12, 500e-12);
        return new ModelType.CorpusDraw(Map.copyOf(p), vin, rin, cap, 30e-6);
      });

  private final double w;
  private final double tc;
  private final double beta;
  private final double r0;
  private final double ea;
  private final double gamma;
  private final double rm;
  private final double cth;
  private final double sth;
  private final double tbase;
  private final double tinit;
  private double delta;
  private double rev;
  private double tr;
  private double gr;
  private double tpr;
  private double tlast;
  private final double[] work = new double[2];
  private final double[] dclamp = new double[1];
  private final double[] gwork = new double[2];

  public Vo2ThermalMemristor(String name, List<String> nodes, Map<String, Double> p, long seed) {
    super(name, nodes.get(0), nodes.get(1), "t", 1e-3);
    w = p.get("w");
    tc = p.get("tc");
    beta = p.get("beta");
    r0 = p.get("r0");
    ea = p.get("ea");
    gamma = p.get("gamma");
    rm = p.get("rm");
    cth = p.get("cth");
    sth = p.get("sth");
    tbase = p.get("t0");
    double ti = p.get("tinit");
    tinit = ti > 0 ? ti : tbase;
    reset();
  }

  @Override
  public void reset() {
    // as the reference code: start on the heating branch just below the base temperature
    delta = 1;
    rev = 0;
    tr = tbase - 0.1;
    gr = gMajor(tr);
    tpr = tprFunc();
    tlast = tr;
  }

  private double gMajor(double t) {
    return 0.5 + 0.5 * Math.tanh(beta * (delta * w / 2 + tc - t));
  }

  private double tprFunc() {
    double a = Math.max(Math.min(2 * gr - 1, 1 - 1e-15), -1 + 1e-15);
    return delta * w / 2 + tc - atanh(a) / beta - tr;
  }

  private static double atanh(double a) {
    return 0.5 * Math.log((1 + a) / (1 - a));
  }

  /** g(T) and dg/dT with the current branch memory. */
  double g(double t, double[] out) {
    double tp = 0;
    double dtp = 0;
    if (rev != 0) {
      double den = tpr + 1e-6;
      double x = (t - tr) / den;
      double sn = Math.sin(gamma * x);
      double th = Math.tanh(Math.PI * Math.PI - 2 * Math.PI * x);
      double pv = 0.5 * (1 - sn) * (1 + th);
      double dp = 0.5 * (-gamma * Math.cos(gamma * x) * (1 + th) + (1 - sn) * (1 - th * th) * (-2 * Math.PI));
      tp = tpr * pv;
      dtp = tpr / den * dp;
    }
    double th = Math.tanh(beta * (delta * w / 2 + tc - (t + tp)));
    out[0] = 0.5 + 0.5 * th;
    out[1] = -0.5 * beta * (1 - th * th) * (1 + dtp);
    return out[0];
  }

  /** Smooth clamp of T to [305, 370] K (width 0.01 K) and its derivative. */
  private static double clamp(double t, double[] d) {
    double s = 0.01;
    double lo = Smooth.softplus((t - 305) / s) * s;
    double hi = Smooth.softplus((t - 370) / s) * s;
    d[0] = Smooth.sig((t - 305) / s) - Smooth.sig((t - 370) / s);
    return 305 + lo - hi;
  }

  /** Resistance R(T) (Ohm); out = {R, dR/dT}. */
  double resistance(double t, double[] out) {
    double[] d = dclamp;
    double tcl = clamp(t, d);
    double[] gg = gwork;
    g(tcl, gg);
    double e = r0 * Math.exp(ea / tcl);
    double r = e * gg[0] + rm;
    out[0] = r;
    out[1] = (e * gg[1] - e * gg[0] * ea / (tcl * tcl)) * d[0];
    return r;
  }

  @Override
  public void initialGuess(double[] x) {
    x[s] = tinit;
  }

  @Override
  public void load(Load l) {
    double v = voltage(l);
    double t = l.v(s);
    resistance(t, work);
    double gc = 1 / work[0];
    double dg = -work[1] * gc * gc;
    stampCurrent(l, gc * v, gc);
    l.g(hps, v * dg);
    l.g(hns, -v * dg);
    l.q(s, t);
    l.c(hss, 1);
    l.f(s, -(gc * v * v - sth * (t - tbase)) / cth);
    l.g(hss, -(v * v * dg - sth) / cth);
    l.g(hsp, -2 * gc * v / cth);
    l.g(hsn, 2 * gc * v / cth);
  }

  @Override
  public void accept(double[] x, double t) {
    commitTemperature(x[s]);
  }

  /** C_th (J/K). */
  public double thermalCapacitance() {
    return cth;
  }

  /** S_th (W/K). */
  public double thermalConductance() {
    return sth;
  }

  /** Base temperature T_0 (K). */
  public double baseTemperature() {
    return tbase;
  }

  /** Resistance (Ohm) at temperature {@code temperature} (K) with the current branch memory. */
  public double resistanceAt(double temperature) {
    return resistance(temperature, work); // scratch: kernels call this per sub-step, allocation-free
  }

  /**
   * Commits an accepted temperature to the branch memory (reversal detection, physics.md 3.3); what
   * {@link #accept} does, for kernels that integrate the device outside the circuit engine.
   */
  public void commitTemperature(double temperature) {
    double tcl = clamp(temperature, dclamp);
    double dt = tcl - tlast;
    if (Math.abs(dt) > 0.01) {
      double sgn = Math.signum(dt);
      if (sgn != delta) {
        gr = g(tcl, gwork);
        delta = sgn;
        rev = 1;
        tr = tcl;
        tpr = tprFunc();
      }
      tlast = tcl;
    }
  }

  @Override
  public double power(double[] x, double t) {
    double v = voltage(x);
    return v * v / resistance(x[s], new double[2]);
  }

  /** Index of the temperature unknown. */
  public int stateIndex() {
    return s;
  }
}
