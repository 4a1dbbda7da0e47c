package org.neuristor.device;

import java.util.List;
import java.util.Map;
import org.neuristor.ModelParameterException;
import org.neuristor.ParameterSpec;
import org.neuristor.circuit.Load;

/**
 * Non-volatile synaptic memristor, VTEAM-like threshold-type model (physics.md 3.8a) with a
 * normalized state w in [0, 1] (0 = R_on, 1 = R_off, MemTorch's convention) as a circuit unknown.
 *
 * <pre>
 *   dw/dt = k_off sp(v/v_off - 1)^a_off (1 - w)  -  k_on sp(v/v_on - 1)^a_on w      (v_on &lt; 0 &lt; v_off)
 *   sp(z) = s ln(1 + e^(z/s)), s = 0.01                   smooth (z)_+ so the rate is C1 at the thresholds
 *   R(w)  = R_on + (R_off - R_on) w   (iv = 0)      or     R_on exp(ln(R_off/R_on) w)   (iv = 1)
 *   i     = v / R(w)
 * </pre>
 *
 * In DC analyses the state is held at w0 (a non-volatile state has no DC equilibrium).
 * The windows (1-w) and w bound the state to [0, 1] by construction. k_on, k_off are in 1/s
 * (VTEAM's m/s divided by the device length D). Defaults: MemTorch's VTEAM set (R_off 1 kOhm,
 * R_on 50 Ohm, D 3 nm, k_on 10 m/s, k_off 5e-4 m/s, a_on 3, a_off 1, v_on -0.2 V, v_off 0.02 V).
 * Reference: S. Kvatinsky et al., IEEE Trans. Circuits Syst. II 62, 786 (2015).
 */
public final class SynapticMemristor extends OneStateDevice {
  /** Declaration of the netlist type {@code synapse}. */
  public static final ModelType TYPE = ModelType.of("synapse", "non-volatile VTEAM-like synaptic memristor",
      "S. Kvatinsky et al., IEEE TCAS-II 62, 786 (2015); MemTorch VTEAM defaults; physics.md 3.8",
      ModelType.withVariability(List.of(
          ParameterSpec.resistance("ron", 50, 1e-3, 1e15, "low resistance (w = 0)"),
          ParameterSpec.resistance("roff", 1e3, 1e-3, 1e15, "high resistance (w = 1)"),
          ParameterSpec.of("von", "V", -0.2, -100, -1e-6, "SET threshold (negative)"),
          ParameterSpec.of("voff", "V", 0.02, 1e-6, 100, "RESET threshold (positive)"),
          ParameterSpec.of("kon", "1/s", 10 / 3e-9, 0, 1e15, "SET rate (VTEAM k_on / D)"),
          ParameterSpec.of("koff", "1/s", 5e-4 / 3e-9, 0, 1e15, "RESET rate (VTEAM k_off / D)"),
          ParameterSpec.of("aon", "-", 3, 1, 20, "SET exponent"),
          ParameterSpec.of("aoff", "-", 1, 1, 20, "RESET exponent"),
          ParameterSpec.of("w0", "-", 0, 0, 1, "initial state"),
          ParameterSpec.of("iv", "-", 0, 0, 1, "I-V law: 0 linear, 1 exponential"))),
      Map.of("memtorch", Map.of()), v -> {
        if (v.get("roff") <= v.get("ron")) {
          throw new ModelParameterException("roff", "roff = " + v.get("roff") + " Ohm must exceed ron = " + v.get("ron") + " Ohm");
        }
      }, SynapticMemristor::new)
      .withProbe(Map.of("preset", "memtorch"), 0.5)
      .withCorpus(r -> {
        // R_on 50 Ohm-10 kOhm, R_off 10-1000 R_on, w0 in [0, 1], linear or exponential I-V; V_in
        // -2..2 V through 10 Ohm-10 kOhm onto 0.1-100 pF for 1 us
        Map<String, Double> p = new java.util.LinkedHashMap<>();
        double ron = ModelType.logU(r, 50, 1e4);
        p.put("ron", ron);
        p.put("roff", ron * ModelType.logU(r, 10, 1e3));
        p.put("w0", r.nextDouble());
        p.put("iv", r.nextBoolean() ? 1.0 : 0.0);
        double vin = ModelType.u(r, -2, 2);
        double rin = ModelType.logU(r, 10, 1e4);
        double cap = ModelType.logU(r, 1e-13, 1e-10);
        return new ModelType.CorpusDraw(Map.copyOf(p), vin, rin, cap, 1e-6);
      });

  private static final double S = 0.01;
  private final double ron;
  private final double roff;
  private final double von;
  private final double voff;
  private final double kon;
  private final double koff;
  private final double aon;
  private final double aoff;
  private final double w0;
  private final boolean exponential;
  private final double[] work = new double[2];

  public SynapticMemristor(String name, List<String> nodes, Map<String, Double> p, long seed) {
    super(name, nodes.get(0), nodes.get(1), "w", 1e-6);
    ron = p.get("ron");
    roff = p.get("roff");
    von = p.get("von");
    voff = p.get("voff");
    kon = p.get("kon");
    koff = p.get("koff");
    aon = p.get("aon");
    aoff = p.get("aoff");
    w0 = p.get("w0");
    exponential = p.get("iv") >= 0.5;
  }

  @Override
  public void initialGuess(double[] x) {
    x[s] = w0;
  }

  /** R(w) and dR/dw into out. */
  double resistance(double w, double[] out) {
    if (exponential) {
      double lam = Math.log(roff / ron);
      double r = ron * Smooth.limexp(lam * w, 60);
      out[0] = r;
      out[1] = ron * lam * Smooth.dlimexp(lam * w, 60);
    } else {
      // keep R positive for trial iterates slightly outside [0, 1]
      double r = ron + (roff - ron) * w;
      out[0] = Math.max(r, 0.5 * ron);
      out[1] = r > 0.5 * ron ? roff - ron : 0;
    }
    return out[0];
  }

  @Override
  public void load(Load l) {
    double v = voltage(l);
    double w = l.v(s);
    resistance(w, work);
    double r = work[0];
    double i = v / r;
    stampCurrent(l, i, 1 / r);
    double diDw = -v * work[1] / (r * r);
    l.g(hps, diDw);
    l.g(hns, -diDw);
    if (l.dc()) {
      // a non-volatile state has no DC equilibrium of its own: operating points keep the programmed w0
      l.f(s, w - w0);
      l.g(hss, 1);
      return;
    }
    double zo = v / voff - 1;
    double a = S * Smooth.softplus(zo / S);
    double da = Smooth.sig(zo / S) / voff;
    double zn = v / von - 1;
    double b = S * Smooth.softplus(zn / S);
    double db = Smooth.sig(zn / S) / von;
    double pa = Math.pow(a, aoff);
    double pb = Math.pow(b, aon);
    double g = koff * pa * (1 - w) - kon * pb * w;
    double dgDw = -koff * pa - kon * pb;
    double dgDv = koff * aoff * Math.pow(a, aoff - 1) * da * (1 - w) - kon * aon * Math.pow(b, aon - 1) * db * w;
    l.q(s, w);
    l.c(hss, 1);
    l.f(s, -g);
    l.g(hss, -dgDw);
    l.g(hsp, -dgDv);
    l.g(hsn, dgDv);
  }

  @Override
  public double power(double[] x, double t) {
    double v = voltage(x);
    return v * v / resistance(x[s], new double[2]);
  }
}
