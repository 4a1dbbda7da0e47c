package org.neuristor.device;

import java.util.List;
import java.util.Map;
import org.neuristor.ModelParameterException;
import org.neuristor.ParameterSpec;
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
 *   R_m(T)     = R_m exp(alpha (T - T_c))                    metallic domains with a temperature coefficient
 *   i          = v / (R(T) + R_s),  P = i^2 R(T)              a series (contact) resistance that does not heat the film
 *   C_th  dT/dt   = P - S_th (T - T_2)                        a thermal ladder: film T, substrate T_2, holder T_3
 *   C_th2 dT_2/dt = S_th (T - T_2) - S_th2 (T_2 - T_3)        (cth2 = 0: T_2 = T_0; cth3 = 0: T_3 = T_0)
 *   C_th3 dT_3/dt = S_th2 (T_2 - T_3) - S_th3 (T_3 - T_0)
 * </pre>
 *
 * A mixed-phase film: {@code domains} K parallel domains, each carrying 1/K of the film with its own
 * temperature T_k and hysteresis memory, and its transition centre tc_k = tc + tcspread z_k (z_k the
 * (k + 1/2)/K quantiles of a standard normal): R_k = K R(T_k; tc_k), C_k = C_th/K, S_k = S_th/K towards
 * T_2 (or T_0). Domains switch one after another as the film heats, so the current of a film near its
 * transition grows gradually where a single domain would switch all at once; they share the voltage
 * (and the series resistance) and the substrate.
 *
 * <p>Cycle-to-cycle switching ({@code tcc2c} > 0, Yi et al., Nat. Commun. 9, 4661 (2018): the VO2
 * neurons are "intrinsically stochastic"): at each reversal of the sign of dT, i.e. once per heating
 * and once per cooling branch of a switching cycle, the domain's transition centre is redrawn as
 * tc_k + tcc2c z with z from the device's own seeded stream; T_pr absorbs the change, so g stays
 * continuous and only the temperature at which the next switch completes moves. The stream restarts
 * at {@link #reset}, so a run reproduces bit for bit; tcc2c = 0 (default) draws nothing.
 *
 * <p>Relaxation of the minor-loop memory ({@code trelax} > 0): write the domain's state as
 * g = 1/2 + 1/2 tanh(beta (tc_k - T + m - s)) with m = delta w/2 - T_pr P(..) the loop offset of the
 * memory above (+w/2 on the heating branch, -w/2 on the cooling branch, in between on a minor loop).
 * The offset s (K, 0 after a reset) follows, at each accepted time point (step h),
 *
 * <pre>
 *   ds/dt = (m - w/2 - s) / trelax        i.e.  s <- s* + (s - s*) exp(-h / trelax),  s* = m - w/2
 * </pre>
 *
 * so that at constant temperature the effective offset m - s relaxes to +w/2: a domain left partly
 * metallic inside the loop (supercooled metallic grains below their transition) returns towards
 * the insulating heating branch, while a domain on the heating branch (m = w/2, s = 0) is unchanged.
 * At a reversal the state with s is stored as g_r and s returns to 0, so the new minor curve starts
 * from the relaxed state. Metastable metallic domains and their slow relaxation inside the hysteresis
 * loop of VO2 films: J.-G. Ramirez et al., Phys. Rev. B 79, 235110 (2009); the DC sweep and
 * {@link #commitTemperature} have no time, so they do not relax.
 *
 * <p>Two scale factors turn the film model into another device of the same film: {@code rscale}
 * multiplies R_0, R_m and R_s (more squares between the electrodes) and {@code tscale} multiplies
 * every C_th and S_th (a larger area on the substrate).
 *
 * <p>The ladder gives the film the millisecond-to-100-millisecond thermal tails of a film on a
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
          ParameterSpec.of("tinit", "K", 0, 0, 500, "initial temperature (0 = t0)"),
          ParameterSpec.of("tmin", "K", 305, 1, 2000, "lower end of the temperature range of R(T)"),
          ParameterSpec.of("tmax", "K", 370, 1, 2000, "upper end of the temperature range of R(T)"),
          ParameterSpec.of("alpha", "1/K", 0, -0.1, 0.1, "temperature coefficient of the metallic resistance (about tc)"),
          ParameterSpec.resistance("rs", 0, 0, 1e15, "series contact resistance (does not heat the film)"),
          ParameterSpec.of("cth2", "J/K", 0, 0, 10, "thermal capacitance of the substrate node (0 = none)"),
          ParameterSpec.of("sth2", "W/K", 0, 0, 100, "thermal conductance substrate -> holder (or base)"),
          ParameterSpec.of("cth3", "J/K", 0, 0, 10, "thermal capacitance of the holder node (0 = none)"),
          ParameterSpec.of("sth3", "W/K", 0, 0, 100, "thermal conductance holder -> base"),
          ParameterSpec.of("rscale", "-", 1, 1e-6, 1e6, "resistance scale of another device of the film (r0, rm, rs)"),
          ParameterSpec.of("tscale", "-", 1, 1e-6, 1e6, "thermal scale of another device of the film (every cth, sth)"),
          ParameterSpec.of("domains", "-", 1, 1, 16, "parallel domains of the film (mixed phase), each with its temperature"),
          ParameterSpec.of("tcspread", "K", 0, 0, 100, "spread (sigma) of the domains' transition centres around tc"),
          ParameterSpec.of("tcc2c", "K", 0, 0, 20, "cycle-to-cycle sigma of the transition centre, redrawn at each reversal"),
          ParameterSpec.of("trelax", "s", 0, 0, 1e6,
              "time constant of the minor-loop memory relaxing towards the heating (insulating) branch (0 = none)"))),
      Map.of("zhang2024", Map.of()), v -> {
        if (v.get("domains") != Math.rint(v.get("domains"))) {
          throw new ModelParameterException("domains", "domains = " + v.get("domains") + " must be a whole number");
        }
        if (v.get("tmax") <= v.get("tmin")) {
          throw new ModelParameterException("tmax", "tmax = " + v.get("tmax") + " K must exceed tmin = " + v.get("tmin") + " K");
        }
        if (v.get("cth2") > 0 && !(v.get("sth2") > 0)) {
          throw new ModelParameterException("sth2", "a substrate node (cth2 > 0) needs sth2 > 0");
        }
        if (v.get("cth3") > 0 && !(v.get("cth2") > 0 && v.get("sth3") > 0)) {
          throw new ModelParameterException("cth3", "a holder node (cth3 > 0) needs cth2 > 0 and sth3 > 0");
        }
      }, Vo2ThermalMemristor::new)
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
  /** Number of parallel domains, their transition centres and extra temperature unknowns. */
  private final int domains;
  private final double[] tck;
  /** Cycle-to-cycle switching: the domains' own centres, the sigma of the redraw (K), the seeded stream. */
  private final double[] tck0;
  private final double tcc2c;
  /** Relaxation of the minor-loop memory: time constant (s, 0 = none), offsets (K), last accepted time. */
  private final double trelax;
  private final double[] soff;
  private double tAccepted;
  private final long seed;
  private java.util.SplittableRandom rng;
  private final int[] sd;
  /** Branch memory per domain (physics.md 3.3). */
  private final double[] delta;
  private final double[] rev;
  private final double[] tr;
  private final double[] gr;
  private final double[] tpr;
  private final double[] tlast;
  /** Matrix handles of the multi-domain stamp: [k][j] = (T_k, T_j), and T_k against p, n, T_2. */
  private int[][] hTT;
  private int[] hPT;
  private int[] hNT;
  private int[] hTP;
  private int[] hTN;
  private int[] hTS;
  private int[] hST;
  private double[] rk;
  private double[] drk;
  private double[] dgk;
  private final double[] work = new double[2];
  private final double[] dclamp = new double[1];
  private final double[] gwork = new double[2];

  public Vo2ThermalMemristor(String name, List<String> nodes, Map<String, Double> p, long seed) {
    super(name, nodes.get(0), nodes.get(1), "t", 1e-3);
    w = p.get("w");
    tc = p.get("tc");
    beta = p.get("beta");
    double kr = p.getOrDefault("rscale", 1.0);
    double kt = p.getOrDefault("tscale", 1.0);
    r0 = p.get("r0") * kr;
    ea = p.get("ea");
    gamma = p.get("gamma");
    rm = p.get("rm") * kr;
    cth = p.get("cth") * kt;
    sth = p.get("sth") * kt;
    tbase = p.get("t0");
    double ti = p.get("tinit");
    tinit = ti > 0 ? ti : tbase;
    tmin = p.getOrDefault("tmin", 305.0);
    tmax = p.getOrDefault("tmax", 370.0);
    alpha = p.getOrDefault("alpha", 0.0);
    rs = p.getOrDefault("rs", 0.0) * kr;
    cth2 = p.getOrDefault("cth2", 0.0) * kt;
    sth2 = p.getOrDefault("sth2", 0.0) * kt;
    cth3 = cth2 > 0 ? p.getOrDefault("cth3", 0.0) * kt : 0.0;
    sth3 = p.getOrDefault("sth3", 0.0) * kt;
    domains = (int) Math.round(p.getOrDefault("domains", 1.0));
    double spread = p.getOrDefault("tcspread", 0.0);
    tck = new double[domains];
    org.hipparchus.distribution.continuous.NormalDistribution normal =
        new org.hipparchus.distribution.continuous.NormalDistribution(0, 1);
    for (int k = 0; k < domains; k++) {
      double z = domains == 1 ? 0 : normal.inverseCumulativeProbability((k + 0.5) / domains);
      tck[k] = tc + spread * z;
    }
    tck0 = tck.clone();
    tcc2c = p.getOrDefault("tcc2c", 0.0);
    trelax = p.getOrDefault("trelax", 0.0);
    soff = new double[domains];
    this.seed = seed;
    sd = new int[domains];
    delta = new double[domains];
    rev = new double[domains];
    tr = new double[domains];
    gr = new double[domains];
    tpr = new double[domains];
    tlast = new double[domains];
    reset();
  }

  @Override
  public void allocate(Allocator a) {
    super.allocate(a);
    sd[0] = s;
    for (int k = 1; k < domains; k++) {
      sd[k] = a.state(this, "td" + k, 1e-3);
    }
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
    if (domains > 1) {
      hTT = new int[domains][domains];
      hPT = new int[domains];
      hNT = new int[domains];
      hTP = new int[domains];
      hTN = new int[domains];
      hTS = new int[domains];
      hST = new int[domains];
      for (int k = 0; k < domains; k++) {
        for (int j = 0; j < domains; j++) {
          hTT[k][j] = b.entry(sd[k], sd[j]);
        }
        hPT[k] = b.entry(p, sd[k]);
        hNT[k] = b.entry(n, sd[k]);
        hTP[k] = b.entry(sd[k], p);
        hTN[k] = b.entry(sd[k], n);
        if (s2 >= 0) {
          hTS[k] = b.entry(sd[k], s2);
          hST[k] = b.entry(s2, sd[k]);
        }
      }
      rk = new double[domains];
      drk = new double[domains];
      dgk = new double[domains];
    }
  }

  @Override
  public void reset() {
    // as the reference code: start on the heating branch just below the base temperature
    rng = new java.util.SplittableRandom(seed ^ 0x5DEECE66DL);
    tAccepted = Double.NaN;
    for (int k = 0; k < domains; k++) {
      tck[k] = tck0[k];
      soff[k] = 0;
      delta[k] = 1;
      rev[k] = 0;
      tr[k] = tbase - 0.1;
      gr[k] = gMajor(k, tr[k]);
      tpr[k] = tprFunc(k);
      tlast[k] = tr[k];
    }
  }

  private double gMajor(int k, double t) {
    return 0.5 + 0.5 * Math.tanh(beta * (delta[k] * w / 2 + tck[k] - t));
  }

  private double tprFunc(int k) {
    double a = Math.max(Math.min(2 * gr[k] - 1, 1 - 1e-15), -1 + 1e-15);
    return delta[k] * w / 2 + tck[k] - atanh(a) / beta - tr[k];
  }

  private static double atanh(double a) {
    return 0.5 * Math.log((1 + a) / (1 - a));
  }

  /** g(T) and dg/dT of domain k with its branch memory. */
  double g(int k, double t, double[] out) {
    double tp = loopShift(k, t, out);
    double dtp = out[1];
    double th = Math.tanh(beta * (delta[k] * w / 2 + tck[k] - (t + tp) - soff[k]));
    out[0] = 0.5 + 0.5 * th;
    out[1] = -0.5 * beta * (1 - th * th) * (1 + dtp);
    return out[0];
  }

  /** The minor-loop shift T_pr P((T - T_r)/T_pr) of domain k (0 before its first reversal); d[1] = its dT derivative. */
  private double loopShift(int k, double t, double[] d) {
    d[1] = 0;
    if (rev[k] == 0) {
      return 0;
    }
    double den = tpr[k] + 1e-6;
    double x = (t - tr[k]) / den;
    double sn = Math.sin(gamma * x);
    double th = Math.tanh(Math.PI * Math.PI - 2 * Math.PI * x);
    double pv = 0.5 * (1 - sn) * (1 + th);
    double dp = 0.5 * (-gamma * Math.cos(gamma * x) * (1 + th) + (1 - sn) * (1 - th * th) * (-2 * Math.PI));
    d[1] = tpr[k] / den * dp;
    return tpr[k] * pv;
  }

  /** Smooth clamp of T to [tmin, tmax] (default [305, 370] K, width 0.01 K) and its derivative. */
  private double clamp(double t, double[] d) {
    double s = 0.01;
    double lo = Smooth.softplus((t - tmin) / s) * s;
    double hi = Smooth.softplus((t - tmax) / s) * s;
    d[0] = Smooth.sig((t - tmin) / s) - Smooth.sig((t - tmax) / s);
    return tmin + lo - hi;
  }

  /** Resistance R(T) (Ohm) of the whole film (domain 0 when there are several); out = {R, dR/dT}. */
  double resistance(double t, double[] out) {
    return resistance(0, t, out);
  }

  /** Resistance (Ohm) of the film if it were all like domain k; out = {R, dR/dT}. */
  double resistance(int k, double t, double[] out) {
    double[] d = dclamp;
    double tcl = clamp(t, d);
    double[] gg = gwork;
    g(k, tcl, gg);
    double e = r0 * Math.exp(ea / tcl);
    double m = alpha == 0 ? rm : rm * Math.exp(alpha * (tcl - tc));
    double r = e * gg[0] + m;
    out[0] = r;
    out[1] = (e * gg[1] - e * gg[0] * ea / (tcl * tcl) + m * alpha) * d[0];
    return r;
  }

  /**
   * Parallel domains: domain k carries 1/K of the film, R_k = K R(T_k; tc_k), C_k = C_th/K,
   * S_k = S_th/K; the series resistance R_s carries the sum of the domain currents.
   */
  private void loadDomains(Load l) {
    double v = voltage(l);
    double g = 0;
    for (int k = 0; k < domains; k++) {
      resistance(k, l.v(sd[k]), work);
      rk[k] = work[0] * domains;
      drk[k] = work[1] * domains;
      g += 1 / rk[k];
      dgk[k] = -drk[k] / (rk[k] * rk[k]);
    }
    double den = 1 + rs * g;
    double i = v * g / den;
    stampCurrent(l, i, g / den);
    double vf = v / den;
    double ck = cth / domains;
    double sk = sth / domains;
    double sink = s2 >= 0 ? l.v(s2) : tbase;
    for (int k = 0; k < domains; k++) {
      double didt = v * dgk[k] / (den * den);
      l.g(hPT[k], didt);
      l.g(hNT[k], -didt);
    }
    for (int k = 0; k < domains; k++) {
      double t = l.v(sd[k]);
      double pk = vf * vf / rk[k];
      l.q(sd[k], t);
      l.c(hTT[k][k], 1);
      l.f(sd[k], -(pk - sk * (t - sink)) / ck);
      for (int j = 0; j < domains; j++) {
        double dvf = -v * rs * dgk[j] / (den * den);
        double dp = 2 * vf * dvf / rk[k] - (j == k ? vf * vf * drk[k] / (rk[k] * rk[k]) : 0);
        l.g(hTT[k][j], -dp / ck + (j == k ? sk / ck : 0));
      }
      double dpdv = 2 * vf / den / rk[k];
      l.g(hTP[k], -dpdv / ck);
      l.g(hTN[k], dpdv / ck);
      if (s2 >= 0) {
        l.g(hTS[k], -sk / ck);
      }
    }
    if (s2 >= 0) {
      double t2 = l.v(s2);
      double below = s3 >= 0 ? l.v(s3) : tbase;
      double flow = 0;
      for (int k = 0; k < domains; k++) {
        flow += sk * (l.v(sd[k]) - t2);
        l.g(hST[k], -sk / cth2);
      }
      l.q(s2, t2);
      l.c(h22, 1);
      l.f(s2, -(flow - sth2 * (t2 - below)) / cth2);
      l.g(h22, (sth + sth2) / cth2);
      if (s3 >= 0) {
        stampHolder(l, t2);
      }
    }
  }

  @Override
  public void initialGuess(double[] x) {
    for (int k = 0; k < domains; k++) {
      x[sd[k]] = tinit;
    }
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
    if (domains > 1) {
      loadDomains(l);
      return;
    }
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
        stampHolder(l, t2);
      }
    }
  }

  @Override
  public void accept(double[] x, double t) {
    // the step since the last accepted time point (none at the first point of a run, nor in a DC sweep)
    double h = t > tAccepted ? t - tAccepted : 0;
    tAccepted = t;
    for (int k = 0; k < domains; k++) {
      commit(k, x[sd[k]]);
      if (trelax > 0 && h > 0) {
        relax(k, x[sd[k]], h);
      }
    }
  }

  /** The minor-loop offset s of domain k relaxing over a step h at temperature T (class comment). */
  private void relax(int k, double temperature, double h) {
    double tcl = clamp(temperature, dclamp);
    double target = delta[k] * w / 2 - loopShift(k, tcl, gwork) - w / 2;
    soff[k] = target + (soff[k] - target) * Math.exp(-h / trelax);
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

  /** The holder node T_3 of the ladder: C_th3 dT_3/dt = S_th2 (T_2 - T_3) - S_th3 (T_3 - T_0), and its coupling to T_2. */
  private void stampHolder(Load l, double t2) {
    l.g(h23, -sth2 / cth2);
    double t3 = l.v(s3);
    l.q(s3, t3);
    l.c(h33, 1);
    l.f(s3, -(sth2 * (t2 - t3) - sth3 * (t3 - tbase)) / cth3);
    l.g(h32, -sth2 / cth3);
    l.g(h33, (sth2 + sth3) / cth3);
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
    commit(0, temperature);
  }

  private void commit(int k, double temperature) {
    double tcl = clamp(temperature, dclamp);
    double dt = tcl - tlast[k];
    if (Math.abs(dt) > 0.01) {
      double sgn = Math.signum(dt);
      if (sgn != delta[k]) {
        gr[k] = g(k, tcl, gwork);
        if (tcc2c > 0) {
          // cycle-to-cycle switching: the next branch has its own centre; T_pr below keeps g continuous
          tck[k] = tck0[k] + tcc2c * DeviceRegistry.gauss(rng);
        }
        soff[k] = 0;
        delta[k] = sgn;
        rev[k] = 1;
        tr[k] = tcl;
        tpr[k] = tprFunc(k);
      }
      tlast[k] = tcl;
    }
  }

  @Override
  public double power(double[] x, double t) {
    double v = voltage(x);
    if (domains == 1) {
      return v * v / (resistance(x[s], new double[2]) + rs);
    }
    double g = 0;
    double[] out = new double[2];
    for (int k = 0; k < domains; k++) {
      g += 1 / (resistance(k, x[sd[k]], out) * domains);
    }
    return v * v * g / (1 + rs * g);
  }

  /** Index of the temperature unknown. */
  public int stateIndex() {
    return s;
  }
}
