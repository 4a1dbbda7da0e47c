package org.neuristor.circuit.element;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuristor.ModelParameterException;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.Load;

/**
 * MOSFET, SPICE level 1 (Shichman-Hodges), n- or p-channel, with body effect, channel-length
 * modulation, drain/source interchange and linear overlap capacitances. For an n-channel device
 * with vds >= 0:
 *
 * <pre>
 *   vth = VTO + GAMMA (sqrt(PHI - vbs) - sqrt(PHI)),   beta = KP W / (L - 2 LD)
 *   id  = 0                                          vgs <= vth       (cut-off)
 *       = beta (vgs - vth - vds/2) vds (1 + LAMBDA vds)   vds < vgs - vth  (linear)
 *       = beta/2 (vgs - vth)^2 (1 + LAMBDA vds)           otherwise        (saturation)
 * </pre>
 *
 * Parameters (model): vto [V] 0, kp [A/V^2] 2e-5, gamma [V^0.5] 0, phi [V] 0.6, lambda [1/V] 0,
 * ld [m] 0, cgso/cgdo/cgbo [F/m] 0. Instance: l, w [m] (ngspice defaults 100 um). Bulk junction
 * diodes and Meyer gate capacitances (which ngspice adds when TOX is given) are not modelled.
 * Newton steps of the gate voltage are limited as in SPICE (fetlim).
 */
public final class Mosfet1 implements Element {
  private final String name;
  private final List<String> nodes;
  private final double type;
  private final double vto;
  private final double beta;
  private final double gamma;
  private final double phi;
  private final double lambda;
  private final double cgs;
  private final double cgd;
  private final double cgb;
  private int d;
  private int g;
  private int s;
  private int b;
  private int[] h;
  private double vgsLast;
  private final Map<String, Double> modelParams;
  private final double lengthMeters;
  private final double widthMeters;
  private double vdsLast;

  public Mosfet1(String name, String drain, String gate, String source, String bulk, boolean pChannel,
      Map<String, Double> model, double lengthMeters, double widthMeters) {
    this.name = name.toLowerCase(Locale.ROOT);
    this.nodes = List.of(drain, gate, source, bulk).stream().map(x -> x.toLowerCase(Locale.ROOT)).toList();
    Map<String, Double> p = new java.util.TreeMap<>();
    model.forEach((k, v) -> p.put(k.toLowerCase(Locale.ROOT), v));
    this.modelParams = p;
    this.lengthMeters = lengthMeters;
    this.widthMeters = widthMeters;
    for (String k : p.keySet()) {
      if (!List.of("level", "vto", "vt0", "kp", "gamma", "phi", "lambda", "ld", "cgso", "cgdo", "cgbo", "is", "pb",
          "tnom").contains(k)) {
        throw new ModelParameterException(k, "mosfet " + name + ": model parameter " + k
            + " is not supported by level 1 here (supported: vto kp gamma phi lambda ld cgso cgdo cgbo)");
      }
    }
    double level = p.getOrDefault("level", 1.0);
    if (level != 1.0) {
      throw new ModelParameterException("level", "mosfet " + name + ": only level 1 is supported, got " + level);
    }
    this.type = pChannel ? -1 : 1;
    double v0 = p.getOrDefault("vto", p.getOrDefault("vt0", 0.0));
    this.vto = v0 * type;  // stored in n-channel sense
    double kp = p.getOrDefault("kp", 2e-5);
    double ld = p.getOrDefault("ld", 0.0);
    double leff = lengthMeters - 2 * ld;
    if (!(leff > 0) || !(widthMeters > 0)) {
      throw new ModelParameterException("l", "mosfet " + name + ": need w > 0 and l - 2 ld > 0");
    }
    if (!(kp > 0)) {
      throw new ModelParameterException("kp", "mosfet " + name + ": kp must be > 0");
    }
    this.beta = kp * widthMeters / leff;
    this.gamma = p.getOrDefault("gamma", 0.0);
    this.phi = p.getOrDefault("phi", 0.6);
    if (!(phi > 0)) {
      throw new ModelParameterException("phi", "mosfet " + name + ": phi must be > 0");
    }
    this.lambda = p.getOrDefault("lambda", 0.0);
    this.cgs = p.getOrDefault("cgso", 0.0) * widthMeters;
    this.cgd = p.getOrDefault("cgdo", 0.0) * widthMeters;
    this.cgb = p.getOrDefault("cgbo", 0.0) * lengthMeters;
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
  public boolean nonlinear() {
    return true;
  }

  @Override
  public void bind(Binder bd) {
    d = bd.node(nodes.get(0));
    g = bd.node(nodes.get(1));
    s = bd.node(nodes.get(2));
    b = bd.node(nodes.get(3));
    int[] rows = {d, s};
    int[] cols = {d, g, s, b};
    h = new int[8];
    for (int r = 0; r < 2; r++) {
      for (int c = 0; c < 4; c++) {
        h[r * 4 + c] = bd.entry(rows[r], cols[c]);
      }
    }
    hgg = bd.entry(g, g);
    hgs = bd.entry(g, s);
    hsg = bd.entry(s, g);
    hgd = bd.entry(g, d);
    hdg = bd.entry(d, g);
    hgb = bd.entry(g, b);
    hbg = bd.entry(b, g);
    hss = bd.entry(s, s);
    hdd = bd.entry(d, d);
    hbb = bd.entry(b, b);
  }

  private int hgg;
  private int hgs;
  private int hsg;
  private int hgd;
  private int hdg;
  private int hgb;
  private int hbg;
  private int hss;
  private int hdd;
  private int hbb;

  @Override
  public void reset() {
    vgsLast = 0;
    vdsLast = 0;
  }

  private final double[] eval = new double[4];

  /** n-channel drain current and derivatives (id, d/dvgs, d/dvds, d/dvbs) for vds >= 0. */
  private void channel(double vgs, double vds, double vbs) {
    // sqrt(phi - vbs), continued linearly for forward bulk bias and held at 1e-3 beyond (SPICE's
    // level 1); the held part has zero slope (the element contract test found it reported -0.5/sqrt(phi))
    double lin = Math.sqrt(phi) - vbs / (2 * Math.sqrt(phi));
    double sarg = vbs <= 0 ? Math.sqrt(phi - vbs) : Math.max(lin, 1e-3);
    double dsarg = vbs <= 0 ? -0.5 / Math.sqrt(phi - vbs) : lin > 1e-3 ? -0.5 / Math.sqrt(phi) : 0;
    double vth = vto + gamma * (sarg - Math.sqrt(phi));
    double dvthdvbs = gamma * dsarg;
    double vgst = vgs - vth;
    double id;
    double gm;
    double gds;
    if (vgst <= 0) {
      id = 0;
      gm = 0;
      gds = 0;
    } else if (vds < vgst) {
      double cl = 1 + lambda * vds;
      id = beta * (vgst - vds / 2) * vds * cl;
      gm = beta * vds * cl;
      gds = beta * (vgst - vds) * cl + beta * (vgst - vds / 2) * vds * lambda;
    } else {
      double cl = 1 + lambda * vds;
      id = beta / 2 * vgst * vgst * cl;
      gm = beta * vgst * cl;
      gds = beta / 2 * vgst * vgst * lambda;
    }
    eval[0] = id;
    eval[1] = gm;
    eval[2] = gds;
    eval[3] = -gm * dvthdvbs;
  }

  @Override
  public void load(Load l) {
    double vd = l.v(d);
    double vg = l.v(g);
    double vs = l.v(s);
    double vb = l.v(b);
    double vgs = type * (vg - vs);
    double vds = type * (vd - vs);
    if (!l.firstIteration()) {
      double lim = Junction.fetLimit(vgs, vgsLast, vto);
      if (Math.abs(lim - vgs) > 1e-12) {
        l.limited();
        vgs = lim;
      }
    }
    vgsLast = vgs;
    vdsLast = vds;
    double vbs = type * (vb - vs);
    // dI/dv for the 4 terminals (d, g, s, b), current I from drain to source through the channel.
    double cur;
    double dd;
    double dg;
    double ds;
    double db;
    if (vds >= 0) {
      channel(vgs, vds, vbs);
      cur = type * eval[0];
      dg = eval[1];
      dd = eval[2];
      db = eval[3];
      ds = -(dg + dd + db);
      // Linear extrapolation from the limited vgs keeps Newton consistent.
      double vgsTrue = type * (vg - vs);
      cur += type * eval[1] * (vgsTrue - vgs);
    } else {
      double vgd = vgs - vds;
      double vbd = vbs - vds;
      channel(vgd, -vds, vbd);
      cur = -type * eval[0];
      dg = -eval[1];
      ds = -eval[2];
      db = -eval[3];
      dd = -(dg + ds + db);
      double vgsTrue = type * (vg - vs);
      cur += -type * eval[1] * (vgsTrue - vgs);
    }
    l.f(d, cur);
    l.f(s, -cur);
    l.g(h[0], dd);
    l.g(h[1], dg);
    l.g(h[2], ds);
    l.g(h[3], db);
    l.g(h[4], -dd);
    l.g(h[5], -dg);
    l.g(h[6], -ds);
    l.g(h[7], -db);
    // Overlap capacitances (linear).
    cap(l, g, s, hgg, hgs, hsg, hss, cgs);
    cap(l, g, d, hgg, hgd, hdg, hdd, cgd);
    cap(l, g, b, hgg, hgb, hbg, hbb, cgb);
  }

  private static void cap(Load l, int a, int c, int haa, int hac, int hca, int hcc, double cap) {
    if (cap <= 0) {
      return;
    }
    double q = cap * (l.v(a) - l.v(c));
    l.q(a, q);
    l.q(c, -q);
    l.c(haa, cap);
    l.c(hac, -cap);
    l.c(hca, -cap);
    l.c(hcc, cap);
  }

  @Override
  public double power(double[] x, double t) {
    double vd = d < 0 ? 0 : x[d];
    double vs = s < 0 ? 0 : x[s];
    double vg = g < 0 ? 0 : x[g];
    double vb = b < 0 ? 0 : x[b];
    double vgs = type * (vg - vs);
    double vds = type * (vd - vs);
    double vbs = type * (vb - vs);
    if (vds >= 0) {
      channel(vgs, vds, vbs);
      return (vd - vs) * type * eval[0];
    }
    channel(vgs - vds, -vds, vbs - vds);
    return (vd - vs) * -type * eval[0];
  }

  @Override
  public SpiceCard toSpice() {
    String model = name + "_mod";
    StringBuilder sb = new StringBuilder(".model " + model + (type < 0 ? " pmos (" : " nmos ("));
    modelParams.forEach((k, v) -> sb.append(k).append('=').append(Waveform.trimNumber(v)).append(' '));
    return new SpiceCard(List.of(name + " " + String.join(" ", nodes) + " " + model + " l="
        + Waveform.trimNumber(lengthMeters) + " w=" + Waveform.trimNumber(widthMeters)),
        List.of(sb.toString().trim() + ")"));
  }
}
