package org.neuristor.library;

import java.util.List;
import java.util.Map;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.Element;
import org.neuristor.circuit.element.Capacitor;
import org.neuristor.circuit.element.IndependentSource;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.device.Vo2ThermalMemristor;
import org.neuristor.netlist.CircuitCompiler;
import org.neuristor.neuron.StateVariable;

/**
 * Compact form of Yi's VO2 neuron (library circuits {@code yi}, {@code yi-phasic}, {@code yi-mixed},
 * physics.md 4.3) as a population kernel: per neuron the node voltages V1, V2, the channel
 * temperatures T1, T2 and, with a series input capacitor, its voltage V_c,
 *
 * <pre>
 *   (C1 + C_in') dV1/dt = C_in' dV_in/dt + (V_in - V1)/R_in + i_c + I_syn - (V1 - V2)/RL2 - (V1 + V_dc1)/R(T1)
 *   C2 dV2/dt   = (V1 - V2)/RL2 - (V2 - V_dc2)/R(T2) - V2/R_out
 *   C_th dTk/dt = v_k^2/R(Tk) - S_th (Tk - T_0)
 *   series input (yi-phasic):  i_c = (V_in - V_c - V1)/R_s,  C_in dV_c/dt = i_c
 * </pre>
 *
 * where the input reaches n1 through R_in (tonic, mixed; infinite when absent), through C_in' = C_in
 * directly (mixed) or through R_s and C_in in series (phasic); R_out is infinite when absent. In the
 * adapting variant ({@code yi-adapt}) X1 is biased through its load resistor R_b onto a reservoir
 * capacitor C_b on its bias node x (no C1): V1 is then the algebraic node
 *
 * <pre>
 *   V1 = (V_in/R_in + I_syn + V2/RL2 + V_x/R(T1)) / (1/R_in + 1/RL2 + 1/R(T1)),
 *   C_b dV_x/dt = (V1 - V_x)/R(T1) - (V_x + V_dc1)/R_b,
 * </pre>
 *
 * X1's voltage is V1 - V_x, and V_x takes the place of V_c (there is no input capacitor). R(T)
 * and its hysteresis memory come from one {@link Vo2ThermalMemristor} per channel and neuron (the
 * same code as the full circuit). Classical RK4 with sub-steps of at most {@code hmax}; the branch
 * memory is committed after every sub-step, as the engine does after every accepted step. With an
 * input capacitor the input ramps linearly over a step from the previous step's value
 * ({@link #rampsInput()}), so C_in dV_in/dt is a constant current over the step. A spike is T2
 * crossing the circuit's spike level (350 K) upward, interpolated, under its spike rule ({@link CompactKernel}:
 * confirmed at 355 K, re-armed below 345 K).
 */
public final class CompactYi extends CompactKernel {
  private final double rin;
  private final double rs;
  private final double cin;
  private final double rl2;
  private final double rout;
  private final double c1;
  private final double c2;
  private final double vdc1;
  private final double vdc2;
  private final double hmax;
  private final boolean series;
  private final double rb;
  private final double cb;
  /** X1 biased through R_b onto the reservoir C_b ({@code yi-adapt}); V1 is algebraic, state 4 is V_x. */
  private final boolean reservoir;
  private final Vo2ThermalMemristor[] x1;
  private final Vo2ThermalMemristor[] x2;
  public final double[] v1;
  public final double[] v2;
  public final double[] t1;
  public final double[] t2;
  /** Voltage across the series input capacitor, or of X1's reservoir node (zero without either). */
  public final double[] vc;
  private final double[] lastVin;
  private final double[] y = new double[5];
  private final double[][] k = new double[4][5];
  private final double[] tmp = new double[5];

  /**
   * @param rin input resistance (Ohm; infinite: none)
   * @param rs series resistance of the input capacitor (Ohm; 0: the capacitor joins the input to n1 directly)
   * @param cin input capacitance (F; 0: none)
   * @param rout output load (Ohm; infinite: none)
   * @param rb X1's load resistor to its bias source (Ohm; with cb = 0: none; {@code yi-adapt})
   * @param cb reservoir capacitor on X1's bias node (F; 0: none, X1 sits on its source)
   * @param rule spike detector of X2's film temperature (K)
   */
  public CompactYi(int n, Vo2ThermalMemristor[] x1, Vo2ThermalMemristor[] x2, double rin, double rs, double cin,
      double rl2, double rout, double c1, double c2, double vdc1, double vdc2, double rb, double cb,
      double hmaxSeconds, org.neuristor.measure.SpikeDetector rule) {
    super(n, rule);
    this.rb = rb;
    this.cb = cb;
    this.reservoir = cb > 0;
    if (reservoir && (c1 > 0 || cin > 0 || !(rb > 0))) {
      throw new IllegalArgumentException("a reservoir on X1's bias node needs rb > 0 and no c1 or input capacitor");
    }
    this.x1 = x1;
    this.x2 = x2;
    this.rin = rin;
    this.rs = rs;
    this.cin = cin;
    this.rl2 = rl2;
    this.rout = rout;
    this.c1 = c1;
    this.c2 = c2;
    this.vdc1 = vdc1;
    this.vdc2 = vdc2;
    this.hmax = hmaxSeconds;
    this.series = cin > 0 && rs > 0;
    v1 = new double[n];
    v2 = new double[n];
    t1 = new double[n];
    t2 = new double[n];
    vc = new double[n];
    lastVin = new double[n];
    reset();
  }

  /** The compact form of the library circuit with parameter overrides (values from its compiled netlist). */
  public static CompactYi of(NeuronCircuit c, Map<String, String> params, int n) {
    Vo2ThermalMemristor[] a = new Vo2ThermalMemristor[n];
    Vo2ThermalMemristor[] b = new Vo2ThermalMemristor[n];
    Circuit k = null;
    for (int i = 0; i < n; i++) {
      k = CircuitCompiler.compile(c.netlist(params, null), c.name() + ".cir").circuit();
      a[i] = (Vo2ThermalMemristor) find(k, "nx1");
      b[i] = (Vo2ThermalMemristor) find(k, "nx2");
    }
    Element rin = optional(k, "rl1") != null ? optional(k, "rl1") : optional(k, "rin");
    Element cin = optional(k, "cin");
    Element rs = optional(k, "rs");
    Element rout = optional(k, "rout");
    Element c1 = optional(k, "c1");
    Element cb = optional(k, "cb");
    return new CompactYi(n, a, b, rin == null ? Double.POSITIVE_INFINITY : ((Resistor) rin).ohms(),
        rs == null ? 0 : ((Resistor) rs).ohms(), cin == null ? 0 : ((Capacitor) cin).farads(),
        ((Resistor) find(k, "rl2")).ohms(), rout == null ? Double.POSITIVE_INFINITY : ((Resistor) rout).ohms(),
        c1 == null ? 0 : ((Capacitor) c1).farads(), ((Capacitor) find(k, "c2")).farads(),
        -((IndependentSource) find(k, "vdc1")).valueAt(0, true), ((IndependentSource) find(k, "vdc2")).valueAt(0, true),
        cb == null ? 0 : ((Resistor) find(k, "rb")).ohms(), cb == null ? 0 : ((Capacitor) cb).farads(), 1e-9,
        c.spikeDetector());
  }

  private static Element optional(Circuit k, String name) {
    for (Element e : k.elements()) {
      if (e.name().equalsIgnoreCase(name)) {
        return e;
      }
    }
    return null;
  }

  private static Element find(Circuit k, String name) {
    for (Element e : k.elements()) {
      if (e.name().equalsIgnoreCase(name)) {
        return e;
      }
    }
    throw new IllegalStateException("no element " + name);
  }

  @Override
  protected List<StateVariable> declareStates() {
    List<StateVariable> l = new java.util.ArrayList<>(List.of(new StateVariable("v1", "V", v1),
        new StateVariable("v2", "V", v2), new StateVariable("t1", "K", t1), new StateVariable("t2", "K", t2)));
    if (series) {
      l.add(new StateVariable("vc", "V", vc));
    } else if (reservoir) {
      l.add(new StateVariable("vx", "V", vc));
    }
    return l;
  }

  /** The RK4 stages live in shared scratch arrays: one range at a time. */
  @Override
  public boolean rangeSafe() {
    return false;
  }

  @Override
  public double membraneCapacitance() {
    // n1 of the adapting variant has no capacitor: a synaptic current charges X1's reservoir through X1
    return reservoir ? cb : series ? c1 : c1 + cin;
  }

  @Override
  public boolean rampsInput() {
    return cin > 0;
  }

  @Override
  protected double[] spikeState() {
    return t2;
  }

  @Override
  protected void resetStates() {
    for (int i = 0; i < n; i++) {
      x1[i].reset();
      x2[i].reset();
      v1[i] = 0;
      v2[i] = 0;
      vc[i] = reservoir ? -vdc1 : 0;
      lastVin[i] = 0;
      t1[i] = x1[i].baseTemperature();
      t2[i] = x2[i].baseTemperature();
    }
  }

  /**
   * The time derivatives of neuron i's states (v1, v2, t1, t2, v_c: the order of {@link #declareStates()}
   * with v_c last, 0 when the variant has none) at state s for a constant input vin (V), each film's R(T)
   * on its present branch of the hysteresis memory: the vector field that a linearization about a rest
   * differentiates (bench {@code YiStability}). s is not changed.
   */
  public void derivatives(int i, double vin, double[] s, double[] d) {
    rhs(i, vin, 0, 0, s.clone(), d);
  }

  /** Derivatives at state s for input vin (V) changing at dvin (V/s). */
  private void rhs(int i, double vin, double dvin, double is, double[] s, double[] d) {
    double r1 = x1[i].resistanceAt(s[2]);
    double r2 = x2[i].resistanceAt(s[3]);
    if (reservoir) {
      s[0] = (vin / rin + is + s[1] / rl2 + s[4] / r1) / (1 / rin + 1 / rl2 + 1 / r1);
    }
    double d1 = reservoir ? s[0] - s[4] : s[0] + vdc1;
    double d2 = vdc2 - s[1];
    double in = (vin - s[0]) / rin + is;
    double cap = c1;
    if (reservoir) {
      d[4] = (d1 / r1 - (s[4] + vdc1) / rb) / cb;
    } else if (series) {
      double ic = (vin - s[4] - s[0]) / rs;
      in += ic;
      d[4] = ic / cin;
    } else {
      in += cin * dvin;
      cap += cin;
      d[4] = 0;
    }
    d[0] = reservoir ? 0 : (in - (s[0] - s[1]) / rl2 - d1 / r1) / cap;
    d[1] = ((s[0] - s[1]) / rl2 + d2 / r2 - s[1] / rout) / c2;
    d[2] = (d1 * d1 / r1 - x1[i].thermalConductance() * (s[2] - x1[i].baseTemperature())) / x1[i].thermalCapacitance();
    d[3] = (d2 * d2 / r2 - x2[i].thermalConductance() * (s[3] - x2[i].baseTemperature())) / x2[i].thermalCapacitance();
  }

  private static double vin(double v0, double dv, double t) {
    return v0 + dv * t;
  }

  @Override
  public void step(int from, int to, double dt, double[] vin, double[] isyn, double[] spikeOffset) {
    int m = Math.max(1, (int) Math.ceil(dt / hmax - 1e-9));
    double h = dt / m;
    boolean ramp = rampsInput();
    for (int i = from; i < to; i++) {
      double is = isyn == null ? 0 : isyn[i];
      double v0 = ramp ? lastVin[i] : vin[i];
      double dv = ramp ? (vin[i] - v0) / dt : 0;
      spikeOffset[i] = Double.NaN;
      for (int s = 0; s < m; s++) {
        double ta = s * h;
        y[0] = v1[i];
        y[1] = v2[i];
        y[2] = t1[i];
        y[3] = t2[i];
        y[4] = vc[i];
        rhs(i, v0 + dv * ta, dv, is, y, k[0]);
        for (int q = 0; q < 5; q++) {
          tmp[q] = y[q] + 0.5 * h * k[0][q];
        }
        rhs(i, v0 + dv * (ta + 0.5 * h), dv, is, tmp, k[1]);
        for (int q = 0; q < 5; q++) {
          tmp[q] = y[q] + 0.5 * h * k[1][q];
        }
        rhs(i, v0 + dv * (ta + 0.5 * h), dv, is, tmp, k[2]);
        for (int q = 0; q < 5; q++) {
          tmp[q] = y[q] + h * k[2][q];
        }
        rhs(i, v0 + dv * (ta + h), dv, is, tmp, k[3]);
        double old = t2[i];
        v1[i] = y[0] + h / 6 * (k[0][0] + 2 * k[1][0] + 2 * k[2][0] + k[3][0]);
        v2[i] = y[1] + h / 6 * (k[0][1] + 2 * k[1][1] + 2 * k[2][1] + k[3][1]);
        t1[i] = y[2] + h / 6 * (k[0][2] + 2 * k[1][2] + 2 * k[2][2] + k[3][2]);
        t2[i] = y[3] + h / 6 * (k[0][3] + 2 * k[1][3] + 2 * k[2][3] + k[3][3]);
        vc[i] = y[4] + h / 6 * (k[0][4] + 2 * k[1][4] + 2 * k[2][4] + k[3][4]);
        x1[i].commitTemperature(t1[i]);
        x2[i].commitTemperature(t2[i]);
        if (reservoir) {
          v1[i] = (vin(v0, dv, ta + h) / rin + is + v2[i] / rl2 + vc[i] / x1[i].resistanceAt(t1[i]))
              / (1 / rin + 1 / rl2 + 1 / x1[i].resistanceAt(t1[i]));
        }
        spikeOffset[i] = spike(i, spikeOffset[i], s * h, h, old, t2[i]);
      }
      endStep(i, dt);
      lastVin[i] = vin[i];
    }
  }
}
