package org.neuristor.device;

import java.util.List;
import java.util.Map;
import org.neuristor.ModelParameterException;
import org.neuristor.ParameterSpec;
import org.neuristor.circuit.Allocator;
import org.neuristor.circuit.Binder;
import org.neuristor.circuit.Load;
import org.neuristor.circuit.element.TwoTerminal;

/**
 * Second-order volatile memristor with proton migration (W/WO3/PEDOT:PSS/Pt, physics.md 3.6): a
 * slow conductance state w and a fast mobile-proton concentration c, both circuit unknowns.
 *
 * <pre>
 *   i     = (G_min + (G_max - G_min) w) v
 *   dw/dt = k_w c sinh(v/V_0) win(w, v) - (w - w_0)/tau_w,   win = (1-w) S(v/1mV) + w (1 - S(v/1mV))
 *   dc/dt = k_c sinh(|v|_s/V_0) - c/tau_c,                   |v|_s = sqrt(v^2 + a^2) - a, a = 1 mV
 * </pre>
 *
 * The window blends (1-w) for potentiation and w for depression smoothly around v = 0 and the
 * smooth |v| keeps the model C1 (both deviate from the textbook form only within ~1 mV of zero);
 * sinh is continued linearly beyond an argument of 40.
 * Parameters ([D]): gmin 1e-6 S, gmax 1e-4 S, v0 0.3 V, tauc 1e-3 s, tauw 50e-3 s, w0 0, kc 113 1/s, kw 7 1/s.
 * Reference: H.-M. Huang et al., Adv. Mater. 31, 1803849 (2019) (model form ours).
 */
public final class ProtonicMemristor extends TwoTerminal {
  /** Declaration of the netlist type {@code proton2}. */
  public static final ModelType TYPE = ModelType.of("proton2",
      "second-order protonic memristor (W/WO3/PEDOT:PSS), states w and c",
      "H.-M. Huang et al., Adv. Mater. 31, 1803849 (2019); physics.md 3.6 [D]",
      ModelType.withVariability(List.of(
          new ParameterSpec("gmin", "S", 1e-6, 1e-15, 1e3, "minimum conductance", ParameterSpec.Spread.LOGNORMAL),
          new ParameterSpec("gmax", "S", 1e-4, 1e-15, 1e3, "maximum conductance", ParameterSpec.Spread.LOGNORMAL),
          ParameterSpec.voltage("v0", 0.3, 1e-3, 100, "voltage scale of the sinh drive"),
          new ParameterSpec("tauc", "s", 1e-3, 1e-12, 1e3, "proton relaxation time (fast)", ParameterSpec.Spread.NORMAL),
          new ParameterSpec("tauw", "s", 50e-3, 1e-12, 1e3, "conductance relaxation time (slow)",
              ParameterSpec.Spread.NORMAL),
          ParameterSpec.of("w0", "-", 0, 0, 1, "resting conductance state"),
          ParameterSpec.of("kc", "1/s", 113, 0, 1e12, "proton generation rate"),
          ParameterSpec.of("kw", "1/s", 7, 0, 1e12, "conductance drive rate"))),
      Map.of("huang2019", Map.of()), v -> {
        if (v.get("gmax") <= v.get("gmin")) {
          throw new ModelParameterException("gmax", "gmax = " + v.get("gmax") + " S must exceed gmin = " + v.get("gmin") + " S");
        }
      }, ProtonicMemristor::new)
      .withProbe(Map.of("preset", "huang2019"), 1.5, new double[] {0, 1}, new double[] {0, 3})
      .withCorpus(r -> {
        // G_min 0.1-10 uS, G_max 10-1000 G_min, V_0 0.2-0.5 V, tau_c 0.1-10 ms, tau_w 10 ms-1 s;
        // V_in 0.2-2 V through 1k-1M onto 1 pF-10 nF for 20 ms
        Map<String, Double> p = new java.util.LinkedHashMap<>();
        p.put("gmin", ModelType.logU(r, 1e-7, 1e-5));
        p.put("gmax", p.get("gmin") * ModelType.logU(r, 10, 1000));
        p.put("v0", ModelType.u(r, 0.2, 0.5));
        p.put("tauc", ModelType.logU(r, 1e-4, 1e-2));
        p.put("tauw", ModelType.logU(r, 1e-2, 1));
        double vin = ModelType.u(r, 0.2, 2);
        double rin = ModelType.logU(r, 1e3, 1e6);
        double cap = ModelType.logU(r, 1e-12, 1e-8);
        return new ModelType.CorpusDraw(Map.copyOf(p), vin, rin, cap, 20e-3);
      });

  private static final double A = 1e-3;
  private final double gmin;
  private final double gmax;
  private final double v0;
  private final double tauc;
  private final double tauw;
  private final double w0;
  private final double kc;
  private final double kw;
  private int sw;
  private int sc;
  private int hww;
  private int hwc;
  private int hwp;
  private int hwn;
  private int hcc;
  private int hcp;
  private int hcn;
  private int hpw;
  private int hnw;

  public ProtonicMemristor(String name, List<String> nodes, Map<String, Double> p, long seed) {
    super(name, nodes.get(0), nodes.get(1));
    gmin = p.get("gmin");
    gmax = p.get("gmax");
    v0 = p.get("v0");
    tauc = p.get("tauc");
    tauw = p.get("tauw");
    w0 = p.get("w0");
    kc = p.get("kc");
    kw = p.get("kw");
  }

  @Override
  public void allocate(Allocator a) {
    sw = a.state(this, "w", 1e-6);
    sc = a.state(this, "c", 1e-6);
  }

  @Override
  public void bind(Binder b) {
    super.bind(b);
    hww = b.entry(sw, sw);
    hwc = b.entry(sw, sc);
    hwp = b.entry(sw, p);
    hwn = b.entry(sw, n);
    hcc = b.entry(sc, sc);
    hcp = b.entry(sc, p);
    hcn = b.entry(sc, n);
    hpw = b.entry(p, sw);
    hnw = b.entry(n, sw);
  }

  @Override
  public boolean nonlinear() {
    return true;
  }

  @Override
  public void initialGuess(double[] x) {
    x[sw] = w0;
    x[sc] = 0;
  }

  @Override
  public void load(Load l) {
    double v = voltage(l);
    double w = l.v(sw);
    double c = l.v(sc);
    double g = gmin + (gmax - gmin) * w;
    stampCurrent(l, g * v, g);
    l.g(hpw, (gmax - gmin) * v);
    l.g(hnw, -(gmax - gmin) * v);
    double sh = Smooth.sinh(v / v0, 40);
    double ch = Smooth.cosh(v / v0, 40) / v0;
    double sv = Smooth.sig(v / A);
    double dsv = sv * (1 - sv) / A;
    double win = (1 - w) * sv + w * (1 - sv);
    double dwinDw = 1 - 2 * sv;
    double dwinDv = (1 - 2 * w) * dsv;
    double fw = kw * c * sh * win - (w - w0) / tauw;
    l.q(sw, w);
    l.c(hww, 1);
    l.f(sw, -fw);
    l.g(hww, -(kw * c * sh * dwinDw - 1 / tauw));
    l.g(hwc, -kw * sh * win);
    double dfwDv = kw * c * (ch * win + sh * dwinDv);
    l.g(hwp, -dfwDv);
    l.g(hwn, dfwDv);
    double r = Math.sqrt(v * v + A * A);
    double av = r - A;
    double dav = v / r;
    double fc = kc * Smooth.sinh(av / v0, 40) - c / tauc;
    double dfcDv = kc * Smooth.cosh(av / v0, 40) / v0 * dav;
    l.q(sc, c);
    l.c(hcc, 1);
    l.f(sc, -fc);
    l.g(hcc, 1 / tauc);
    l.g(hcp, -dfcDv);
    l.g(hcn, dfcDv);
  }

  @Override
  public double power(double[] x, double t) {
    double v = voltage(x);
    return v * v * (gmin + (gmax - gmin) * x[sw]);
  }
}
