package org.neuristor.library;

import java.util.List;
import java.util.Map;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.netlist.CircuitCompiler;
import org.neuristor.neuron.StateVariable;

/**
 * Compact form of Huang's quasi-HH neuron (library circuit {@code huang}, physics.md 4.5) as a
 * population kernel: per neuron the states w, c of M1 and M2 (physics.md 3.6 model, the same
 * smoothed window and |v| as {@link org.neuristor.device.ProtonicMemristor}); the nodes are resistive,
 * so for frozen conductances v(a), v(b) follow exactly from
 *
 * <pre>
 *   G1 (V_in - a) + I_syn = a/R2 + G2 (a - b),     G2 (a - b) = b/R3
 * </pre>
 *
 * Each state equation is linear in its own state for frozen voltages and a frozen autocatalytic
 * factor F = exp(k_fb w) (dw/dt = alpha - beta w, dc/dt = gamma - lambda c with lambda = 1/tau_c +
 * k_cons k_w sinh(v/V_0) win F S(v/1mV)), so a sub-step advances c, then w, by exponential relaxation (exactly
 * when k_fb = k_cons = 0, the physics.md 3.6 model); sub-steps are at most {@code hmax}. A spike is
 * M2's w crossing 0.5 upward, interpolated, under the circuit's spike rule ({@link CompactKernel}).
 */
public final class CompactHuang extends CompactKernel {
  private static final double A = 1e-3;

  /**
   * Largest sub-step of the library circuit's compact form (s). M2's autocatalytic growth (exp(k_fb w), k_fb = 20)
   * is split from its voltages over a sub-step: at 1 us the kernel missed 5 of the 23 spikes of the library
   * drive in 230 ms (M2's w peaked at 0.50-0.52 and fell back; a raw 0.5 crossing counted them as spikes); the
   * largest sub-step that fires every cycle there is ~0.67 us, and 0.25 us keeps a factor 2.7 of margin.
   */
  static final double HMAX = 0.25e-6;
  private final double r2;
  private final double r3;
  private final double[][] p = new double[2][];
  private final double hmax;
  /** Membrane v(a) and output v(b) (V). */
  public final double[] va;
  public final double[] vb;
  public final double[] w1;
  public final double[] c1;
  public final double[] w2;
  public final double[] c2;
  private final double[] scratch = new double[2];

  /**
   * @param m1 M1's {gmin, gmax, v0, tauc, tauw, w0, kc, kw, kfb, kcons}; m2 likewise
   * @param hmaxSeconds largest internal sub-step
   * @param rule spike detector of M2's w
   */
  public CompactHuang(int n, double[] m1, double[] m2, double r2Ohm, double r3Ohm, double hmaxSeconds,
      org.neuristor.measure.SpikeDetector rule) {
    super(n, rule);
    this.p[0] = m1.clone();
    this.p[1] = m2.clone();
    this.r2 = r2Ohm;
    this.r3 = r3Ohm;
    this.hmax = hmaxSeconds;
    va = new double[n];
    vb = new double[n];
    w1 = new double[n];
    c1 = new double[n];
    w2 = new double[n];
    c2 = new double[n];
    reset();
  }

  /** The compact form of the library circuit with parameter overrides (element values from its netlist). */
  public static CompactHuang of(NeuronCircuit c, Map<String, String> params, int n) {
    Circuit k = CircuitCompiler.compile(c.netlist(params, null), c.name() + ".cir").circuit();
    return new CompactHuang(n, device(c, params, "1"), device(c, params, "2"), ohms(k, "r2"), ohms(k, "r3"), HMAX,
        c.spikeDetector());
  }

  private static double[] device(NeuronCircuit c, Map<String, String> params, String k) {
    Map<String, String> d = new java.util.HashMap<>(c.parameters());
    params.forEach((key, v) -> d.put(key.toLowerCase(java.util.Locale.ROOT), v));
    String[] names = {"gmin", "gmax", "v0", "tauc", "tauw", null, "kc", "kw", "kfb", "kcons"};
    double[] out = new double[names.length];
    for (int i = 0; i < names.length; i++) {
      String v = names[i] == null ? null : d.get(names[i] + k);
      out[i] = v == null ? 0 : org.neuristor.expr.SpiceNumber.parse(v);
    }
    return out;
  }

  private static double ohms(Circuit k, String name) {
    for (Element e : k.elements()) {
      if (e instanceof Resistor r && e.name().equalsIgnoreCase(name)) {
        return r.ohms();
      }
    }
    throw new IllegalStateException("no resistor " + name);
  }

  @Override
  protected List<StateVariable> declareStates() {
    return List.of(new StateVariable("va", "V", va), new StateVariable("vb", "V", vb),
        new StateVariable("w1", "1", w1), new StateVariable("c1", "1", c1), new StateVariable("w2", "1", w2),
        new StateVariable("c2", "1", c2));
  }

  /** The sub-step scratch is shared: one range at a time. */
  @Override
  public boolean rangeSafe() {
    return false;
  }

  @Override
  public double membraneCapacitance() {
    return 0; // purely resistive nodes
  }

  @Override
  protected double[] spikeState() {
    return w2;
  }

  @Override
  protected void resetStates() {
    java.util.Arrays.fill(va, 0);
    java.util.Arrays.fill(vb, 0);
    java.util.Arrays.fill(w1, p[0][5]);
    java.util.Arrays.fill(w2, p[1][5]);
    java.util.Arrays.fill(c1, 0);
    java.util.Arrays.fill(c2, 0);
  }

  private static double sig(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /** exp(z), continued linearly beyond z = 40 as the device does. */
  private static double limexp(double z) {
    return z <= 40 ? Math.exp(z) : Math.exp(40) * (1 + z - 40);
  }

  private static double sinh(double z) {
    double a = Math.abs(z);
    return a <= 40 ? Math.sinh(z) : Math.signum(z) * (Math.sinh(40) + Math.cosh(40) * (a - 40));
  }

  private void nodes(int i, double vin, double isyn) {
    double g1 = p[0][0] + (p[0][1] - p[0][0]) * w1[i];
    double g2 = p[1][0] + (p[1][1] - p[1][0]) * w2[i];
    double g2b = g2 / (1 + g2 * r3);
    double a = (g1 * vin + isyn) / (g1 + 1 / r2 + g2b);
    va[i] = a;
    vb[i] = a * g2 * r3 / (1 + g2 * r3);
  }

  /** Advances (w, c) of one device over h at device voltage v; returns the new w, stores c in cw[1]. */
  private static double advance(double[] q, double v, double h, double w, double c, double[] cw) {
    double gamma = q[6] * sinh((Math.sqrt(v * v + A * A) - A) / q[2]);
    double sh = sinh(v / q[2]);
    double sv = sig(v / A);
    double fb = q.length > 8 && q[8] != 0 ? limexp(q[8] * w) : 1;
    double cn;
    if (q.length > 9 && q[9] != 0) {
      // dc/dt = gamma - lambda c, the growth consuming protons at k_cons per unit of w
      double lambda = 1 / q[3] + q[9] * q[7] * sh * (sv + w * (1 - 2 * sv)) * fb * sv;
      cn = Math.abs(lambda * h) < 1e-12 ? c + (gamma - lambda * c) * h
          : gamma / lambda + (c - gamma / lambda) * Math.exp(-lambda * h);
    } else {
      double cinf = gamma * q[3];
      cn = cinf + (c - cinf) * Math.exp(-h / q[3]);
    }
    double k = q[7] * (q.length > 9 && q[9] != 0 ? 0.5 * (cn + Math.sqrt(cn * cn + 1e-6)) : cn) * sh * fb;
    // dw/dt = k (sv + w (1 - 2 sv)) - (w - w0)/tauw = alpha - beta w
    double alpha = k * sv + q[5] / q[4];
    double beta = 1 / q[4] - k * (1 - 2 * sv);
    double wn;
    if (Math.abs(beta * h) < 1e-12) {
      wn = w + alpha * h;
    } else {
      double winf = alpha / beta;
      wn = winf + (w - winf) * Math.exp(-beta * h);
    }
    cw[1] = cn;
    return wn;
  }

  @Override
  public void step(int from, int to, double dt, double[] vin, double[] isyn, double[] spikeOffset) {
    int m = Math.max(1, (int) Math.ceil(dt / hmax - 1e-9));
    double h = dt / m;
    final double[] cw = scratch;
    for (int i = from; i < to; i++) {
      double is = isyn == null ? 0 : isyn[i];
      spikeOffset[i] = Double.NaN;
      for (int s = 0; s < m; s++) {
        nodes(i, vin[i], is);
        double v1 = vin[i] - va[i];
        double v2 = va[i] - vb[i];
        w1[i] = advance(p[0], v1, h, w1[i], c1[i], cw);
        c1[i] = cw[1];
        double old = w2[i];
        w2[i] = advance(p[1], v2, h, w2[i], c2[i], cw);
        c2[i] = cw[1];
        spikeOffset[i] = spike(i, spikeOffset[i], s * h, h, old, w2[i]);
      }
      endStep(i, dt);
      nodes(i, vin[i], is);
    }
  }
}
