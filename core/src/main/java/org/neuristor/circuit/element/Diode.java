package org.neuristor.circuit.element;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.neuristor.ModelParameterException;
import org.neuristor.circuit.Allocator;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Load;

/**
 * Junction diode, SPICE level 1 as ngspice-39 models it: Shockley current with emission
 * coefficient, SPICE's reverse region, reverse breakdown (BV, IBV, NBV), high injection (IKF, IKR),
 * recombination current (ISR, NR), sidewall current and capacitance (JSW, CJSW, PJ), series
 * resistance, depletion and transit-time charge, and temperature dependence (EG, XTI, TNOM, TCV,
 * TRS, TTT, TM, CTA, TPB with TLEVC), plus gmin in parallel.
 *
 * <pre>
 *   forward (vd >= -3 n Vt):   i = Is (exp(vd / (n Vt)) - 1)
 *   reverse:                   i = -Is (1 + (3 n Vt / (e vd))^3)
 *   breakdown (vd < -BV'):     i = -Is exp(-(BV' + vd) / (NBV Vt))
 *   high injection:            i / (1 + sqrt(i / IKF))
 *   q = TT i + CJO VJ / (1 - M) (1 - (1 - vd/VJ)^(1-M))     (vd < FC VJ; linearized above)
 * </pre>
 * BV' is BV corrected so that the breakdown current at -BV equals IBV (SPICE's iteration).
 * Instance parameters: area, pj, m (multiplier: scales area and pj, and IBV), temp, dtemp, off.
 * Noise parameters (kf, af) and safe-operating-area limits are accepted without effect. Newton steps
 * of vd are limited with pnjlim, in breakdown on the reflected voltage (as SPICE).
 */
public final class Diode extends TwoTerminal implements Annotated {
  /** Thermal voltage at 27 C, with ngspice's constants. */
  public static final double VT_27C = Temperatures.thermalVoltage(300.15);

  /** The level-1 model parameters, as ngspice names them. */
  public static final ParamTable PARAMS = new ParamTable("diode")
      .add("level", 1, "-", "model level (1 only)")
      .add("is", 1e-14, "A", "saturation current", "js")
      .add("jsw", 0, "A", "sidewall saturation current", "isw")
      .add("n", 1, "-", "emission coefficient")
      .add("ns", Double.NaN, "-", "sidewall emission coefficient (default: merged with the bottom diode)")
      .add("rs", 0, "Ohm", "series resistance")
      .add("trs", 0, "1/K", "rs temperature coefficient", "trs1")
      .add("trs2", 0, "1/K^2", "rs second-order temperature coefficient")
      .add("cjo", 0, "F", "zero-bias junction capacitance", "cj0", "cj")
      .add("vj", 1, "V", "junction potential", "pb")
      .add("m", 0.5, "-", "grading coefficient", "mj")
      .add("tm1", 0, "1/K", "grading coefficient temperature coefficient")
      .add("tm2", 0, "1/K^2", "grading coefficient second-order temperature coefficient")
      .add("cjsw", 0, "F", "sidewall junction capacitance", "cjp")
      .add("php", 1, "V", "sidewall junction potential")
      .add("mjsw", 0.33, "-", "sidewall grading coefficient")
      .add("fc", 0.5, "-", "forward-bias depletion capacitance coefficient")
      .add("fcs", 0.5, "-", "sidewall forward-bias capacitance coefficient")
      .add("tt", 0, "s", "transit time")
      .add("ttt1", 0, "1/K", "transit time temperature coefficient")
      .add("ttt2", 0, "1/K^2", "transit time second-order temperature coefficient")
      .add("bv", Double.NaN, "V", "reverse breakdown voltage (none when not given)")
      .add("ibv", 1e-3, "A", "current at the breakdown voltage", "ib")
      .add("nbv", Double.NaN, "-", "breakdown emission coefficient (default n)")
      .add("tcv", 0, "1/K", "breakdown voltage temperature coefficient")
      .add("ikf", Double.NaN, "A", "forward knee current (high injection)", "ik")
      .add("ikr", Double.NaN, "A", "reverse knee current")
      .add("isr", Double.NaN, "A", "recombination saturation current")
      .add("nr", 1, "-", "recombination emission coefficient")
      .add("eg", 1.11, "eV", "activation energy")
      .add("xti", 3, "-", "saturation current temperature exponent")
      .add("tnom", Double.NaN, "C", "parameter measurement temperature", "tref")
      .add("tlev", 0, "-", "breakdown temperature equation (0 or 1)")
      .add("tlevc", 0, "-", "capacitance temperature equation (0 or 1)")
      .add("cta", 0, "1/K", "junction capacitance temperature coefficient (tlevc 1)", "ctc")
      .add("ctp", 0, "1/K", "sidewall capacitance temperature coefficient (tlevc 1)")
      .add("tpb", 0, "V/K", "junction potential temperature coefficient (tlevc 1)", "tvj")
      .add("tphp", 0, "V/K", "sidewall potential temperature coefficient (tlevc 1)")
      .add("area", 1, "-", "default area factor")
      .add("pj", 0, "-", "default perimeter factor")
      .ignore("noise analysis is not supported", "kf", "af")
      .ignore("safe-operating-area limits are not checked", "fv_max", "bv_max", "id_max", "te_max", "pd_max");

  private static final double GMIN = 1e-12;
  private final double csat;      // bottom (and merged sidewall) saturation current at T
  private final double csatsw;    // sidewall saturation current with its own characteristic, or 0
  private final double vte;
  private final double vtesw;
  private final double vtebrk;
  private final double tBv;       // corrected breakdown voltage, NaN when BV is not given
  private final double ikf;
  private final double ikr;
  private final double isr;
  private final double vterec;
  private final double gspr;      // series conductance, 0 when rs = 0
  private final double tt;
  private final double cj;
  private final double vj;
  private final double mj;
  private final double fc;
  private final double cjsw;
  private final double vjsw;
  private final double mjsw;
  private final double fcs;
  private final double vcrit;
  private final double area;
  private final Map<String, Double> modelParams;
  private final List<String> notes;
  private int a;          // internal anode (behind rs), or p if rs = 0
  private int haa;
  private int hap;
  private int hpa;
  private int han;
  private int hna;
  private double vdLast;

  /** A diode at 27 C with an area factor. */
  public Diode(String name, String anode, String cathode, Map<String, Double> model, double area) {
    this(name, anode, cathode, model, Map.of("area", area), Temperatures.DEFAULT);
  }

  /**
   * @param instance instance parameters: area, pj, m, temp (C), dtemp (K), off
   * @param temps circuit and nominal temperature
   */
  public Diode(String name, String anode, String cathode, Map<String, Double> model, Map<String, Double> instance,
      Temperatures temps) {
    super(name, anode, cathode);
    ParamTable.Values v = PARAMS.read(model);
    this.notes = v.ignored().isEmpty() ? List.of()
        : List.of("diode " + name + ": model parameters accepted without effect: " + String.join(", ", v.ignored()));
    Map<String, Double> p = new TreeMap<>();
    model.forEach((k, x) -> p.put(k.toLowerCase(Locale.ROOT), x));
    this.modelParams = p;
    for (String k : instance.keySet()) {
      if (!List.of("area", "pj", "m", "temp", "dtemp", "off").contains(k)) {
        throw new ModelParameterException(k, "diode " + name + " has no instance parameter " + k
            + " (known: area pj m temp dtemp off)");
      }
    }
    if (v.get("level") != 1) {
      throw new ModelParameterException("level", "diode " + name + ": only level 1 is supported, got " + v.get("level"));
    }
    double mult = instance.getOrDefault("m", 1.0);
    this.area = instance.getOrDefault("area", v.get("area")) * mult;
    double pj = instance.getOrDefault("pj", v.get("pj")) * mult;
    double t = temps.instance(instance.getOrDefault("temp", Double.NaN), instance.getOrDefault("dtemp", Double.NaN));
    double tnom = temps.nominal(v.get("tnom"));
    double dt = t - tnom;
    double vt = Temperatures.thermalVoltage(t);
    double n = v.get("n");
    double is = v.get("is");
    if (!(is > 0) || !(n > 0) || !(area > 0) || !(mult > 0)) {
      throw new ModelParameterException("is", "diode " + name + ": is, n, area and m must be > 0");
    }
    if (v.get("rs") < 0 || v.get("cjo") < 0 || v.get("tt") < 0 || pj < 0) {
      throw new ModelParameterException("rs", "diode " + name + ": rs, cjo, tt and pj must be >= 0");
    }
    this.vte = n * vt;
    double eg = v.get("eg");
    double xti = v.get("xti");
    double ns = v.given("ns") ? v.get("ns") : n;
    this.vtesw = ns * vt;
    double satSw = v.get("jsw") * pj * Math.exp((t / tnom - 1) * eg / vtesw + xti / ns * Math.log(t / tnom));
    double sat = is * area * Math.exp((t / tnom - 1) * eg / vte + xti / n * Math.log(t / tnom));
    if (v.given("ns") || satSw == 0) {
      this.csat = sat;
      this.csatsw = satSw;
    } else {
      this.csat = sat + satSw;
      this.csatsw = 0;
    }
    double nr = v.get("nr");
    this.vterec = nr * vt;
    this.isr = v.given("isr") ? v.get("isr") * area
        * Math.exp((t / tnom - 1) * eg / vterec + xti / nr * Math.log(t / tnom)) : 0;
    this.ikf = v.given("ikf") && v.get("ikf") > 1e-28 ? v.get("ikf") * area : Double.NaN;
    this.ikr = v.given("ikr") && v.get("ikr") > 1e-28 ? v.get("ikr") * area : Double.NaN;
    double nbv = v.given("nbv") ? v.get("nbv") : n;
    this.vtebrk = nbv * vt;
    // grading, potentials and capacitances at T
    double m0 = v.get("m") * (1 + v.get("tm1") * dt + v.get("tm2") * dt * dt);
    this.mj = Math.min(m0, 0.9);
    this.fc = v.get("fc");
    this.fcs = v.get("fcs");
    if (!(mj > 0 && mj < 1) || !(fc >= 0 && fc < 1) || !(fcs >= 0 && fcs < 1) || !(v.get("vj") > 0)) {
      throw new ModelParameterException("m", "diode " + name + ": need 0 < m < 1, 0 <= fc < 1, vj > 0");
    }
    this.mjsw = v.get("mjsw");
    double cjo = v.get("cjo") * area;
    double cjswo = v.get("cjsw") * pj;
    double vj0 = v.get("vj");
    double php = v.get("php");
    double tref = 300.15;
    if (v.get("tlevc") == 0) {
      this.cj = cjo > 0 ? Temperatures.junctionCap(cjo, mj, vj0, tnom, t) : 0;
      double vjT = Temperatures.junctionPotential(vj0, tnom, t);
      this.vj = fc * vjT > 1.0 ? 1.0 / fc : vjT;
      this.cjsw = cjswo > 0 ? Temperatures.junctionCap(cjswo, mjsw, php, tnom, t) : 0;
      double phT = Temperatures.junctionPotential(php, tnom, t);
      this.vjsw = fcs * phT > 1.0 ? 1.0 / fcs : phT;
    } else if (v.get("tlevc") == 1) {
      this.vj = vj0 - v.get("tpb") * (t - tref);
      this.cj = cjo * (1 + v.get("cta") * (t - tref));
      this.vjsw = php - v.get("tphp") * (t - tref);
      this.cjsw = cjswo * (1 + v.get("ctp") * (t - tref));
    } else {
      throw new ModelParameterException("tlevc", "diode " + name + ": tlevc must be 0 or 1");
    }
    this.tt = v.get("tt") * (1 + v.get("ttt1") * dt + v.get("ttt2") * dt * dt);
    double rs = v.get("rs");
    this.gspr = rs > 0 ? area / rs / (1 + v.get("trs") * dt + v.get("trs2") * dt * dt) : 0;
    this.vcrit = vte * Math.log(vte / (Math.sqrt(2) * csat));
    // breakdown voltage corrected so that i(-BV') = IBV (SPICE's iteration)
    if (v.given("bv")) {
      double bv = v.get("tlev") == 0 ? v.get("bv") - v.get("tcv") * dt : v.get("bv") * (1 - v.get("tcv") * dt);
      double cbv = mult * v.get("ibv");
      double xbv;
      if (cbv < csat * bv / vt) {
        xbv = bv;
      } else {
        double tol = 1e-3 * cbv;
        xbv = bv - vtebrk * Math.log(1 + cbv / csat);
        for (int iter = 0; iter < 25; iter++) {
          xbv = bv - vtebrk * Math.log(cbv / csat + 1 - xbv / vt);
          double xcbv = csat * (Math.exp((bv - xbv) / vtebrk) - 1 + xbv / vt);
          if (Math.abs(xcbv - cbv) <= tol) {
            break;
          }
        }
      }
      this.tBv = xbv;
    } else {
      this.tBv = Double.NaN;
    }
  }

  @Override
  public List<String> notes() {
    return notes;
  }

  @Override
  public boolean nonlinear() {
    return true;
  }

  @Override
  public void allocate(Allocator al) {
    if (gspr > 0) {
      a = al.internalNode(this, "a");
    }
  }

  @Override
  public void bind(Binder b) {
    super.bind(b);
    if (gspr <= 0) {
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

  private final double[] iv = new double[2];

  /** Junction current and conductance at vd (including gmin), into iv[0], iv[1]. */
  private void current(double vd) {
    double cd;
    double gd;
    if (Double.isNaN(tBv) || vd >= -tBv) {
      Junction.current(vd, csat, vte, iv);
      cd = iv[0];
      gd = iv[1];
      if (isr > 0 && vd >= -3 * vte) {
        double er = Math.exp(Math.min(vd / vterec, 700));
        double t1 = Math.pow(1 - vd / vj, 2) + 0.005;
        double gen = Math.pow(t1, mj / 2);
        double genVd = -mj * (1 - vd / vj) * Math.pow(t1, mj / 2 - 1) / vj;
        double crec = isr * (er - 1);
        double grec = isr * er / vterec;
        cd += crec * gen;
        gd += grec * gen + crec * genVd;
      }
      if (csatsw > 0) {
        Junction.current(vd, csatsw, vtesw, iv);
        cd += iv[0];
        gd += iv[1];
      }
    } else {
      double ev = Math.exp(Math.min(-(tBv + vd) / vtebrk, 700));
      cd = -(csat + csatsw) * ev;
      gd = (csat + csatsw) * ev / vtebrk;
    }
    if (vd >= -3 * vte) {
      if (!Double.isNaN(ikf) && cd > 1e-18) {
        double s = Math.sqrt(cd / ikf);
        gd = ((1 + s) * gd - cd * gd / (2 * s * ikf)) / (1 + 2 * s + cd / ikf);
        cd = cd / (1 + s);
      }
    } else if (!Double.isNaN(ikr) && cd < -1e-18) {
      double s = Math.sqrt(cd / -ikr);
      gd = ((1 + s) * gd + cd * gd / (2 * s * ikr)) / (1 + 2 * s - cd / ikr);
      cd = cd / (1 + s);
    }
    iv[0] = cd + GMIN * vd;
    iv[1] = gd + GMIN;
  }

  /** SPICE's junction limiting, on the reflected voltage in breakdown. */
  private double limit(double vd, double vold) {
    if (!Double.isNaN(tBv) && vd < Math.min(0, -tBv + 10 * vtebrk)) {
      double vr = Junction.limit(-(vd + tBv), -(vold + tBv), vtebrk, vcrit);
      return -(vr + tBv);
    }
    return Junction.limit(vd, vold, vte, vcrit);
  }

  @Override
  public void load(Load l) {
    double vd = l.v(a) - l.v(n);
    if (l.firstIteration()) {
      vdLast = Math.min(vd, vcrit);
    }
    double vlim = limit(vd, vdLast);
    if (vlim != vd) {
      l.limited();
    }
    vdLast = vlim;
    current(vlim);
    double gd = iv[1];
    // Linear extrapolation from the limited point keeps the Newton model consistent.
    double i = iv[0] + gd * (vd - vlim);
    l.f(a, i);
    l.f(n, -i);
    l.g(haa, gd);
    l.g(han, -gd);
    l.g(hna, -gd);
    l.g(hnn, gd);
    if (gspr > 0) {
      double ir = gspr * (l.v(p) - l.v(a));
      l.f(p, ir);
      l.f(a, -ir);
      l.g(hpp, gspr);
      l.g(hpa, -gspr);
      l.g(hap, -gspr);
      l.g(haa, gspr);
    }
    if (cj > 0 || cjsw > 0 || tt > 0) {
      double q = 0;
      double c = 0;
      if (cj > 0) {
        q += depletionCharge(vd, cj, vj, mj, fc);
        c += depletionCap(vd, cj, vj, mj, fc);
      }
      if (cjsw > 0) {
        q += depletionCharge(vd, cjsw, vjsw, mjsw, fcs);
        c += depletionCap(vd, cjsw, vjsw, mjsw, fcs);
      }
      if (tt > 0) {
        current(vd);
        q += tt * iv[0];
        c += tt * iv[1];
      }
      l.q(a, q);
      l.q(n, -q);
      l.c(haa, c);
      l.c(han, -c);
      l.c(hna, -c);
      l.c(hnn, c);
    }
  }

  /** Depletion charge of a junction: SPICE's form, linearized above fc*vj. */
  static double depletionCharge(double vd, double c0, double vj, double m, double fc) {
    double vc = fc * vj;
    if (vd < vc) {
      double s = 1 - vd / vj;
      return c0 * vj / (1 - m) * (1 - s * Math.pow(s, -m));
    }
    double f1 = vj / (1 - m) * (1 - Math.pow(1 - fc, 1 - m));
    double f2 = Math.pow(1 - fc, 1 + m);
    double f3 = 1 - fc * (1 + m);
    return c0 * (f1 + (1 / f2) * (f3 * (vd - vc) + m / (2 * vj) * (vd * vd - vc * vc)));
  }

  /** d/dvd of {@link #depletionCharge}. */
  static double depletionCap(double vd, double c0, double vj, double m, double fc) {
    if (vd < fc * vj) {
      return c0 * Math.pow(1 - vd / vj, -m);
    }
    return c0 / Math.pow(1 - fc, 1 + m) * (1 - fc * (1 + m) + m * vd / vj);
  }

  @Override
  public double power(double[] x, double t) {
    double va = a < 0 ? 0 : x[a];
    double vn = n < 0 ? 0 : x[n];
    double vp = p < 0 ? 0 : x[p];
    double vd = va - vn;
    current(vd);
    double pr = gspr > 0 ? (vp - va) * (vp - va) * gspr : 0;
    return vd * iv[0] + pr;
  }

  @Override
  public SpiceCard toSpice() {
    String model = name + "_d";
    return new SpiceCard(List.of(name + " " + nodeP + " " + nodeN + " " + model
        + (area != 1 ? " " + Waveform.trimNumber(area) : "")), List.of(ParamTable.modelLine(model, "d", modelParams)));
  }
}
