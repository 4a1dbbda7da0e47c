package org.neuristor.library;

import java.util.List;
import org.neuristor.neuron.StateVariable;

/**
 * Compact form of Wang's neuro-transistor (physics.md 4.4): a diffusive memristor (TS-A gate with
 * tau_on(v)) in parallel with C_D from the input to the gate node g, C_S and R_leak from g to
 * ground, as a population kernel.
 *
 * <pre>
 *   (C_S + C_D) dV_g/dt = C_D dV_in/dt + G(x) (V_in - V_g) - V_g / R_leak + I_syn
 *   dx/dt = (x_inf(v, x) - x)/tau(v),   v = V_in - V_g
 * </pre>
 *
 * The input ramps linearly over a step from the previous step's value to {@code vin[i]} (the
 * capacitive coupling C_D dV_in/dt then acts as a constant current over the step, so edges are
 * as steep as the caller's dt resolves them). Between changes V_g is advanced exactly for
 * frozen G(x), x relaxes exponentially; sub-steps bound the change of the device voltage by
 * {@code dvMax} and resolve tau while the switch moves. A spike is the gate's upward crossing of the
 * circuit's spike level (the transistor threshold V_T, where drain current starts) under the circuit's spike
 * rule ({@link CompactKernel}): confirmed once the gate reaches the level plus the circuit's spike hysteresis,
 * re-armed when it falls below the level minus it.
 */
public final class CompactWang extends CompactKernel {
  private final TsGate dm;
  private final double cd;
  private final double cs;
  private final double rleak;
  private final double dvMax;
  /** Gate node voltages (V). */
  public final double[] vg;
  /** Memristor states. */
  public final double[] x;
  private final double[] lastVin;

  CompactWang(int n, TsGate dm, double cd, double cs, double rleak, double dvMax,
      org.neuristor.measure.SpikeDetector rule) {
    super(n, rule);
    this.dm = dm;
    this.cd = cd;
    this.cs = cs;
    this.rleak = rleak;
    this.dvMax = dvMax;
    vg = new double[n];
    x = new double[n];
    lastVin = new double[n];
    reset();
  }

  /** The compact form of the {@code wang} library circuit (memristor {@code ndm}, {@code cdm}, {@code cs}, {@code rleak}). */
  static CompactWang of(NeuronCircuit c, java.util.Map<String, String> params, int n) {
    org.neuristor.circuit.Circuit k = CompactForms.compile(c, params);
    TsGate g = CompactForms.gate(k, "ndm", c);
    return new CompactWang(n, g, CompactForms.farads(k, "cdm"), CompactForms.farads(k, "cs"),
        CompactForms.ohms(k, "rleak"), CompactForms.DV_OVER_DELTA * g.delta, c.spikeDetector());
  }

  @Override
  protected List<StateVariable> declareStates() {
    return List.of(new StateVariable("vg", "V", vg), new StateVariable("x", "1", x));
  }

  @Override
  public double membraneCapacitance() {
    return cs + cd;
  }

  @Override
  protected double[] spikeState() {
    return vg;
  }

  @Override
  protected void resetStates() {
    java.util.Arrays.fill(vg, 0);
    java.util.Arrays.fill(lastVin, 0);
    java.util.Arrays.fill(x, dm.x0);
  }

  @Override
  public boolean rampsInput() {
    return true;
  }

  @Override
  public void step(int from, int to, double dt, double[] vin, double[] isyn, double[] spikeOffset) {
    final double ct = cs + cd;
    final double gl = 1 / rleak;
    for (int i = from; i < to; i++) {
      double u0 = lastVin[i];
      double slope = (vin[i] - u0) / dt;
      lastVin[i] = vin[i];
      double a = vg[i];
      double y = x[i];
      double inj = (isyn == null ? 0 : isyn[i]) + cd * slope;
      double spike = Double.NaN;
      double t = 0;
      while (t < dt) {
        double h = dt - t;
        double g = dm.g(y);
        double gt = g + gl;
        double u = u0 + slope * t;
        double inf = (g * u + inj) / gt;
        double rate = Math.max(Math.abs(inf - a) * gt / ct, Math.abs(slope));
        if (rate * h > dvMax) {
          h = dvMax / rate;
        }
        double d = u - a;
        double xi = dm.xinf(d, y);
        if (TsGate.active(y, xi)) {
          h = Math.min(h, TsGate.TAU_FRAC * dm.tau(d, y, xi));
        }
        if (dt - t - h < 1e-6 * dt) {
          h = dt - t;
        }
        double um = u0 + slope * (t + 0.5 * h);
        inf = (g * um + inj) / gt;
        double na = inf + (a - inf) * Math.exp(-h * gt / ct);
        double ny = dm.relax(y, u0 + slope * (t + h) - na, h);
        spike = spike(i, spike, t, h, a, na);
        a = na;
        y = ny;
        t += h;
      }
      endStep(i, dt);
      spikeOffset[i] = spike;
      vg[i] = a;
      x[i] = y;
    }
  }
}
