package org.neuristor.circuit.element;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.ModelParameterException;
import org.neuristor.circuit.Allocator;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.Load;

/**
 * Bipolar transistor, SPICE Gummel-Poon as ngspice-39's {@code q} (level 1): NPN or PNP with
 *
 * <pre>
 *   ibe = IS (exp(vbe / (NF Vt)) - 1),   ibc = IS (exp(vbc / (NR Vt)) - 1)
 *   qb  = q1 (1 + sqrt(1 + 4 q2)) / 2,  q1 = 1 / (1 - vbc/VAF - vbe/VAR),  q2 = ibe/IKF + ibc/IKR
 *   ic  = (ibe - ibc) / qb - ibc / BR - ISC (exp(vbc / (NC Vt)) - 1)
 *   ib  = ibe / BF + ISE (exp(vbe / (NE Vt)) - 1) + ibc / BR + ISC (exp(vbc / (NC Vt)) - 1)
 *   rbb = RBM + (RB - RBM) / qb   (or with IRB: RBM + 3 (RB - RBM) (tan z - z) / (z tan^2 z))
 *   qbe = TF (1 + XTF (ibe/(ibe+ITF))^2 exp(vbc / (1.44 VTF))) ibe / qb + depletion(CJE, VJE, MJE)
 *   qbc = TR ibc + depletion(XCJC CJC, VJC, MJC);  qbx = depletion((1 - XCJC) CJC) from the external base
 *   qcs = depletion(CJS, VJS, MJS) between collector and substrate (vertical device)
 * </pre>
 *
 * with emitter, collector and base resistances (internal nodes), SPICE's reverse-region form of the
 * exponentials, gmin across both junctions, temperature (TNOM, EG, XTI, XTB with TLEV 0/1, junction
 * potentials and capacitances, and the linear/quadratic temperature coefficients trb1... of ngspice),
 * and the instance parameters area, areab, areac, m, temp, dtemp. The transit charge is written as a
 * charge of vbe and vbc, so its cross capacitance (SPICE's geqcb) is exact. Newton steps of vbe and vbc
 * are limited with pnjlim. Excess phase (PTF), quasi-saturation (RCO...) and lateral substrates are
 * refused; noise parameters are accepted without effect.
 */
public final class Bjt implements Element, Annotated {

  /** The Gummel-Poon model parameters, as ngspice names them. */
  public static final ParamTable PARAMS = new ParamTable("bjt")
      .add("level", 1, "-", "model level (1 only)")
      .add("is", 1e-16, "A", "transport saturation current")
      .add("bf", 100, "-", "ideal forward beta")
      .add("nf", 1, "-", "forward emission coefficient")
      .add("vaf", Double.NaN, "V", "forward Early voltage", "va")
      .add("ikf", Double.NaN, "A", "forward beta roll-off corner current", "ik")
      .add("nkf", 0.5, "-", "high-current roll-off exponent", "nk")
      .add("ise", Double.NaN, "A", "B-E leakage saturation current")
      .add("c2", Double.NaN, "-", "B-E leakage as a multiple of is (when ise is not given)")
      .add("ne", 1.5, "-", "B-E leakage emission coefficient")
      .add("br", 1, "-", "ideal reverse beta")
      .add("nr", 1, "-", "reverse emission coefficient")
      .add("var", Double.NaN, "V", "reverse Early voltage", "vb")
      .add("ikr", Double.NaN, "A", "reverse beta roll-off corner current")
      .add("isc", Double.NaN, "A", "B-C leakage saturation current")
      .add("c4", Double.NaN, "-", "B-C leakage as a multiple of is (when isc is not given)")
      .add("nc", 2, "-", "B-C leakage emission coefficient")
      .add("rb", 0, "Ohm", "zero-bias base resistance")
      .add("irb", Double.NaN, "A", "current where rb falls halfway to rbm")
      .add("rbm", Double.NaN, "Ohm", "minimum base resistance (default rb)")
      .add("re", 0, "Ohm", "emitter resistance")
      .add("rc", 0, "Ohm", "collector resistance")
      .add("cje", 0, "F", "B-E zero-bias depletion capacitance")
      .add("vje", 0.75, "V", "B-E built-in potential", "pe")
      .add("mje", 0.33, "-", "B-E grading exponent", "me")
      .add("tf", 0, "s", "forward transit time")
      .add("xtf", 0, "-", "transit time bias coefficient")
      .add("vtf", Double.NaN, "V", "transit time dependence on vbc")
      .add("itf", 0, "A", "transit time high-current parameter")
      .add("ptf", 0, "deg", "excess phase at 1/(2 pi tf) (must be 0)")
      .add("cjc", 0, "F", "B-C zero-bias depletion capacitance")
      .add("vjc", 0.75, "V", "B-C built-in potential", "pc")
      .add("mjc", 0.33, "-", "B-C grading exponent", "mc")
      .add("xcjc", 1, "-", "fraction of cjc at the internal base")
      .add("tr", 0, "s", "reverse transit time")
      .add("cjs", 0, "F", "collector-substrate capacitance", "csub", "ccs")
      .add("vjs", 0.75, "V", "substrate built-in potential", "ps")
      .add("mjs", 0, "-", "substrate grading exponent", "ms")
      .add("iss", Double.NaN, "A", "substrate junction saturation current")
      .add("ns", 1, "-", "substrate emission coefficient")
      .add("xtb", 0, "-", "beta temperature exponent")
      .add("eg", 1.11, "eV", "energy gap")
      .add("xti", 3, "-", "is temperature exponent")
      .add("fc", 0.5, "-", "forward-bias depletion capacitance coefficient")
      .add("tnom", Double.NaN, "C", "parameter measurement temperature", "tref")
      .add("tlev", 0, "-", "beta temperature equation (0 or 1)")
      .add("subs", 1, "-", "substrate connection (1 vertical only)")
      .ignore("noise analysis is not supported", "kf", "af")
      .ignore("safe-operating-area limits are not checked", "vbe_max", "vbc_max", "vce_max", "pd_max", "ic_max",
          "ib_max", "te_max");

  /** Linear/quadratic temperature coefficients: parameter, first-order name (and alias), second-order name. */
  private static final String[][] TEMPCO = {{"rb", "trb1", "trb", "trb2"}, {"rbm", "trm1", "", "trm2"},
      {"re", "tre1", "tre", "tre2"}, {"rc", "trc1", "trc", "trc2"}, {"vaf", "tvaf1", "", "tvaf2"},
      {"var", "tvar1", "", "tvar2"}, {"ikf", "tikf1", "", "tikf2"}, {"ikr", "tikr1", "", "tikr2"},
      {"irb", "tirb1", "", "tirb2"}, {"nf", "tnf1", "", "tnf2"}, {"nr", "tnr1", "", "tnr2"}, {"ne", "tne1", "", "tne2"},
      {"nc", "tnc1", "", "tnc2"}, {"itf", "titf1", "", "titf2"}, {"tf", "ttf1", "", "ttf2"}, {"tr", "ttr1", "", "ttr2"},
      {"mje", "tmje1", "", "tmje2"}, {"mjc", "tmjc1", "", "tmjc2"}, {"mjs", "tmjs1", "", "tmjs2"},
      {"bf", "tbf1", "", "tbf2"}, {"br", "tbr1", "", "tbr2"}, {"ns", "tns1", "", "tns2"}};

  static {
    for (String[] t : TEMPCO) {
      if (t[2].isEmpty()) {
        PARAMS.add(t[1], 0, "1/K", "first-order temperature coefficient of " + t[0]);
      } else {
        PARAMS.add(t[1], 0, "1/K", "first-order temperature coefficient of " + t[0], t[2]);
      }
      PARAMS.add(t[3], 0, "1/K^2", "second-order temperature coefficient of " + t[0]);
    }
  }

  private static final List<String> REFUSED = List.of("rco", "vo", "gamma", "qco", "quasimod", "vg", "cn", "d",
      "tlevc", "cte", "ctc", "cts", "tvje", "tvjc", "tvjs", "tis1", "tis2", "tise1", "tise2", "tisc1", "tisc2",
      "tiss1", "tiss2", "ibe", "ibc", "rth0");

  private static final double GMIN = 1e-12;
  private final String name;
  private final List<String> nodes;
  private final double type;
  private final double m;
  private final double satCur;
  private final double beSat;
  private final double bcSat;
  private final double vtf;        // nf Vt
  private final double vtr;        // nr Vt
  private final double vte;
  private final double vtc;
  private final double vt;
  private final double beLeak;
  private final double bcLeak;
  private final double subSat;
  private final double vts;
  private final double betaF;
  private final double betaR;
  private final double invVaf;
  private final double invVar;
  private final double invIkf;
  private final double invIkr;
  private final double nkf;
  private final boolean nkfGiven;
  private final double rbHalf;     // irb * area, 0 when not given
  private final double rbMin;
  private final double rbpi;
  private final double gc;
  private final double ge;
  private final double tf;
  private final double tr;
  private final double xtf;
  private final double ovtf;
  private final double itf;
  private final double cje;
  private final double vje;
  private final double mje;
  private final double cjcInt;
  private final double cjcExt;
  private final double vjc;
  private final double mjc;
  private final double cjs;
  private final double vjs;
  private final double mjs;
  private final double fc;
  private final double vcrit;
  private final double subVcrit;
  private final List<String> notes;
  private final Map<String, Double> modelParams;
  // unknowns: c b e s and the internal c' b' e'
  private int c;
  private int b;
  private int e;
  private int s;
  private int ci;
  private int bi;
  private int ei;
  private final TerminalMatrix tm = new TerminalMatrix(7);
  private final int[][] h = tm.h;
  private double vbeLast;
  private double vbcLast;
  private double vsubLast;

  private static final int C = 0;
  private static final int B = 1;
  private static final int E = 2;
  private static final int S = 3;
  private static final int CI = 4;
  private static final int BI = 5;
  private static final int EI = 6;

  /**
   * @param substrate the substrate node, or "0"
   * @param instance area, areab, areac, m, temp (C), dtemp (K), off
   */
  public Bjt(String name, String collector, String base, String emitter, String substrate, boolean pnp,
      Map<String, Double> model, Map<String, Double> instance, Temperatures temps) {
    this.name = name.toLowerCase(Locale.ROOT);
    this.nodes = List.of(collector, base, emitter, substrate).stream().map(x -> x.toLowerCase(Locale.ROOT)).toList();
    Map<String, Double> clean = new HashMap<>();
    for (Map.Entry<String, Double> en : model.entrySet()) {
      String k = en.getKey().toLowerCase(Locale.ROOT);
      if (REFUSED.contains(k)) {
        throw new ModelParameterException(k, "bjt " + name + ": model parameter " + k + " is not supported"
            + " (quasi-saturation, tlevc 1 and tlev 3 temperature models are not implemented)");
      }
      clean.put(k, en.getValue());
    }
    ParamTable.Values v = PARAMS.read(clean);
    this.modelParams = new java.util.TreeMap<>(clean);
    this.notes = v.ignored().isEmpty() ? List.of()
        : List.of("bjt " + name + ": model parameters accepted without effect: " + String.join(", ", v.ignored()));
    Map<String, Double> inst = new HashMap<>();
    instance.forEach((k, x) -> inst.put(k.toLowerCase(Locale.ROOT), x));
    for (String k : inst.keySet()) {
      if (!List.of("area", "areab", "areac", "m", "temp", "dtemp", "off").contains(k)) {
        throw new ModelParameterException(k, "bjt " + name + " has no instance parameter " + k
            + " (known: area areab areac m temp dtemp off)");
      }
    }
    if (v.get("level") != 1) {
      throw new ModelParameterException("level", "bjt " + name + ": only level 1 (Gummel-Poon) is supported");
    }
    if (v.get("ptf") != 0) {
      throw new ModelParameterException("ptf", "bjt " + name + ": excess phase (ptf) is not supported");
    }
    if (v.get("subs") != 1) {
      throw new ModelParameterException("subs", "bjt " + name + ": only vertical devices (subs=1) are supported");
    }
    if (v.get("tlev") != 0 && v.get("tlev") != 1) {
      throw new ModelParameterException("tlev", "bjt " + name + ": tlev must be 0 or 1");
    }
    this.type = pnp ? -1 : 1;
    double area = inst.getOrDefault("area", 1.0);
    double areab = inst.getOrDefault("areab", area);
    double areac = inst.getOrDefault("areac", area);
    this.m = inst.getOrDefault("m", 1.0);
    if (!(area > 0) || !(areab > 0) || !(areac > 0) || !(m > 0)) {
      throw new ModelParameterException("area", "bjt " + name + ": area, areab, areac and m must be > 0");
    }
    double t = temps.instance(inst.getOrDefault("temp", Double.NaN), inst.getOrDefault("dtemp", Double.NaN));
    double tnom = temps.nominal(v.get("tnom"));
    double dt = t - tnom;
    Map<String, Double> f = new HashMap<>();
    for (String[] tc : TEMPCO) {
      f.put(tc[0], 1 + v.get(tc[1]) * dt + v.get(tc[3]) * dt * dt);
    }
    this.vt = Temperatures.thermalVoltage(t);
    double nf = v.get("nf") * f.get("nf");
    double nr = v.get("nr") * f.get("nr");
    this.vtf = nf * vt;
    this.vtr = nr * vt;
    this.vte = v.get("ne") * f.get("ne") * vt;
    this.vtc = v.get("nc") * f.get("nc") * vt;
    double is = v.get("is");
    double ratlog = Math.log(t / tnom);
    double factlog = (t / tnom - 1) * v.get("eg") / vt + v.get("xti") * ratlog;
    this.satCur = area * is * Math.exp(factlog);
    this.beSat = satCur;
    this.bcSat = satCur * areab / area;
    double bfactor = v.get("tlev") == 0 ? Math.exp(ratlog * v.get("xtb")) : 1 + v.get("xtb") * dt;
    boolean tbf = v.given("tbf1") || v.given("tbf2");
    boolean tbr = v.given("tbr1") || v.given("tbr2");
    this.betaF = v.get("bf") * (tbf ? f.get("bf") : bfactor);
    this.betaR = v.get("br") * (tbr ? f.get("br") : bfactor);
    double ise = v.given("ise") ? v.get("ise") : v.given("c2") ? v.get("c2") * is : 0;
    double isc = v.given("isc") ? v.get("isc") : v.given("c4") ? v.get("c4") * is : 0;
    this.beLeak = area * ise * Math.exp(factlog / v.get("ne")) / bfactor;
    this.bcLeak = areab * isc * Math.exp(factlog / v.get("nc")) / bfactor;
    this.subSat = v.given("iss") ? areac * v.get("iss") * Math.exp(factlog) : 0;
    this.vts = v.get("ns") * f.get("ns") * vt;
    this.invVaf = v.given("vaf") && v.get("vaf") != 0 ? 1 / (v.get("vaf") * f.get("vaf")) : 0;
    this.invVar = v.given("var") && v.get("var") != 0 ? 1 / (v.get("var") * f.get("var")) : 0;
    this.invIkf = v.given("ikf") && v.get("ikf") != 0 ? 1 / (v.get("ikf") * f.get("ikf")) / area : 0;
    this.invIkr = v.given("ikr") && v.get("ikr") != 0 ? 1 / (v.get("ikr") * f.get("ikr")) / area : 0;
    this.nkf = v.get("nkf");
    this.nkfGiven = v.given("nkf");
    double rb = v.get("rb") * f.get("rb") / area;
    double rbm0 = v.given("rbm") ? v.get("rbm") : v.get("rb");
    this.rbMin = rbm0 * f.get("rbm") / area;
    this.rbpi = rb - rbMin;
    this.rbHalf = v.given("irb") ? v.get("irb") * f.get("irb") * area : 0;
    this.gc = v.get("rc") != 0 ? area / (v.get("rc") * f.get("rc")) : 0;
    this.ge = v.get("re") != 0 ? area / (v.get("re") * f.get("re")) : 0;
    this.tf = v.get("tf") * f.get("tf");
    this.tr = v.get("tr") * f.get("tr");
    this.xtf = v.get("xtf");
    this.ovtf = v.given("vtf") && v.get("vtf") != 0 ? 1 / (v.get("vtf") * 1.44) : 0;
    this.itf = v.get("itf") * f.get("itf") * area;
    this.fc = Math.min(v.get("fc"), 0.9999);
    this.mje = Math.min(v.get("mje") * f.get("mje"), 0.999);
    this.mjc = Math.min(v.get("mjc") * f.get("mjc"), 0.999);
    this.mjs = Math.min(v.get("mjs") * f.get("mjs"), 0.999);
    this.vje = Temperatures.junctionPotential(v.get("vje"), tnom, t);
    this.vjc = Temperatures.junctionPotential(v.get("vjc"), tnom, t);
    this.vjs = Temperatures.junctionPotential(v.get("vjs"), tnom, t);
    this.cje = v.get("cje") > 0 ? area * Temperatures.junctionCap(v.get("cje"), mje, v.get("vje"), tnom, t) : 0;
    double cjc = v.get("cjc") > 0 ? areab * Temperatures.junctionCap(v.get("cjc"), mjc, v.get("vjc"), tnom, t) : 0;
    this.cjcInt = cjc * v.get("xcjc");
    this.cjcExt = cjc - cjcInt;
    this.cjs = v.get("cjs") > 0 ? areac * Temperatures.junctionCap(v.get("cjs"), mjs, v.get("vjs"), tnom, t) : 0;
    this.vcrit = vt * Math.log(vt / (Math.sqrt(2) * satCur));
    this.subVcrit = subSat > 0 ? vt * Math.log(vt / (Math.sqrt(2) * subSat)) : 50;
    if (!(betaF > 0) || !(betaR > 0) || !(nf > 0) || !(nr > 0) || !(is > 0)) {
      throw new ModelParameterException("bf", "bjt " + name + ": is, bf, br, nf and nr must be > 0");
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> nodes() {
    return nodes;
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
  public void allocate(Allocator a) {
    ci = gc > 0 ? a.internalNode(this, "c") : Integer.MIN_VALUE;
    bi = rbMin + rbpi > 0 ? a.internalNode(this, "b") : Integer.MIN_VALUE;
    ei = ge > 0 ? a.internalNode(this, "e") : Integer.MIN_VALUE;
  }

  @Override
  public void bind(Binder bd) {
    c = bd.node(nodes.get(0));
    b = bd.node(nodes.get(1));
    e = bd.node(nodes.get(2));
    s = bd.node(nodes.get(3));
    if (ci == Integer.MIN_VALUE) {
      ci = c;
    }
    if (bi == Integer.MIN_VALUE) {
      bi = b;
    }
    if (ei == Integer.MIN_VALUE) {
      ei = e;
    }
    int[] idx = {c, b, e, s, ci, bi, ei};
    tm.couple(bd, idx, CI, BI, EI);
    for (int[] p : new int[][] {{C, CI}, {B, BI}, {E, EI}, {B, CI}, {CI, S}}) {
      tm.couple(bd, idx, p[0], p[1]);
    }
  }

  @Override
  public void reset() {
    vbeLast = 0;
    vbcLast = 0;
    vsubLast = 0;
  }

  private static double nv(double[] x, int i) {
    return i < 0 ? 0 : x[i];
  }

  private final double[] jt = new double[2];
  /** Intrinsic results: cc (c'->e'), cb (into b'), derivatives w.r.t. vbe, vbc, qbe, qbc and theirs, gx. */
  private final double[] r = new double[16];

  /** Evaluates the intrinsic transistor at the normalized junction voltages. */
  private void intrinsic(double vbe, double vbc, boolean charges) {
    Junction.current(vbe, beSat, vtf, jt);
    double cbe = jt[0];
    double gbe = jt[1];
    Junction.current(vbe, beLeak, vte, jt);
    double cben = jt[0] + GMIN * vbe;
    double gben = jt[1] + GMIN;
    Junction.current(vbc, bcSat, vtr, jt);
    double cbc = jt[0];
    double gbc = jt[1];
    Junction.current(vbc, bcLeak, vtc, jt);
    double cbcn = jt[0] + GMIN * vbc;
    double gbcn = jt[1] + GMIN;
    double q1 = 1 / (1 - invVaf * vbc - invVar * vbe);
    double qb;
    double dqbdve;
    double dqbdvc;
    if (invIkf == 0 && invIkr == 0) {
      qb = q1;
      dqbdve = q1 * qb * invVar;
      dqbdvc = q1 * qb * invVaf;
    } else {
      double q2 = invIkf * cbe + invIkr * cbc;
      double arg = Math.max(0, 1 + 4 * q2);
      double sq = arg == 0 ? 1 : nkfGiven ? Math.pow(arg, nkf) : Math.sqrt(arg);
      qb = q1 * (1 + sq) / 2;
      if (!nkfGiven) {
        dqbdve = q1 * (qb * invVar + invIkf * gbe / sq);
        dqbdvc = q1 * (qb * invVaf + invIkr * gbc / sq);
      } else {
        dqbdve = q1 * (qb * invVar + invIkf * gbe * 2 * sq * nkf / arg);
        dqbdvc = q1 * (qb * invVaf + invIkr * gbc * 2 * sq * nkf / arg);
      }
    }
    double cc = (cbe - cbc) / qb - cbc / betaR - cbcn;
    double cb = cbe / betaF + cben + cbc / betaR + cbcn;
    double gpi = gbe / betaF + gben;
    double gmu = gbc / betaR + gbcn;
    double go = (gbc + (cbe - cbc) * dqbdvc / qb) / qb;
    double gm = (gbe - (cbe - cbc) * dqbdve / qb) / qb - go;
    r[0] = cc;
    r[1] = gm + go;          // dcc/dvbe
    r[2] = -(go + gmu);      // dcc/dvbc
    r[3] = cb;
    r[4] = gpi;              // dcb/dvbe
    r[5] = gmu;              // dcb/dvbc
    // base resistance
    double gx = rbMin + rbpi / qb;
    if (rbHalf != 0) {
      double a1 = Math.max(cb / rbHalf, 1e-9);
      double a2 = (-1 + Math.sqrt(1 + 14.59025 * a1)) / 2.4317 / Math.sqrt(a1);
      double tn = Math.tan(a2);
      gx = rbMin + 3 * rbpi * (tn - a2) / a2 / tn / tn;
    }
    r[6] = gx != 0 ? 1 / gx : 0;
    if (!charges) {
      return;
    }
    // transit-time charge tf * cbe' (cbe' = cbe (1 + argtf) / qb for vbe > 0) and its derivatives
    double qd = tf * cbe;
    double dqdve = tf * gbe;
    double dqdvc = 0;
    if (tf != 0 && vbe > 0) {
      double argtf = 0;
      double arg2 = 0;
      double arg3 = 0;
      if (xtf != 0) {
        argtf = xtf;
        if (ovtf != 0) {
          argtf *= Math.exp(vbc * ovtf);
        }
        arg2 = argtf;
        if (itf != 0) {
          double temp = cbe / (cbe + itf);
          argtf *= temp * temp;
          arg2 = argtf * (3 - temp - temp);
        }
        arg3 = cbe * argtf * ovtf;
      }
      double cbem = cbe * (1 + argtf) / qb;
      double gbem = (gbe * (1 + arg2) - cbem * dqbdve) / qb;
      qd = tf * cbem;
      dqdve = tf * gbem;
      dqdvc = tf * (arg3 - cbem * dqbdvc) / qb;
    }
    r[7] = qd + Diode.depletionCharge(vbe, cje, vje, mje, fc);
    r[8] = dqdve + Diode.depletionCap(vbe, cje, vje, mje, fc);
    r[9] = dqdvc;
    r[10] = tr * cbc + Diode.depletionCharge(vbc, cjcInt, vjc, mjc, fc);
    r[11] = tr * gbc + Diode.depletionCap(vbc, cjcInt, vjc, mjc, fc);
  }

  @Override
  public void load(Load l) {
    double[] x = l.x();
    double vbeT = type * (nv(x, bi) - nv(x, ei));
    double vbcT = type * (nv(x, bi) - nv(x, ci));
    double vsubT = type * (nv(x, s) - nv(x, ci));
    double vbe = vbeT;
    double vbc = vbcT;
    double vsub = vsubT;
    if (l.firstIteration()) {
      vbeLast = Math.min(vbe, vcrit);
      vbcLast = Math.min(vbc, vcrit);
      vsubLast = vsub;
    }
    vbe = Junction.limit(vbe, vbeLast, vt, vcrit);
    vbc = Junction.limit(vbc, vbcLast, vt, vcrit);
    vsub = Junction.limit(vsub, vsubLast, vt, subVcrit);
    if (vbe != vbeT || vbc != vbcT || vsub != vsubT) {
      l.limited();
    }
    vbeLast = vbe;
    vbcLast = vbc;
    vsubLast = vsub;
    intrinsic(vbe, vbc, !l.dc());
    double dve = vbeT - vbe;
    double dvc = vbcT - vbc;
    double cc = r[0] + r[1] * dve + r[2] * dvc;
    double cb = r[3] + r[4] * dve + r[5] * dvc;
    // cc flows c' -> e' through the device; cb flows into b' and out of e'
    double ic = type * cc * m;
    double ib = type * cb * m;
    l.f(ci, ic);
    l.f(ei, -ic - ib);
    l.f(bi, ib);
    // derivatives: cc(vbe, vbc) with vbe = vb'-ve', vbc = vb'-vc'
    stamp3(l, CI, m * r[1], m * r[2]);
    stamp3(l, BI, m * r[4], m * r[5]);
    stamp3(l, EI, -m * (r[1] + r[4]), -m * (r[2] + r[5]));
    // base, collector, emitter resistances
    resistor(l, B, BI, r[6] * m, x);
    resistor(l, C, CI, gc * m, x);
    resistor(l, E, EI, ge * m, x);
    // substrate junction current
    double cdsub;
    double gdsub;
    if (subSat > 0) {
      Junction.current(vsub, subSat, vts, jt);
      cdsub = jt[0] + GMIN * vsub;
      gdsub = jt[1] + GMIN;
    } else {
      cdsub = GMIN * vsub;
      gdsub = GMIN;
    }
    cdsub += gdsub * (vsubT - vsub);
    double isub = type * cdsub * m;
    l.f(s, isub);
    l.f(ci, -isub);
    tm.pair(l, S, CI, gdsub * m, false);
    if (l.dc()) {
      return;
    }
    // charges (at the true voltages; their derivatives are exact)
    intrinsic(vbeT, vbcT, true);
    double qbe = type * r[7] * m;
    double qbc = type * r[10] * m;
    l.q(bi, qbe + qbc);
    l.q(ei, -qbe);
    l.q(ci, -qbc);
    // d qbe / d(vbe, vbc), d qbc / d vbc
    double cbe = r[8] * m;
    double cbx = r[9] * m;
    double cbc = r[11] * m;
    cap3(l, BI, cbe + cbx + cbc, -cbe, -cbx - cbc);
    cap3(l, EI, -cbe - cbx, cbe, cbx);
    cap3(l, CI, -cbc, 0, cbc);
    double vbx = type * (nv(x, b) - nv(x, ci));
    if (cjcExt > 0) {
      double q = type * Diode.depletionCharge(vbx, cjcExt, vjc, mjc, fc) * m;
      l.q(b, q);
      l.q(ci, -q);
      tm.pair(l, B, CI, Diode.depletionCap(vbx, cjcExt, vjc, mjc, fc) * m, true);
    }
    if (cjs > 0) {
      double qs;
      double cs;
      if (vsubT < 0) {
        qs = Diode.depletionCharge(vsubT, cjs, vjs, mjs, 0.99);
        cs = Diode.depletionCap(vsubT, cjs, vjs, mjs, 0.99);
      } else {
        qs = vsubT * cjs * (1 + mjs * vsubT / (2 * vjs));
        cs = cjs * (1 + mjs * vsubT / vjs);
      }
      l.q(s, type * qs * m);
      l.q(ci, -type * qs * m);
      tm.pair(l, S, CI, cs * m, true);
    }
  }

  /** Row derivatives with respect to vbe = vb'-ve' (coefficient de) and vbc = vb'-vc' (dc). */
  private void stamp3(Load l, int row, double de, double dc) {
    l.g(h[row][BI], de + dc);
    l.g(h[row][EI], -de);
    l.g(h[row][CI], -dc);
  }

  /** Capacitance entries of one row: d q / d vb', d q / d ve', d q / d vc'. */
  private void cap3(Load l, int row, double dvb, double dve, double dvc) {
    l.c(h[row][BI], dvb);
    l.c(h[row][EI], dve);
    l.c(h[row][CI], dvc);
  }

  private void resistor(Load l, int a, int k, double g, double[] x) {
    int[] idx = {c, b, e, s, ci, bi, ei};
    if (g <= 0 || idx[a] == idx[k]) {
      return;
    }
    double i = g * (nv(x, idx[a]) - nv(x, idx[k]));
    l.f(idx[a], i);
    l.f(idx[k], -i);
    tm.pair(l, a, k, g, false);
  }



  @Override
  public double power(double[] x, double t) {
    double vbe = type * (nv(x, bi) - nv(x, ei));
    double vbc = type * (nv(x, bi) - nv(x, ci));
    intrinsic(vbe, vbc, false);
    double vce = vbe - vbc;
    double p = m * (r[0] * vce + r[3] * vbe);
    p += gc > 0 ? gc * m * Math.pow(nv(x, c) - nv(x, ci), 2) : 0;
    p += ge > 0 ? ge * m * Math.pow(nv(x, e) - nv(x, ei), 2) : 0;
    p += b != bi ? r[6] * m * Math.pow(nv(x, b) - nv(x, bi), 2) : 0;
    return p;
  }

  @Override
  public SpiceCard toSpice() {
    String model = name + "_q";
    return new SpiceCard(List.of(name + " " + String.join(" ", nodes) + " " + model
        + (m != 1 ? " m=" + Waveform.trimNumber(m) : "")),
        List.of(ParamTable.modelLine(model, type < 0 ? "pnp" : "npn", modelParams)));
  }
}
