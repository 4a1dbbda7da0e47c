package org.neuristor.device;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.neuristor.ModelParameterException;
import org.neuristor.ParameterSpec;
import org.neuristor.circuit.Allocator;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Load;

/**
 * Phase-change (doped GST) integrate-and-fire cell with a stochastic threshold (Tuma et al., Nat.
 * Nanotechnol. 11, 693 (2016); model of physics.md 3.7/4.6 [D]), together with its small controller
 * (read, RESET, output spike) so that it runs in a circuit.
 *
 * <pre>
 *   u_a     = u_r - (p - p_r)                 amorphous thickness (nm); p = crystallized since t = 0
 *   i       = G v,   G = G_c exp(-u_a/lambda)
 *   dp/dt   = eta rate S((v - v_set)/dv)        crystallizing growth while v > v_set (0 after a RESET
 *                                              until the pulse ends)
 *   fire    when u_a = u_th (located in time):  p_r = p,  u_r = u_a0 + sigma_r xi   (melt-quench RESET)
 *   eta     = max(0, 1 + sigg xi), redrawn at the end of every crystallizing pulse
 *   ds/dt   = (flag - s)/tau_s,  flag = 1 for tout after a firing: the controller's output spike
 * </pre>
 *
 * A pulse of width dt above v_set thus removes rate * dt * eta nm (physics.md: v_g dt = 3 nm,
 * sigma_g = 0.5 nm per pulse, i.e. sigg = 1/6). The random draws (standard normal, {@link
 * SplittableRandom#nextGaussian()}) come in a fixed order: u_r at start, eta of the first pulse,
 * then per pulse its firing reset (if any) followed by the next pulse's eta; {@code
 * org.neuristor.library.TumaNeuron} draws the same sequence, so the circuit and the event-driven
 * form fire on the same pulses. States: {@code p} (nm), {@code s} (output spike, 0..1).
 */
public final class PhaseChangeCell extends OneStateDevice {
  /** Declaration of the netlist type {@code pcm}. */
  public static final ModelType TYPE = ModelType.of("pcm",
      "stochastic phase-change integrate-and-fire cell with its RESET controller",
      "T. Tuma et al., Nat. Nanotechnol. 11, 693 (2016); physics.md 3.7/4.6 [D]",
      ModelType.withVariability(List.of(
          ParameterSpec.of("gc", "S", 50e-6, 1e-15, 1e3, "crystalline read conductance G_c"),
          ParameterSpec.of("lambda", "nm", 5, 1e-3, 1e3, "decay length of G with the amorphous thickness"),
          ParameterSpec.of("ua0", "nm", 40, 0, 1e3, "mean amorphous thickness after a RESET"),
          ParameterSpec.of("sigr", "nm", 2, 0, 1e3, "RESET (melt-quench) spread of u_a"),
          ParameterSpec.of("uth", "nm", 5, 0, 1e3, "firing threshold thickness (G_th = G_c exp(-uth/lambda))"),
          ParameterSpec.of("rate", "nm/s", 3e7, 0, 1e15, "crystal growth rate while the cell voltage exceeds vset"),
          ParameterSpec.of("sigg", "-", 0.5 / 3, 0, 10, "relative per-pulse spread of the growth"),
          ParameterSpec.voltage("vset", 1, 1e-3, 100, "crystallizing (SET) voltage threshold"),
          ParameterSpec.voltage("dv", 0.01, 1e-6, 10, "smoothing width of the SET threshold"),
          ParameterSpec.of("tout", "s", 50e-9, 1e-15, 1e3, "duration of the output spike"),
          ParameterSpec.of("taus", "s", 1e-9, 1e-15, 1e3, "rise/fall time of the output spike"),
          ParameterSpec.of("seed", "-", 0, 0, 9e15, "seed of the draws (0: from the netlist seed and name)"))),
      Map.of("tuma2016", Map.of()), v -> {
        if (v.get("uth") >= v.get("ua0")) {
          throw new ModelParameterException("uth", "uth = " + v.get("uth") + " nm must be below ua0 = " + v.get("ua0") + " nm");
        }
      }, PhaseChangeCell::new)
      // up to just above v_set: where the SET gate saturates (gate -> 1) its slope is below what a
      // finite difference of the ~k-sized residual resolves
      .withProbe(Map.of("preset", "tuma2016"), 1.05, new double[] {0, 40}, new double[] {0, 1})
      .withCorpus(r -> {
        // u_a0 20-60 nm, u_th 2-10 nm, RESET spread 0-4 nm, growth 10-100 um/s with 0-30% spread,
        // V_set 0.5-1.5 V, G_c 10-100 uS; V_in 1.2-3 V_set through 10-1000 Ohm onto 1-100 pF, for
        // five times the time to crystallize u_a0 - u_th (0.1 us to 1 ms)
        Map<String, Double> p = new java.util.LinkedHashMap<>();
        double ua0 = ModelType.u(r, 20, 60);
        p.put("ua0", ua0);
        p.put("uth", ModelType.u(r, 2, 10));
        p.put("sigr", ModelType.u(r, 0, 4));
        double rate = ModelType.logU(r, 1e7, 1e8);
        p.put("rate", rate);
        p.put("sigg", ModelType.u(r, 0, 0.3));
        double vset = ModelType.u(r, 0.5, 1.5);
        p.put("vset", vset);
        p.put("gc", ModelType.logU(r, 1e-5, 1e-4));
        double vin = vset * ModelType.u(r, 1.2, 3);
        double rin = ModelType.logU(r, 10, 1e3);
        double cap = ModelType.logU(r, 1e-12, 1e-10);
        double tstop = Math.min(Math.max(5 * (ua0 - p.get("uth")) / rate, 1e-7), 1e-3);
        return new ModelType.CorpusDraw(Map.copyOf(p), vin, rin, cap, tstop);
      });

  private final double gc;
  private final double lambda;
  private final double ua0;
  private final double sigr;
  private final double uth;
  private final double rate;
  private final double sigg;
  private final double vset;
  private final double dv;
  private final double tout;
  private final double taus;
  private final long seed;
  private SplittableRandom rng;
  private double pr;
  private double ur;
  private double eta;
  private boolean blocked;
  private boolean above;
  private double flag;
  private double flagUntil;
  private int fires;
  /** The output spike's state (the base class's state s is p). */
  private int out;
  private int hout;

  public PhaseChangeCell(String name, List<String> nodes, Map<String, Double> p, long seed) {
    super(name, nodes.get(0), nodes.get(1), "p", 1e-3);
    gc = p.get("gc");
    lambda = p.get("lambda");
    ua0 = p.get("ua0");
    sigr = p.get("sigr");
    uth = p.get("uth");
    rate = p.get("rate");
    sigg = p.get("sigg");
    vset = p.get("vset");
    dv = p.get("dv");
    tout = p.get("tout");
    taus = p.get("taus");
    double given = p.get("seed");
    this.seed = given > 0 ? (long) given : seed;
    reset();
  }

  @Override
  public void reset() {
    rng = new SplittableRandom(seed);
    pr = 0;
    ur = ua0 + sigr * rng.nextGaussian();
    eta = Math.max(0, 1 + sigg * rng.nextGaussian());
    blocked = false;
    above = false;
    flag = 0;
    flagUntil = Double.NEGATIVE_INFINITY;
    fires = 0;
  }

  @Override
  public void allocate(Allocator a) {
    super.allocate(a);
    out = a.state(this, "s", 1e-3);
  }

  @Override
  public void bind(Binder b) {
    super.bind(b);
    hout = b.entry(out, out);
  }

  @Override
  public void initialGuess(double[] x) {
    x[s] = 0;
    x[out] = 0;
  }

  private double conductance(double pv) {
    double ua = ur - (pv - pr);
    return gc * Math.exp(-ua / lambda);
  }

  @Override
  public void load(Load l) {
    double v = voltage(l);
    double pv = l.v(s);
    double g = conductance(pv);
    stampCurrent(l, g * v, g);
    l.g(hps, g / lambda * v);
    l.g(hns, -g / lambda * v);
    double gate = Smooth.sig((v - vset) / dv);
    double k = blocked ? 0 : eta * rate;
    l.q(s, pv);
    l.c(hss, 1);
    l.f(s, -k * gate);
    double dgate = gate * (1 - gate) / dv;
    l.g(hsp, -k * dgate);
    l.g(hsn, k * dgate);
    double sv = l.v(out);
    l.q(out, sv);
    l.c(hout, 1);
    l.f(out, -(flag - sv) / taus);
    l.g(hout, 1 / taus);
  }

  @Override
  public boolean hasEvents() {
    return true;
  }

  @Override
  public double eventFunction(double[] x, double t) {
    return (x[s] - pr) - (ur - uth);
  }

  @Override
  public void fireEvent(double[] x, double t) {
    pr = x[s];
    ur = ua0 + sigr * rng.nextGaussian();
    blocked = true;
    flag = 1;
    flagUntil = t + tout;
    fires++;
  }

  @Override
  public void accept(double[] x, double t) {
    double v = voltage(x);
    if (v > vset) {
      above = true;
    } else if (above && v < vset - 4 * dv) {
      // end of a crystallizing pulse: the next pulse's growth factor
      above = false;
      blocked = false;
      eta = Math.max(0, 1 + sigg * rng.nextGaussian());
    }
    if (flag > 0 && t >= flagUntil) {
      flag = 0;
    }
  }

  @Override
  public double power(double[] x, double t) {
    double v = voltage(x);
    return v * v * conductance(x[s]);
  }

  /** Firings so far in the current analysis. */
  public int fires() {
    return fires;
  }
}
