package org.neuristor.device;

import java.util.List;
import java.util.Map;
import org.neuristor.circuit.Allocator;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Load;

/**
 * VO2 thermal memristor with hysteretic R(T) and minor loops (physics.md 3.3), temperature T as
 * a circuit unknown.
 *
 * <pre>
 *   C_th dT/dt = v^2/R(T) - S_th (T - T_0)
 *   R(T)       = R_0 exp(E_a/T) g(T) + R_m          (T smoothly clamped to [tmin, tmax] = [305, 370] K, E_a in K)
 *   g(T)       = 1/2 + 1/2 tanh(beta (delta w/2 + T_c - (T + rev T_pr P((T - T_r)/T_pr))))
 *   P(x)       = 1/2 (1 - sin(gamma x)) (1 + tanh(pi^2 - 2 pi x))
 * </pre>
 *
 * delta = +1 on heating, -1 on cooling. At a reversal of the sign of dT (changes larger than
 * 0.01 K), T_r, g_r = g(T_r) are stored, delta flips and T_pr = delta w/2 + T_c - atanh(2 g_r - 1)/beta - T_r,
 * which keeps g continuous. This history logic runs only in {@link #accept} (once per accepted
 * time point), never inside a Newton iteration; within an iteration R(T) is smooth.
 *
 * <p>Extensions for measured films (each off by default, so the defaults are the model above):
 *
 * <pre>
 *   R_m(T)     = R_m (1 + alpha (T - T_c))                   metallic domains with a temperature coefficient
 *   i          = v / (R(T) + R_s),  P = i^2 R(T)              a series (contact) resistance that does not heat the film
 *   C_th  dT/dt   = P - S_th (T - T_2)                        a thermal ladder: film T, substrate T_2, holder T_3
 *   C_th2 dT_2/dt = S_th (T - T_2) - S_th2 (T_2 - T_3)        (cth2 = 0: T_2 = T_0; cth3 = 0: T_3 = T_0)
 *   C_th3 dT_3/dt = S_th2 (T_2 - T_3) - S_th3 (T_3 - T_0)
 * </pre>
 *
 * The ladder gives the film the millisecond-to-100-millisecond thermal tails of a film on a
 * substrate (heat diffusing away), which one node cannot; {@code tmin}/{@code tmax} widen the range in
 * which R(T) is evaluated (a DC sweep from room temperature or a hot metallic state).
 *
 * <p>Parameters (type {@code vo2}, preset {@code zhang2024} = defaults): w 7.19357064 K, tc 332.805839 K,
 * beta 0.252796285 1/K, r0 5.35882879e-3 Ohm, ea 5220.47417 K, gamma 0.956269682, rm 1286.3 Ohm,
 * cth 4.962776831e-11 J/K, sth 2.0558726e-4 W/K, t0 325 K.
 * Reference: Y.-H. Zhang et al., Nat. Commun. (2024) and E. Qiu et al., Adv. Mater. (2024), model from
 * the authors' code; R(T) hysteresis after de Almeida et al., Opt. Eng. (2002).
 */
public final class Vo2ThermalMemristor extends OneStateDevice {
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
  private final double tmin;
  private final double tmax;
  private final double alpha;
  private final double rs;
  private final double cth2;
  private final double sth2;
  private final double cth3;
  private final double sth3;
  /** Indices of the substrate and holder temperatures (-1 when absent) and their matrix handles. */
  private int s2 = -1;
  private int s3 = -1;
  private int h12;
  private int h21;
  private int h22;
  private int h23;
  private int h32;
  private int h33;
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
    tmin = p.getOrDefault("tmin", 305.0);
    tmax = p.getOrDefault("tmax", 370.0);
    alpha = p.getOrDefault("alpha", 0.0);
    rs = p.getOrDefault("rs", 0.0);
    cth2 = p.getOrDefault("cth2", 0.0);
    sth2 = p.getOrDefault("sth2", 0.0);
    cth3 = cth2 > 0 ? p.getOrDefault("cth3", 0.0) : 0.0;
    sth3 = p.getOrDefault("sth3", 0.0);
    reset();
  }

  @Override
  public void allocate(Allocator a) {
    super.allocate(a);
    if (cth2 > 0) {
      s2 = a.state(this, "t2", 1e-3);
      if (cth3 > 0) {
        s3 = a.state(this, "t3", 1e-3);
      }
    }
  }

  @Override
  public void bind(Binder b) {
    super.bind(b);
    if (s2 >= 0) {
      h12 = b.entry(s, s2);
      h21 = b.entry(s2, s);
      h22 = b.entry(s2, s2);
      if (s3 >= 0) {
        h23 = b.entry(s2, s3);
        h32 = b.entry(s3, s2);
        h33 = b.entry(s3, s3);
      }
    }
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

  /** Smooth clamp of T to [tmin, tmax] (default [305, 370] K, width 0.01 K) and its derivative. */
  private double clamp(double t, double[] d) {
    double s = 0.01;
    double lo = Smooth.softplus((t - tmin) / s) * s;
    double hi = Smooth.softplus((t - tmax) / s) * s;
    d[0] = Smooth.sig((t - tmin) / s) - Smooth.sig((t - tmax) / s);
    return tmin + lo - hi;
  }

  /** Resistance R(T) (Ohm); out = {R, dR/dT}. */
  double resistance(double t, double[] out) {
    double[] d = dclamp;
    double tcl = clamp(t, d);
    double[] gg = gwork;
    g(tcl, gg);
    double e = r0 * Math.exp(ea / tcl);
    double r = e * gg[0] + rm * (1 + alpha * (tcl - tc));
    out[0] = r;
    out[1] = (e * gg[1] - e * gg[0] * ea / (tcl * tcl) + rm * alpha) * d[0];
    return r;
  }

  @Override
  public void initialGuess(double[] x) {
    x[s] = tinit;
    if (s2 >= 0) {
      x[s2] = tbase;
    }
    if (s3 >= 0) {
      x[s3] = tbase;
    }
  }

  @Override
  public void load(Load l) {
    double v = voltage(l);
    double t = l.v(s);
    resistance(t, work);
    double sink = s2 >= 0 ? l.v(s2) : tbase;
    if (rs == 0) {
      double gc = 1 / work[0];
      double dg = -work[1] * gc * gc;
      stampCurrent(l, gc * v, gc);
      l.g(hps, v * dg);
      l.g(hns, -v * dg);
      l.q(s, t);
      l.c(hss, 1);
      l.f(s, -(gc * v * v - sth * (t - sink)) / cth);
      l.g(hss, -(v * v * dg - sth) / cth);
      l.g(hsp, -2 * gc * v / cth);
      l.g(hsn, 2 * gc * v / cth);
    } else {
      // i = v/(R + rs), heating P = i^2 R
      double r = work[0];
      double dr = work[1];
      double tot = r + rs;
      double gc = 1 / tot;
      double dg = -dr * gc * gc;
      stampCurrent(l, gc * v, gc);
      l.g(hps, v * dg);
      l.g(hns, -v * dg);
      double pw = v * v * r * gc * gc;
      double dpdt = v * v * dr * (rs - r) * gc * gc * gc;
      double dpdv = 2 * v * r * gc * gc;
      l.q(s, t);
      l.c(hss, 1);
      l.f(s, -(pw - sth * (t - sink)) / cth);
      l.g(hss, -(dpdt - sth) / cth);
      l.g(hsp, -dpdv / cth);
      l.g(hsn, dpdv / cth);
    }
    if (s2 >= 0) {
      l.g(h12, -sth / cth);
      double t2 = l.v(s2);
      double below = s3 >= 0 ? l.v(s3) : tbase;
      l.q(s2, t2);
      l.c(h22, 1);
      l.f(s2, -(sth * (t - t2) - sth2 * (t2 - below)) / cth2);
      l.g(h21, -sth / cth2);
      l.g(h22, (sth + sth2) / cth2);
      if (s3 >= 0) {
        l.g(h23, -sth2 / cth2);
        double t3 = l.v(s3);
        l.q(s3, t3);
        l.c(h33, 1);
        l.f(s3, -(sth2 * (t2 - t3) - sth3 * (t3 - tbase)) / cth3);
        l.g(h32, -sth2 / cth3);
        l.g(h33, (sth2 + sth3) / cth3);
      }
    }
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
    return resistance(temperature, new double[2]);
  }

  /**
   * Commits an accepted temperature to the branch memory (reversal detection, physics.md 3.3); what
   * {@link #accept} does, for kernels that integrate the device outside the circuit engine.
   */
  public void commitTemperature(double temperature) {
    double[] d = new double[1];
    double tcl = clamp(temperature, d);
    double dt = tcl - tlast;
    if (Math.abs(dt) > 0.01) {
      double sgn = Math.signum(dt);
      if (sgn != delta) {
        double[] gg = new double[2];
        gr = g(tcl, gg);
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
    return v * v / (resistance(x[s], new double[2]) + rs);
  }

  /** Index of the temperature unknown. */
  public int stateIndex() {
    return s;
  }
}
