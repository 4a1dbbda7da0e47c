package org.neuristor.circuit.element;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.neuristor.ModelParameterException;
import org.neuristor.circuit.Allocator;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.Load;

/**
 * MOSFET, SPICE level 1 (Shichman-Hodges) with ngspice-39's full parameter set: body effect,
 * channel-length modulation, drain/source interchange, series resistances (RD, RS or RSH with
 * NRD/NRS), bulk-drain and bulk-source junction diodes (IS or JS with AD/AS; CBD/CBS or CJ, CJSW with
 * AD/AS, PD/PS; PB, MJ, MJSW, FC), overlap capacitances (CGSO, CGDO, CGBO), Meyer's gate capacitances
 * when TOX is given, process parameters (TOX, UO, NSUB, TPG, NSS deriving KP, GAMMA, PHI, VTO when
 * those are not given) and temperature (TNOM; KP, PHI, VTO, IS and the junctions scale with T).
 * For an n-channel device with vds >= 0:
 *
 * <pre>
 *   vth = VBI + GAMMA sqrt(PHI - vbs),     VBI = VTO - GAMMA sqrt(PHI),   beta = KP W / (L - 2 LD)
 *   id  = 0                                          vgs <= vth       (cut-off)
 *       = beta (vgs - vth - vds/2) vds (1 + LAMBDA vds)   vds < vgs - vth  (linear)
 *       = beta/2 (vgs - vth)^2 (1 + LAMBDA vds)           otherwise        (saturation)
 * </pre>
 *
 * Meyer's capacitances are not derivable from a charge, so (as in SPICE) the gate charges are
 * integrated as {@code q = q_prev + (C_prev + C) / 2 (v - v_prev)} from the last accepted time point.
 * Newton steps are limited as in SPICE (fetlim on the gate, limvds, pnjlim on the junctions). Noise
 * parameters (KF, AF) are accepted without effect. Instance: l, w (default 100 um), ad, as, pd, ps,
 * nrd, nrs, m, temp, dtemp, off.
 */
public final class Mosfet1 implements Element, Annotated {

  /** The level-1 model parameters, as ngspice names them. */
  public static final ParamTable PARAMS = new ParamTable("mos level 1")
      .add("level", 1, "-", "model level (1 only)")
      .add("vto", Double.NaN, "V", "zero-bias threshold voltage (0, or from nsub)", "vt0")
      .add("kp", Double.NaN, "A/V^2", "transconductance (2e-5, or uo*cox)")
      .add("gamma", Double.NaN, "V^0.5", "body-effect coefficient (0, or from nsub)")
      .add("phi", Double.NaN, "V", "surface potential (0.6, or from nsub)")
      .add("lambda", 0, "1/V", "channel-length modulation")
      .add("rd", 0, "Ohm", "drain resistance")
      .add("rs", 0, "Ohm", "source resistance")
      .add("rsh", 0, "Ohm/sq", "sheet resistance of drain and source")
      .add("cbd", Double.NaN, "F", "zero-bias bulk-drain capacitance")
      .add("cbs", Double.NaN, "F", "zero-bias bulk-source capacitance")
      .add("is", 1e-14, "A", "bulk junction saturation current")
      .add("js", 0, "A/m^2", "bulk junction saturation current density")
      .add("pb", 0.8, "V", "bulk junction potential")
      .add("cj", Double.NaN, "F/m^2", "bottom junction capacitance per area")
      .add("mj", 0.5, "-", "bottom junction grading coefficient")
      .add("cjsw", Double.NaN, "F/m", "sidewall junction capacitance per length")
      .add("mjsw", 0.5, "-", "sidewall grading coefficient")
      .add("fc", 0.5, "-", "forward-bias depletion capacitance coefficient")
      .add("cgso", 0, "F/m", "gate-source overlap capacitance per width")
      .add("cgdo", 0, "F/m", "gate-drain overlap capacitance per width")
      .add("cgbo", 0, "F/m", "gate-bulk overlap capacitance per length")
      .add("tox", Double.NaN, "m", "oxide thickness (enables Meyer's gate capacitances)")
      .add("ld", 0, "m", "lateral diffusion")
      .add("uo", 600, "cm^2/Vs", "surface mobility", "u0")
      .add("nsub", Double.NaN, "1/cm^3", "substrate doping")
      .add("tpg", 1, "-", "gate type: 1 opposite to substrate, -1 same, 0 aluminium")
      .add("nss", 0, "1/cm^2", "surface state density")
      .add("tnom", Double.NaN, "C", "parameter measurement temperature")
      .ignore("noise analysis is not supported", "kf", "af");

  private static final double GMIN = 1e-12;
  private static final double EPS_OX = 3.9 * 8.854214871e-12;
  private static final double EPS_SI = 11.70 * 8.854214871e-12;

  private final String name;
  private final List<String> nodes;
  private final double type;
  private final double beta;
  private final double gamma;
  private final double phi;
  private final double vbi;
  private final double vto;
  private final double lambda;
  private final double vt;
  private final double drainSat;
  private final double sourceSat;
  private final double drainVcrit;
  private final double sourceVcrit;
  private final double gd;       // drain conductance, 0 when none
  private final double gs;
  private final double cgsOv;
  private final double cgdOv;
  private final double cgbOv;
  private final double cox;      // oxide capacitance of the whole gate, 0 without tox
  private final double bulkPot;
  private final double mj;
  private final double mjsw;
  private final double fc;
  private final double czbd;
  private final double czbdsw;
  private final double czbs;
  private final double czbssw;
  private final Map<String, Double> modelParams;
  private final double lengthMeters;
  private final double widthMeters;
  private final List<String> notes;
  // terminals: d g s b and the internal drain/source (= d/s without series resistance)
  private int d;
  private int g;
  private int s;
  private int b;
  private int dp;
  private int sp;
  private final TerminalMatrix tm = new TerminalMatrix(6);
  private final int[][] h = tm.h;
  // Newton limiting memory (normalized n-channel voltages of the last iteration)
  private double vgsL;
  private double vdsL;
  private double vbsL;
  private double vbdL;
  private double vonL;
  // Meyer charge history at the last accepted point: voltages, half-capacitances, charges
  private boolean history;
  private final double[] vAcc = new double[3];
  private final double[] halfAcc = new double[3];
  private final double[] qAcc = new double[3];

  /** A device at 27 C with only length and width given. */
  public Mosfet1(String name, String drain, String gate, String source, String bulk, boolean pChannel,
      Map<String, Double> model, double lengthMeters, double widthMeters) {
    this(name, drain, gate, source, bulk, pChannel, model, Map.of("l", lengthMeters, "w", widthMeters),
        Temperatures.DEFAULT);
  }

  /**
   * @param instance instance parameters: l, w, ad, as, pd, ps, nrd, nrs, m, temp (C), dtemp (K), off
   */
  public Mosfet1(String name, String drain, String gate, String source, String bulk, boolean pChannel,
      Map<String, Double> model, Map<String, Double> instance, Temperatures temps) {
    this.name = name.toLowerCase(Locale.ROOT);
    this.nodes = List.of(drain, gate, source, bulk).stream().map(x -> x.toLowerCase(Locale.ROOT)).toList();
    ParamTable.Values v = PARAMS.read(model);
    Map<String, Double> p = new TreeMap<>();
    model.forEach((k, x) -> p.put(k.toLowerCase(Locale.ROOT), x));
    this.modelParams = p;
    this.notes = v.ignored().isEmpty() ? List.of()
        : List.of("mosfet " + name + ": model parameters accepted without effect: " + String.join(", ", v.ignored()));
    Map<String, Double> inst = new HashMap<>();
    instance.forEach((k, x) -> inst.put(k.toLowerCase(Locale.ROOT), x));
    for (String k : inst.keySet()) {
      if (!List.of("l", "w", "ad", "as", "pd", "ps", "nrd", "nrs", "m", "temp", "dtemp", "off").contains(k)) {
        throw new ModelParameterException(k, "mosfet " + name + " has no instance parameter " + k
            + " (known: l w ad as pd ps nrd nrs m temp dtemp off)");
      }
    }
    if (v.get("level") != 1) {
      throw new ModelParameterException("level", "mosfet " + name + ": only level 1 is supported, got " + v.get("level"));
    }
    this.type = pChannel ? -1 : 1;
    double m = inst.getOrDefault("m", 1.0);
    this.lengthMeters = inst.getOrDefault("l", 100e-6);
    this.widthMeters = inst.getOrDefault("w", 100e-6);
    double ad = inst.getOrDefault("ad", 0.0);
    double as = inst.getOrDefault("as", 0.0);
    double pd = inst.getOrDefault("pd", 0.0);
    double ps = inst.getOrDefault("ps", 0.0);
    double leff = lengthMeters - 2 * v.get("ld");
    if (!(leff > 0) || !(widthMeters > 0) || !(m > 0)) {
      throw new ModelParameterException("l", "mosfet " + name + ": need w > 0, m > 0 and l - 2 ld > 0");
    }
    double t = temps.instance(inst.getOrDefault("temp", Double.NaN), inst.getOrDefault("dtemp", Double.NaN));
    double tnom = temps.nominal(v.get("tnom"));
    double vtnom = Temperatures.thermalVoltage(tnom);
    this.vt = Temperatures.thermalVoltage(t);
    // process parameters (ngspice's mos1temp)
    double coxArea = v.given("tox") && v.get("tox") != 0 ? EPS_OX / v.get("tox") : 0;
    double kp = v.given("kp") ? v.get("kp") : coxArea > 0 ? v.get("uo") * coxArea * 1e-4 : 2e-5;
    double phi0 = v.given("phi") ? v.get("phi") : 0.6;
    double gamma0 = v.given("gamma") ? v.get("gamma") : 0;
    double vto0 = v.given("vto") ? v.get("vto") : 0;
    if (coxArea > 0 && v.given("nsub")) {
      double nsub = v.get("nsub") * 1e6;
      if (!(nsub > 1.45e16)) {
        throw new ModelParameterException("nsub", "mosfet " + name + ": nsub must exceed the intrinsic density 1.45e10 cm^-3");
      }
      double egfet1 = Temperatures.siliconGap(tnom);
      if (!v.given("phi")) {
        phi0 = Math.max(0.1, 2 * vtnom * Math.log(nsub / 1.45e16));
      }
      double fermis = type * 0.5 * phi0;
      double wkfng = 3.2;
      double tpg = v.get("tpg");
      if (tpg != 0) {
        double fermig = type * tpg * 0.5 * egfet1;
        wkfng = 3.25 + 0.5 * egfet1 - fermig;
      }
      double wkfngs = wkfng - (3.25 + 0.5 * egfet1 + fermis);
      if (!v.given("gamma")) {
        gamma0 = Math.sqrt(2 * EPS_SI * Temperatures.CHARGE * nsub) / coxArea;
      }
      if (!v.given("vto")) {
        double vfb = wkfngs - v.get("nss") * 1e4 * Temperatures.CHARGE / coxArea;
        vto0 = vfb + type * (gamma0 * Math.sqrt(phi0) + phi0);
      }
    }
    if (!(phi0 > 0)) {
      throw new ModelParameterException("phi", "mosfet " + name + ": phi must be > 0");
    }
    if (!(kp > 0)) {
      throw new ModelParameterException("kp", "mosfet " + name + ": kp must be > 0");
    }
    double ratio = t / tnom;
    double ref = 300.15;
    double egfet = Temperatures.siliconGap(t);
    double egfet1 = Temperatures.siliconGap(tnom);
    this.phi = Temperatures.junctionPotential(phi0, tnom, t);
    this.gamma = gamma0;
    this.vbi = vto0 - type * gamma0 * Math.sqrt(phi0) + 0.5 * (egfet1 - egfet) + type * 0.5 * (phi - phi0);
    this.vto = vbi + type * gamma0 * Math.sqrt(phi);
    this.beta = kp / (ratio * Math.sqrt(ratio)) * m * widthMeters / leff;
    this.lambda = v.get("lambda");
    double satFactor = Math.exp(-egfet / vt + egfet1 / vtnom);
    double tSat = v.get("is") * satFactor;
    double tSatDens = v.get("js") * satFactor;
    if (tSatDens == 0 || ad == 0 || as == 0) {
      this.drainSat = m * tSat;
      this.sourceSat = m * tSat;
    } else {
      this.drainSat = m * tSatDens * ad;
      this.sourceSat = m * tSatDens * as;
    }
    this.drainVcrit = vt * Math.log(vt / (Math.sqrt(2) * Math.max(drainSat, 1e-300)));
    this.sourceVcrit = vt * Math.log(vt / (Math.sqrt(2) * Math.max(sourceSat, 1e-300)));
    // junction capacitances at T
    double pb = v.get("pb");
    this.mj = v.get("mj");
    this.mjsw = v.get("mjsw");
    this.fc = v.get("fc");
    this.bulkPot = Temperatures.junctionPotential(pb, tnom, t);
    double capBot = Temperatures.junctionCap(1.0, mj, pb, tnom, t);
    double capSide = Temperatures.junctionCap(1.0, mjsw, pb, tnom, t);
    this.czbd = (v.given("cbd") ? v.get("cbd") * capBot : v.given("cj") ? v.get("cj") * capBot * ad : 0) * m;
    this.czbs = (v.given("cbs") ? v.get("cbs") * capBot : v.given("cj") ? v.get("cj") * capBot * as : 0) * m;
    this.czbdsw = v.given("cjsw") ? v.get("cjsw") * capSide * pd * m : 0;
    this.czbssw = v.given("cjsw") ? v.get("cjsw") * capSide * ps * m : 0;
    if (!(mj > 0 && mj < 1) || !(mjsw > 0 && mjsw < 1) || !(fc >= 0 && fc < 1) || !(pb > 0)) {
      throw new ModelParameterException("mj", "mosfet " + name + ": need 0 < mj, mjsw < 1, 0 <= fc < 1, pb > 0");
    }
    // series resistances
    double rd = v.get("rd");
    double rs = v.get("rs");
    double rsh = v.get("rsh");
    double nrd = inst.getOrDefault("nrd", 1.0);
    double nrs = inst.getOrDefault("nrs", 1.0);
    this.gd = v.given("rd") ? (rd != 0 ? m / rd : 0) : rsh != 0 && nrd != 0 ? m / (rsh * nrd) : 0;
    this.gs = v.given("rs") ? (rs != 0 ? m / rs : 0) : rsh != 0 && nrs != 0 ? m / (rsh * nrs) : 0;
    this.cgsOv = v.get("cgso") * m * widthMeters;
    this.cgdOv = v.get("cgdo") * m * widthMeters;
    this.cgbOv = v.get("cgbo") * m * leff;
    this.cox = coxArea * leff * m * widthMeters;
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
    dp = gd > 0 ? a.internalNode(this, "d") : Integer.MIN_VALUE;
    sp = gs > 0 ? a.internalNode(this, "s") : Integer.MIN_VALUE;
  }

  @Override
  public void bind(Binder bd) {
    d = bd.node(nodes.get(0));
    g = bd.node(nodes.get(1));
    s = bd.node(nodes.get(2));
    b = bd.node(nodes.get(3));
    if (dp == Integer.MIN_VALUE) {
      dp = d;
    }
    if (sp == Integer.MIN_VALUE) {
      sp = s;
    }
    int[] idx = {d, g, s, b, dp, sp};
    // the intrinsic device couples d', g, s', b; the resistors d-d' and s-s'
    tm.couple(bd, idx, G, B, DP, SP);
    if (gd > 0) {
      tm.couple(bd, idx, D, DP);
    }
    if (gs > 0) {
      tm.couple(bd, idx, S, SP);
    }
  }

  private static final int D = 0;
  private static final int G = 1;
  private static final int S = 2;
  private static final int B = 3;
  private static final int DP = 4;
  private static final int SP = 5;

  @Override
  public void reset() {
    vgsL = 0;
    vdsL = 0;
    vbsL = 0;
    vbdL = 0;
    vonL = vto;
    history = false;
  }

  /** Channel current of the normal-mode device and its derivatives: cdrain, gm, gds, gmbs, von, vdsat. */
  private final double[] ch = new double[6];

  private void channel(double vgs, double vds, double vbs) {
    double sarg;
    if (vbs <= 0) {
      sarg = Math.sqrt(phi - vbs);
    } else {
      sarg = Math.sqrt(phi);
      sarg = Math.max(0, sarg - vbs / (sarg + sarg));
    }
    double von = vbi * type + gamma * sarg;
    double vgst = vgs - von;
    double vdsat = Math.max(vgst, 0);
    // d(gamma sarg)/d(-vbs): ngspice-39 uses gamma/(2 sarg) in forward bulk bias too, which is not the
    // slope of its own linear continuation there; the exact slope (gamma/(2 sqrt(phi)), 0 once clamped)
    // gives the same solution with a consistent Jacobian (the element contract test checks it)
    double arg = sarg <= 0 ? 0 : vbs <= 0 ? gamma / (sarg + sarg) : gamma / (2 * Math.sqrt(phi));
    double cd;
    double gm;
    double gds;
    if (vgst <= 0) {
      cd = 0;
      gm = 0;
      gds = 0;
    } else {
      double betap = beta * (1 + lambda * vds);
      if (vgst <= vds) {
        cd = betap * vgst * vgst * 0.5;
        gm = betap * vgst;
        gds = lambda * beta * vgst * vgst * 0.5;
      } else {
        cd = betap * vds * (vgst - 0.5 * vds);
        gm = betap * vds;
        gds = betap * (vgst - vds) + lambda * beta * vds * (vgst - 0.5 * vds);
      }
    }
    ch[0] = cd;
    ch[1] = gm;
    ch[2] = gds;
    ch[3] = gm * arg;
    ch[4] = von;
    ch[5] = vdsat;
  }

  private static double limvds(double vnew, double vold) {
    if (vold >= 3.5) {
      if (vnew > vold) {
        return Math.min(vnew, 3 * vold + 2);
      }
      return vnew < 3.5 ? Math.max(vnew, 2) : vnew;
    }
    return vnew > vold ? Math.min(vnew, 4) : Math.max(vnew, -0.5);
  }

  /** Half of Meyer's gate capacitances (gs, gd, gb) for the normal-mode device, as SPICE's DEVqmeyer. */
  private static void meyer(double vgs, double vgd, double von, double vdsat, double phi, double cox, double[] out) {
    double vgst = vgs - von;
    vdsat = Math.max(vdsat, 0.025);
    double cgs;
    double cgd;
    double cgb;
    if (vgst <= -phi) {
      cgb = cox / 2;
      cgs = 0;
      cgd = 0;
    } else if (vgst <= -phi / 2) {
      cgb = -vgst * cox / (2 * phi);
      cgs = 0;
      cgd = 0;
    } else if (vgst <= 0) {
      cgb = -vgst * cox / (2 * phi);
      cgs = vgst * cox / (1.5 * phi) + cox / 3;
      double vds = vgs - vgd;
      if (vds >= vdsat) {
        cgd = 0;
      } else {
        double vddif = 2 * vdsat - vds;
        double vddif1 = vdsat - vds;
        double vddif2 = vddif * vddif;
        cgd = cgs * (1 - vdsat * vdsat / vddif2);
        cgs = cgs * (1 - vddif1 * vddif1 / vddif2);
      }
    } else {
      double vds = vgs - vgd;
      if (vdsat <= vds) {
        cgs = cox / 3;
        cgd = 0;
      } else {
        double vddif = 2 * vdsat - vds;
        double vddif1 = vdsat - vds;
        double vddif2 = vddif * vddif;
        cgd = cox * (1 - vdsat * vdsat / vddif2) / 3;
        cgs = cox * (1 - vddif1 * vddif1 / vddif2) / 3;
      }
      cgb = 0;
    }
    out[0] = cgs;
    out[1] = cgd;
    out[2] = cgb;
  }

  private final double[] half = new double[3];

  /** A node voltage at x (0 for ground). */
  private static double nv(double[] x, int i) {
    return i < 0 ? 0 : x[i];
  }

  @Override
  public void load(Load l) {
    double[] x = l.x();
    double vgsT = type * (nv(x, g) - nv(x, sp));
    double vdsT = type * (nv(x, dp) - nv(x, sp));
    double vbsT = type * (nv(x, b) - nv(x, sp));
    double vgs = vgsT;
    double vds = vdsT;
    double vbs = vbsT;
    if (!l.firstIteration()) {
      double vbd = vbs - vds;
      double vgd = vgs - vds;
      double vgdo = vgsL - vdsL;
      double von = vonL;
      if (vdsL >= 0) {
        vgs = Junction.fetLimit(vgs, vgsL, von);
        vds = vgs - vgd;
        vds = limvds(vds, vdsL);
      } else {
        vgd = Junction.fetLimit(vgd, vgdo, von);
        vds = vgs - vgd;
        vds = -limvds(-vds, -vdsL);
        vgs = vgd + vds;
      }
      if (vds >= 0) {
        vbs = Junction.limit(vbs, vbsL, vt, sourceVcrit);
      } else {
        vbd = Junction.limit(vbs - vds, vbdL, vt, drainVcrit);
        vbs = vbd + vds;
      }
      if (Math.abs(vgs - vgsT) > 1e-12 || Math.abs(vds - vdsT) > 1e-12 || Math.abs(vbs - vbsT) > 1e-12) {
        l.limited();
      }
    }
    double vbd = vbs - vds;
    vgsL = vgs;
    vdsL = vds;
    vbsL = vbs;
    vbdL = vbd;
    double dvgs = vgsT - vgs;
    double dvds = vdsT - vds;
    double dvbs = vbsT - vbs;
    // bulk junctions (normalized currents from bulk into source / drain)
    double gbs;
    double cbs;
    if (vbs <= -3 * vt) {
      gbs = GMIN;
      cbs = GMIN * vbs - sourceSat;
    } else {
      double e = Math.exp(Math.min(700, vbs / vt));
      gbs = sourceSat * e / vt + GMIN;
      cbs = sourceSat * (e - 1) + GMIN * vbs;
    }
    double gbd;
    double cbd;
    if (vbd <= -3 * vt) {
      gbd = GMIN;
      cbd = GMIN * vbd - drainSat;
    } else {
      double e = Math.exp(Math.min(700, vbd / vt));
      gbd = drainSat * e / vt + GMIN;
      cbd = drainSat * (e - 1) + GMIN * vbd;
    }
    cbs += gbs * dvbs;
    cbd += gbd * (dvbs - dvds);
    // channel
    int mode = vds >= 0 ? 1 : -1;
    double idn;   // normalized channel current d' -> s'
    double dIdVgs;
    double dIdVds;
    double dIdVbs;
    if (mode > 0) {
      channel(vgs, vds, vbs);
      idn = ch[0];
      dIdVgs = ch[1];
      dIdVds = ch[2];
      dIdVbs = ch[3];
    } else {
      channel(vgs - vds, -vds, vbd);
      idn = -ch[0];
      dIdVgs = -ch[1];
      dIdVds = ch[1] + ch[2] + ch[3];
      dIdVbs = -ch[3];
    }
    vonL = ch[4];
    double vdsat = ch[5];
    idn += dIdVgs * dvgs + dIdVds * dvds + dIdVbs * dvbs;
    // currents into the circuit rows (f = current leaving the node through the device)
    double ich = type * idn;
    l.f(dp, ich);
    l.f(sp, -ich);
    // d ich / d(node voltage): physical derivatives equal normalized ones (type^2 = 1)
    double dSum = dIdVgs + dIdVds + dIdVbs;
    stampRow(l, DP, dIdVds, dIdVgs, -dSum, dIdVbs);
    stampRow(l, SP, -dIdVds, -dIdVgs, dSum, -dIdVbs);
    double ibs = type * cbs;
    double ibd = type * cbd;
    l.f(b, ibs + ibd);
    l.f(sp, -ibs);
    l.f(dp, -ibd);
    tm.pair(l, B, SP, gbs, false);
    tm.pair(l, B, DP, gbd, false);
    // series resistances
    if (gd > 0) {
      double i = gd * (nv(x, d) - nv(x, dp));
      l.f(d, i);
      l.f(dp, -i);
      tm.pair(l, D, DP, gd, false);
    }
    if (gs > 0) {
      double i = gs * (nv(x, s) - nv(x, sp));
      l.f(s, i);
      l.f(sp, -i);
      tm.pair(l, S, SP, gs, false);
    }
    if (l.dc()) {
      return;
    }
    // junction depletion charges (bulk side positive)
    double vbsA = vbsT;
    double vbdA = vbsT - vdsT;
    if (czbs > 0 || czbssw > 0) {
      double q = Diode.depletionCharge(vbsA, czbs, bulkPot, mj, fc) + Diode.depletionCharge(vbsA, czbssw, bulkPot, mjsw, fc);
      double c = Diode.depletionCap(vbsA, czbs, bulkPot, mj, fc) + Diode.depletionCap(vbsA, czbssw, bulkPot, mjsw, fc);
      charge(l, B, SP, type * q, c);
    }
    if (czbd > 0 || czbdsw > 0) {
      double q = Diode.depletionCharge(vbdA, czbd, bulkPot, mj, fc) + Diode.depletionCharge(vbdA, czbdsw, bulkPot, mjsw, fc);
      double c = Diode.depletionCap(vbdA, czbd, bulkPot, mj, fc) + Diode.depletionCap(vbdA, czbdsw, bulkPot, mjsw, fc);
      charge(l, B, DP, type * q, c);
    }
    // gate charges: overlap (linear) plus Meyer (integrated from the last accepted point)
    double vgdA = vgsT - vdsT;
    double vgbA = vgsT - vbsT;
    double[] vnow = {vgsT, vgdA, vgbA};
    double[] ov = {cgsOv, cgdOv, cgbOv};
    if (cox > 0) {
      meyerHalves(vgsT, vgdA, vdsT, ch[4], vdsat, half);
    } else {
      half[0] = half[1] = half[2] = 0;
    }
    int[] other = {SP, DP, B};
    for (int k = 0; k < 3; k++) {
      double cap;
      double q;
      if (!history) {
        cap = 2 * half[k] + ov[k];
        q = cap * vnow[k];
      } else {
        cap = half[k] + halfAcc[k] + ov[k];
        q = qAcc[k] + cap * (vnow[k] - vAcc[k]);
      }
      if (cap != 0) {
        charge(l, G, other[k], type * q, cap);
      }
    }
  }

  /** Meyer half-capacitances at the given normalized voltages, in gs/gd/gb order for either mode. */
  private void meyerHalves(double vgs, double vgd, double vds, double von, double vdsat, double[] out) {
    if (vds >= 0) {
      meyer(vgs, vgd, von, vdsat, phi, cox, out);
    } else {
      meyer(vgd, vgs, von, vdsat, phi, cox, out);
      double t = out[0];
      out[0] = out[1];
      out[1] = t;
    }
  }

  @Override
  public void accept(double[] x, double t) {
    double vgs = type * (nv(x, g) - nv(x, sp));
    double vds = type * (nv(x, dp) - nv(x, sp));
    double vbs = type * (nv(x, b) - nv(x, sp));
    double[] vnow = {vgs, vgs - vds, vgs - vbs};
    double[] h2 = new double[3];
    if (cox > 0) {
      if (vds >= 0) {
        channel(vgs, vds, vbs);
      } else {
        channel(vgs - vds, -vds, vbs - vds);
      }
      meyerHalves(vgs, vgs - vds, vds, ch[4], ch[5], h2);
    }
    double[] ov = {cgsOv, cgdOv, cgbOv};
    for (int k = 0; k < 3; k++) {
      double q = !history ? (2 * h2[k] + ov[k]) * vnow[k] : qAcc[k] + (h2[k] + halfAcc[k] + ov[k]) * (vnow[k] - vAcc[k]);
      qAcc[k] = q;
      vAcc[k] = vnow[k];
      halfAcc[k] = h2[k];
    }
    history = true;
  }

  /** Stamps one row's derivatives with respect to d', g, s', b. */
  private void stampRow(Load l, int row, double dd, double dg, double ds, double db) {
    l.g(h[row][DP], dd);
    l.g(h[row][G], dg);
    l.g(h[row][SP], ds);
    l.g(h[row][B], db);
  }

  /** Conductance stamp between terminals a and c. */


  /** Charge q on terminal a (and -q on c) with capacitance dq/d(va - vc). */
  private void charge(Load l, int a, int c, double q, double cap) {
    int[] idx = {d, g, s, b, dp, sp};
    l.q(idx[a], q);
    l.q(idx[c], -q);
    tm.pair(l, a, c, cap, true);
  }

  @Override
  public double power(double[] x, double t) {
    double vgs = type * (nv(x, g) - nv(x, sp));
    double vds = type * (nv(x, dp) - nv(x, sp));
    double vbs = type * (nv(x, b) - nv(x, sp));
    double i;
    if (vds >= 0) {
      channel(vgs, vds, vbs);
      i = ch[0];
    } else {
      channel(vgs - vds, -vds, vbs - vds);
      i = -ch[0];
    }
    double pr = gd > 0 ? gd * Math.pow(nv(x, d) - nv(x, dp), 2) : 0;
    pr += gs > 0 ? gs * Math.pow(nv(x, s) - nv(x, sp), 2) : 0;
    return vds * i + pr;
  }

  @Override
  public SpiceCard toSpice() {
    String model = name + "_mod";
    return new SpiceCard(List.of(name + " " + String.join(" ", nodes) + " " + model + " l="
        + Waveform.trimNumber(lengthMeters) + " w=" + Waveform.trimNumber(widthMeters)),
        List.of(ParamTable.modelLine(model, type < 0 ? "pmos" : "nmos", modelParams)));
  }
}
