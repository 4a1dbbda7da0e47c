package org.neuristor.library;

import java.util.List;
import org.neuristor.neuron.StateVariable;

/**
 * Compact form of Pickett's two-channel neuristor (physics.md 4.2): two capacitive nodes coupled
 * through R_c, each with a TS-A Mott channel to an opposite-polarity bias, as a population kernel.
 *
 * <pre>
 *   C1 dV1/dt = (V_in - V1)/R_in + (V2 - V1)/R_c - G1(x1) (V1 + V_dc1) + I_syn
 *   C2 dV2/dt = (V1 - V2)/R_c - G2(x2) (V2 - V_dc2) - V2/R_out
 *   dx_k/dt   = (x_inf(v_k, x_k) - x_k)/tau,   v1 = V1 + V_dc1,  v2 = V2 - V_dc2     (TS-A)
 * </pre>
 *
 * With the conductances frozen over a sub-step the node equations are a linear 2x2 system, which
 * is advanced exactly (closed-form matrix exponential; the eigenvalues of an RC network are real
 * and negative); the switch states then relax exponentially at the new voltages. Sub-steps change
 * no node by more than {@code dvMax} and resolve tau while a switch moves. A spike is the upward
 * 0.5 crossing of x2 (the output channel) under the circuit's spike rule ({@link CompactKernel}), as in the full
 * circuit.
 */
public final class CompactNeuristor extends CompactKernel {
  private final TsGate m1;
  private final TsGate m2;
  private final double rin;
  private final double rc;
  private final double rout;
  private final double c1;
  private final double c2;
  private final double vdc1;
  private final double vdc2;
  private final double dvMax;
  /** Node voltages V(n1), V(n2) (V). */
  public final double[] v1;
  public final double[] v2;
  /** Channel states. */
  public final double[] x1;
  public final double[] x2;

  CompactNeuristor(int n, TsGate m1, TsGate m2, double rin, double rc, double rout, double c1, double c2,
      double vdc1, double vdc2, double dvMax, org.neuristor.measure.SpikeDetector rule) {
    super(n, rule);
    this.m1 = m1;
    this.m2 = m2;
    this.rin = rin;
    this.rc = rc;
    this.rout = rout;
    this.c1 = c1;
    this.c2 = c2;
    this.vdc1 = vdc1;
    this.vdc2 = vdc2;
    this.dvMax = dvMax;
    v1 = new double[n];
    v2 = new double[n];
    x1 = new double[n];
    x2 = new double[n];
    reset();
  }

  /**
   * The compact form of a neuristor library circuit ({@code pickett}, {@code pickett2013}: channels
   * {@code nm1}, {@code nm2}, elements {@code rl1}, {@code rl2}, {@code rout}, {@code c1}, {@code c2},
   * biases {@code vdc1}, {@code vdc2}).
   */
  static CompactNeuristor of(NeuronCircuit c, java.util.Map<String, String> params, int n) {
    org.neuristor.circuit.Circuit k = CompactForms.compile(c, params);
    TsGate g1 = CompactForms.gate(k, "nm1", c);
    TsGate g2 = CompactForms.gate(k, "nm2", c);
    return new CompactNeuristor(n, g1, g2, CompactForms.ohms(k, "rl1"), CompactForms.ohms(k, "rl2"),
        CompactForms.ohms(k, "rout"), CompactForms.farads(k, "c1"), CompactForms.farads(k, "c2"),
        -CompactForms.source(k, "vdc1").valueAt(0, true), CompactForms.source(k, "vdc2").valueAt(0, true),
        CompactForms.DV_OVER_DELTA * Math.min(g1.delta, g2.delta), c.spikeDetector());
  }

  @Override
  protected List<StateVariable> declareStates() {
    return List.of(new StateVariable("v1", "V", v1), new StateVariable("v2", "V", v2),
        new StateVariable("x1", "1", x1), new StateVariable("x2", "1", x2));
  }

  @Override
  public double membraneCapacitance() {
    return c1;
  }

  @Override
  protected double[] spikeState() {
    return x2;
  }

  @Override
  protected void resetStates() {
    java.util.Arrays.fill(v1, 0);
    java.util.Arrays.fill(v2, 0);
    java.util.Arrays.fill(x1, m1.x0);
    java.util.Arrays.fill(x2, m2.x0);
  }

  @Override
  public void step(int from, int to, double dt, double[] vin, double[] isyn, double[] spikeOffset) {
    final double gin = 1 / rin;
    final double gc = 1 / rc;
    final double go = 1 / rout;
    for (int i = from; i < to; i++) {
      double a = v1[i];
      double b = v2[i];
      double y1 = x1[i];
      double y2 = x2[i];
      double src = vin[i] * gin + (isyn == null ? 0 : isyn[i]);
      double spike = Double.NaN;
      double t = 0;
      while (t < dt) {
        double h = dt - t;
        double g1 = m1.g(y1);
        double g2 = m2.g(y2);
        double a11 = -(gin + gc + g1) / c1;
        double a12 = gc / c1;
        double a21 = gc / c2;
        double a22 = -(gc + g2 + go) / c2;
        double b1 = (src - g1 * vdc1) / c1;
        double b2 = g2 * vdc2 / c2;
        double r1 = Math.abs(a11 * a + a12 * b + b1);
        double r2 = Math.abs(a21 * a + a22 * b + b2);
        double rate = Math.max(r1, r2);
        if (rate * h > dvMax) {
          h = dvMax / rate;
        }
        double d1 = a + vdc1;
        double d2 = b - vdc2;
        double xi1 = m1.xinf(d1, y1);
        double xi2 = m2.xinf(d2, y2);
        if (TsGate.active(y1, xi1)) {
          h = Math.min(h, TsGate.TAU_FRAC * m1.tau(d1, y1, xi1));
        }
        if (TsGate.active(y2, xi2)) {
          h = Math.min(h, TsGate.TAU_FRAC * m2.tau(d2, y2, xi2));
        }
        if (dt - t - h < 1e-6 * dt) {
          h = dt - t;
        }
        // exact step of dV/dt = A V + b for frozen A, b
        double det = a11 * a22 - a12 * a21;
        double inf1 = -(a22 * b1 - a12 * b2) / det;
        double inf2 = -(a11 * b2 - a21 * b1) / det;
        double s = 0.5 * (a11 + a22);
        double dd = 0.5 * (a11 - a22);
        double q = Math.sqrt(dd * dd + a12 * a21);
        double e1 = Math.exp((s + q) * h);
        double e2 = Math.exp((s - q) * h);
        double ch = 0.5 * (e1 + e2);
        double sh = q * h > 1e-8 ? (e1 - e2) / (2 * q) : h * Math.exp(s * h);
        double u1 = a - inf1;
        double u2 = b - inf2;
        double na = inf1 + ch * u1 + sh * ((a11 - s) * u1 + a12 * u2);
        double nb = inf2 + ch * u2 + sh * (a21 * u1 + (a22 - s) * u2);
        double ny1 = m1.relax(y1, na + vdc1, h);
        double ny2 = m2.relax(y2, nb - vdc2, h);
        spike = spike(i, spike, t, h, y2, ny2);
        a = na;
        b = nb;
        y1 = ny1;
        y2 = ny2;
        t += h;
      }
      endStep(i, dt);
      spikeOffset[i] = spike;
      v1[i] = a;
      v2[i] = b;
      x1[i] = y1;
      x2[i] = y2;
    }
  }
}
