package org.neuristor.circuit.element;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.ModelParameterException;
import org.neuristor.circuit.Allocator;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Load;

/**
 * Junction diode (SPICE level 1): Shockley current with emission coefficient, series resistance,
 * depletion capacitance and transit-time diffusion charge, plus gmin in parallel.
 *
 * <pre>
 *   i_d = IS (exp(v_d / (N Vt)) - 1) + gmin v_d
 *   q_d = TT i_d + CJO VJ / (1 - M) (1 - (1 - v_d/VJ)^(1-M))     (v_d < FC VJ; linearized above)
 * </pre>
 *
 * <table><caption>Model parameters</caption>
 * <tr><th>name</th><th>default</th><th>unit</th></tr>
 * <tr><td>is</td><td>1e-14</td><td>A</td></tr><tr><td>n</td><td>1</td><td>-</td></tr>
 * <tr><td>rs</td><td>0</td><td>Ohm</td></tr><tr><td>cjo (cj0)</td><td>0</td><td>F</td></tr>
 * <tr><td>vj</td><td>1</td><td>V</td></tr><tr><td>m</td><td>0.5</td><td>-</td></tr>
 * <tr><td>fc</td><td>0.5</td><td>-</td></tr><tr><td>tt</td><td>0</td><td>s</td></tr>
 * </table>
 * Temperature 300.15 K (27 C), as ngspice's default TNOM. Newton steps of v_d are limited with pnjlim.
 */
public final class Diode extends TwoTerminal {
  /** Thermal voltage at 27 C, with ngspice's constants. */
  public static final double VT_27C = 1.380649e-23 * 300.15 / 1.602176634e-19;

  private final double is;
  private final double nVt;
  private final double rs;
  private final double cjo;
  private final double vj;
  private final double m;
  private final double fc;
  private final double tt;
  private final double area;
  private final double vcrit;
  private final double gmin = 1e-12;
  private int a;          // internal anode (behind rs), or p if rs = 0
  private int haa;
  private int hap;
  private int hpa;
  private int han;
  private int hna;
  private double vdLast;
  private final Map<String, Double> modelParams;

  public Diode(String name, String anode, String cathode, Map<String, Double> model, double area) {
    super(name, anode, cathode);
    Map<String, Double> p = lower(model);
    this.modelParams = new java.util.TreeMap<>(p);
    this.area = area;
    this.is = get(p, "is", 1e-14) * area;
    this.nVt = get(p, "n", 1.0) * VT_27C;
    double r = get(p, "rs", 0.0);
    this.rs = r > 0 ? r / area : 0;
    this.cjo = get(p, p.containsKey("cj0") ? "cj0" : "cjo", 0.0) * area;
    this.vj = get(p, "vj", 1.0);
    this.m = get(p, "m", 0.5);
    this.fc = get(p, "fc", 0.5);
    this.tt = get(p, "tt", 0.0);
    if (!(is > 0)) {
      throw new ModelParameterException("is", "diode " + name + ": is must be > 0, got " + is);
    }
    if (!(nVt > 0)) {
      throw new ModelParameterException("n", "diode " + name + ": n must be > 0");
    }
    if (r < 0 || cjo < 0 || tt < 0) {
      throw new ModelParameterException("rs", "diode " + name + ": rs, cjo and tt must be >= 0");
    }
    if (!(m > 0 && m < 1) || !(fc >= 0 && fc < 1) || !(vj > 0)) {
      throw new ModelParameterException("m", "diode " + name + ": need 0 < m < 1, 0 <= fc < 1, vj > 0");
    }
    for (String k : p.keySet()) {
      if (!List.of("is", "n", "rs", "cjo", "cj0", "cj", "vj", "m", "fc", "tt", "bv", "ibv", "eg", "xti", "kf", "af",
          "level", "tnom").contains(k)) {
        throw new ModelParameterException(k, "diode model has no parameter " + k);
      }
    }
    this.vcrit = Junction.criticalVoltage(is, nVt);
  }

  private static Map<String, Double> lower(Map<String, Double> m) {
    Map<String, Double> r = new java.util.HashMap<>();
    m.forEach((k, v) -> r.put(k.toLowerCase(Locale.ROOT), v));
    return r;
  }

  private static double get(Map<String, Double> p, String k, double def) {
    Double v = p.get(k);
    return v == null ? def : v;
  }

  @Override
  public boolean nonlinear() {
    return true;
  }

  @Override
  public void allocate(Allocator al) {
    if (rs > 0) {
      a = al.internalNode(this, "a");
    }
  }

  @Override
  public void bind(Binder b) {
    super.bind(b);
    if (rs <= 0) {
      a = p;
    }
    haa = b.entry(a, a);
    han = b.entry(a, n);
    hna = b.entry(n, a);
    hap = b.entry(a, p);
    hpa = b.entry(p, a);
  }

  @Override
  public void reset() {
    vdLast = 0;
  }

  @Override
  public void load(Load l) {
    double vd = l.v(a) - l.v(n);
    if (l.firstIteration()) {
      vdLast = Math.min(vd, vcrit);
    }
    double vlim = Junction.limit(vd, vdLast, nVt, vcrit);
    if (vlim != vd) {
      l.limited();
    }
    vdLast = vlim;
    double e = Math.exp(Math.min(vlim / nVt, 700));
    double id = is * (e - 1) + gmin * vlim;
    double gd = is * e / nVt + gmin;
    // Linear extrapolation from the limited point keeps the Newton model consistent.
    double i = id + gd * (vd - vlim);
    l.f(a, i);
    l.f(n, -i);
    l.g(haa, gd);
    l.g(han, -gd);
    l.g(hna, -gd);
    l.g(hnn, gd);
    if (rs > 0) {
      double g = 1 / rs;
      double ir = g * (l.v(p) - l.v(a));
      l.f(p, ir);
      l.f(a, -ir);
      l.g(hpp, g);
      l.g(hpa, -g);
      l.g(hap, -g);
      l.g(haa, g);
    }
    if (cjo > 0 || tt > 0) {
      double q;
      double c;
      double vc = fc * vj;
      if (vd < vc) {
        double s = 1 - vd / vj;
        double pw = Math.pow(s, -m);
        q = cjo * vj / (1 - m) * (1 - s * pw);
        c = cjo * pw;
      } else {
        double f1 = vj / (1 - m) * (1 - Math.pow(1 - fc, 1 - m));
        double f2 = Math.pow(1 - fc, 1 + m);
        double f3 = 1 - fc * (1 + m);
        q = cjo * (f1 + (1 / f2) * (f3 * (vd - vc) + m / (2 * vj) * (vd * vd - vc * vc)));
        c = cjo / f2 * (f3 + m * vd / vj);
      }
      double ivd = is * (Math.exp(Math.min(vd / nVt, 700)) - 1);
      q += tt * ivd;
      c += tt * is * Math.exp(Math.min(vd / nVt, 700)) / nVt;
      l.q(a, q);
      l.q(n, -q);
      l.c(haa, c);
      l.c(han, -c);
      l.c(hna, -c);
      l.c(hnn, c);
    }
  }

  @Override
  public double power(double[] x, double t) {
    double va = a < 0 ? 0 : x[a];
    double vn = n < 0 ? 0 : x[n];
    double vp = p < 0 ? 0 : x[p];
    double vd = va - vn;
    double id = is * (Math.exp(Math.min(vd / nVt, 700)) - 1) + gmin * vd;
    double pr = rs > 0 ? (vp - va) * (vp - va) / rs : 0;
    return vd * id + pr;
  }

  @Override
  public SpiceCard toSpice() {
    String model = name + "_d";
    StringBuilder sb = new StringBuilder(".model " + model + " d (");
    modelParams.forEach((k, v) -> sb.append(k).append('=').append(Waveform.trimNumber(v)).append(' '));
    return new SpiceCard(List.of(name + " " + nodeP + " " + nodeN + " " + model
        + (area != 1 ? " " + Waveform.trimNumber(area) : "")), List.of(sb.toString().trim() + ")"));
  }
}
