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
 * Compact form of Yi's VO2 neuron (library circuit {@code yi}, physics.md 4.3) as a population
 * kernel: per neuron the node voltages V1, V2 and the channel temperatures T1, T2,
 *
 * <pre>
 *   C1 dV1/dt   = (V_in - V1)/RL1 + I_syn - (V1 - V2)/RL2 - (V1 + V_dc1)/R(T1)
 *   C2 dV2/dt   = (V1 - V2)/RL2 - (V2 - V_dc2)/R(T2) - V2/R_out
 *   C_th dTk/dt = v_k^2/R(Tk) - S_th (Tk - T_0)
 * </pre>
 *
 * with R(T) and its hysteresis memory taken from one {@link Vo2ThermalMemristor} per channel and
 * neuron (the same code as the full circuit). Classical RK4 with sub-steps of at most {@code hmax};
 * the branch memory is committed after every sub-step, as the engine does after every accepted
 * step. A spike is T2 crossing 350 K upward, interpolated.
 */
public final class CompactYi extends CompactKernel {
  private final double rl1;
  private final double rl2;
  private final double rout;
  private final double c1;
  private final double c2;
  private final double vdc1;
  private final double vdc2;
  private final double hmax;
  private final Vo2ThermalMemristor[] x1;
  private final Vo2ThermalMemristor[] x2;
  public final double[] v1;
  public final double[] v2;
  public final double[] t1;
  public final double[] t2;
  private final double[] y = new double[4];
  private final double[][] k = new double[4][4];
  private final double[] tmp = new double[4];

  public CompactYi(int n, Vo2ThermalMemristor[] x1, Vo2ThermalMemristor[] x2, double rl1, double rl2, double rout,
      double c1, double c2, double vdc1, double vdc2, double hmaxSeconds) {
    super(n);
    this.x1 = x1;
    this.x2 = x2;
    this.rl1 = rl1;
    this.rl2 = rl2;
    this.rout = rout;
    this.c1 = c1;
    this.c2 = c2;
    this.vdc1 = vdc1;
    this.vdc2 = vdc2;
    this.hmax = hmaxSeconds;
    v1 = new double[n];
    v2 = new double[n];
    t1 = new double[n];
    t2 = new double[n];
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
    return new CompactYi(n, a, b, ((Resistor) find(k, "rl1")).ohms(), ((Resistor) find(k, "rl2")).ohms(),
        ((Resistor) find(k, "rout")).ohms(), ((Capacitor) find(k, "c1")).farads(), ((Capacitor) find(k, "c2")).farads(),
        -((IndependentSource) find(k, "vdc1")).valueAt(0, true), ((IndependentSource) find(k, "vdc2")).valueAt(0, true),
        1e-9);
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
    return List.of(new StateVariable("v1", "V", v1), new StateVariable("v2", "V", v2),
        new StateVariable("t1", "K", t1), new StateVariable("t2", "K", t2));
  }

  /** The RK4 stages live in shared scratch arrays: one range at a time. */
  @Override
  public boolean rangeSafe() {
    return false;
  }

  @Override
  public double membraneCapacitance() {
    return c1;
  }

  @Override
  public void reset() {
    for (int i = 0; i < n; i++) {
      x1[i].reset();
      x2[i].reset();
      v1[i] = 0;
      v2[i] = 0;
      t1[i] = x1[i].baseTemperature();
      t2[i] = x2[i].baseTemperature();
    }
  }

  private void rhs(int i, double vin, double is, double[] s, double[] d) {
    double r1 = x1[i].resistanceAt(s[2]);
    double r2 = x2[i].resistanceAt(s[3]);
    double d1 = s[0] + vdc1;
    double d2 = vdc2 - s[1];
    d[0] = ((vin - s[0]) / rl1 + is - (s[0] - s[1]) / rl2 - d1 / r1) / c1;
    d[1] = ((s[0] - s[1]) / rl2 + d2 / r2 - s[1] / rout) / c2;
    d[2] = (d1 * d1 / r1 - x1[i].thermalConductance() * (s[2] - x1[i].baseTemperature())) / x1[i].thermalCapacitance();
    d[3] = (d2 * d2 / r2 - x2[i].thermalConductance() * (s[3] - x2[i].baseTemperature())) / x2[i].thermalCapacitance();
  }

  @Override
  public void step(int from, int to, double dt, double[] vin, double[] isyn, double[] spikeOffset) {
    int m = Math.max(1, (int) Math.ceil(dt / hmax - 1e-9));
    double h = dt / m;
    for (int i = from; i < to; i++) {
      double is = isyn == null ? 0 : isyn[i];
      spikeOffset[i] = Double.NaN;
      for (int s = 0; s < m; s++) {
        y[0] = v1[i];
        y[1] = v2[i];
        y[2] = t1[i];
        y[3] = t2[i];
        rhs(i, vin[i], is, y, k[0]);
        for (int q = 0; q < 4; q++) {
          tmp[q] = y[q] + 0.5 * h * k[0][q];
        }
        rhs(i, vin[i], is, tmp, k[1]);
        for (int q = 0; q < 4; q++) {
          tmp[q] = y[q] + 0.5 * h * k[1][q];
        }
        rhs(i, vin[i], is, tmp, k[2]);
        for (int q = 0; q < 4; q++) {
          tmp[q] = y[q] + h * k[2][q];
        }
        rhs(i, vin[i], is, tmp, k[3]);
        double old = t2[i];
        v1[i] = y[0] + h / 6 * (k[0][0] + 2 * k[1][0] + 2 * k[2][0] + k[3][0]);
        v2[i] = y[1] + h / 6 * (k[0][1] + 2 * k[1][1] + 2 * k[2][1] + k[3][1]);
        t1[i] = y[2] + h / 6 * (k[0][2] + 2 * k[1][2] + 2 * k[2][2] + k[3][2]);
        t2[i] = y[3] + h / 6 * (k[0][3] + 2 * k[1][3] + 2 * k[2][3] + k[3][3]);
        x1[i].commitTemperature(t1[i]);
        x2[i].commitTemperature(t2[i]);
        if (old < 350 && t2[i] >= 350 && Double.isNaN(spikeOffset[i])) {
          spikeOffset[i] = s * h + h * (350 - old) / (t2[i] - old);
        }
      }
    }
  }
}
