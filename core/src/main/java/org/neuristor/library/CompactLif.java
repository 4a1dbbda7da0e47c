package org.neuristor.library;

import java.util.List;
import org.neuristor.measure.SpikeDetector;
import org.neuristor.neuron.StateVariable;

/**
 * Compact form of the 1TS-1C leaky integrate-and-fire neuron (physics.md 4.1) as a population
 * kernel: the circuit's two state equations per neuron, in structure-of-arrays form, stepped with a
 * fixed time step and no allocation, for use in networks.
 *
 * <pre>
 *   G(x)   = G_off + x (G_on - G_off),   device voltage  v = V / (1 + G(x) R_out)
 *   C dV/dt = (V_in - V)/R_in + I_syn - G(x) v                         (membrane)
 *   dx/dt   = (x_inf(v, x) - x) / tau(x_inf, x)                        (TS-A, physics.md 3.1)
 * </pre>
 *
 * Integration: the membrane is advanced exactly for frozen conductances (exponential Euler, it is
 * linear in V), the switch state by exponential relaxation toward x_inf with the current tau, which
 * keeps x in [0, 1] for any step. A spike is an upward crossing of x = 0.5, interpolated in time, under the
 * circuit's spike rule ({@link CompactKernel}: confirmed at 0.6, re-armed below 0.4).
 */
public final class CompactLif extends CompactKernel {
  private final TsGate gate;
  private final double rin;
  private final double cm;
  private final double rout;
  private double dvMax = Double.POSITIVE_INFINITY;
  private boolean clamp;
  /** Membrane voltages (V). */
  public final double[] v;
  /** Switch states in [0, 1]. */
  public final double[] x;

  /**
   * @param n number of neurons
   * @param vthVolts internal TS-A threshold, likewise the other TS-A parameters (physics.md 3.1)
   */
  public CompactLif(int n, double vthVolts, double vholdVolts, double ronOhm, double roffOhm, double tauOnSeconds,
      double tauOffSeconds, double deltaVolts, double eps, double rinOhm, double cmFarads, double routOhm) {
    this(n, new TsGate(vthVolts, vholdVolts, ronOhm, roffOhm, tauOnSeconds, tauOffSeconds, deltaVolts, eps, 0, 0),
        rinOhm, cmFarads, routOhm, SpikeDetector.deviceState());
  }

  CompactLif(int n, TsGate gate, double rinOhm, double cmFarads, double routOhm, SpikeDetector rule) {
    super(n, rule);
    this.gate = gate;
    this.rin = rinOhm;
    this.cm = cmFarads;
    this.rout = routOhm;
    this.v = new double[n];
    this.x = new double[n];
    reset();
  }

  /**
   * The compact form of a 1TS-1C library circuit ({@code lif}, {@code lif-ag}, {@code lif-ots}: switch
   * {@code nts}, elements {@code rin}, {@code cm}, {@code rout}) with sub-stepping at 0.1 delta.
   */
  static CompactLif of(NeuronCircuit c, java.util.Map<String, String> params, int n) {
    org.neuristor.circuit.Circuit k = CompactForms.compile(c, params);
    TsGate g = CompactForms.gate(k, "nts", c);
    return new CompactLif(n, g, CompactForms.ohms(k, "rin"), CompactForms.farads(k, "cm"), CompactForms.ohms(k, "rout"),
        c.spikeDetector())
        .adaptive(CompactForms.DV_OVER_DELTA * g.delta);
  }

  /** The library's default neuron (physics.md 4.1: NbOx-like TS-A, 20 kOhm, 1 nF, 100 Ohm). */
  public static CompactLif physicsDefault(int n) {
    return new CompactLif(n, 1.0, 0.6, 1e3, 1e6, 10e-9, 100e-9, 2e-3, 0.02, 20e3, 1e-9, 100);
  }

  /**
   * Turns on sub-stepping: within a step, each neuron takes sub-steps that change its membrane by
   * at most {@code dvMaxVolts} and resolve tau while its switch moves (0.2 tau); without it (the
   * default) a step is one exponential-Euler update, as the network's memristive LIF uses it.
   */
  public CompactLif adaptive(double dvMaxVolts) {
    this.dvMax = dvMaxVolts;
    return this;
  }

  /**
   * Clamps the membrane at 0 V (a diode to ground): the TS-A device is unipolar, so a membrane
   * driven negative by inhibitory currents would otherwise fire on |v|. Returns this.
   */
  public CompactLif clampNonNegative(boolean on) {
    this.clamp = on;
    return this;
  }

  @Override
  public double membraneFloor() {
    return clamp ? 0 : Double.NEGATIVE_INFINITY;
  }

  @Override
  protected List<StateVariable> declareStates() {
    return List.of(new StateVariable("v", "V", v), new StateVariable("x", "1", x));
  }

  @Override
  public double membraneCapacitance() {
    return cm;
  }

  @Override
  protected double[] spikeState() {
    return x;
  }

  @Override
  protected void resetStates() {
    java.util.Arrays.fill(v, 0);
    java.util.Arrays.fill(x, gate.x0);
  }

  /**
   * Advances every neuron by dt with input voltages {@code vin[i]} and extra synaptic currents
   * {@code isyn[i]} (may be null); writes the interpolated spike time offset within the step
   * (0..dt) into {@code spikeOffset[i]}, or NaN when neuron i did not spike.
   */
  @Override
  public void step(int from, int to, double dt, double[] vin, double[] isyn, double[] spikeOffset) {
    final TsGate ts = gate;
    final boolean adaptive = dvMax < Double.POSITIVE_INFINITY;
    for (int i = from; i < to; i++) {
      double vi = v[i];
      double xi = x[i];
      double drive = vin[i] / rin + (isyn == null ? 0 : isyn[i]);
      double spike = Double.NaN;
      double t = 0;
      while (t < dt) {
        double h = dt - t;
        double g = ts.g(xi);
        double geff = g / (1 + g * rout);
        // membrane: C dV/dt = (Vin - V)/Rin + I - geff V  ->  exact for frozen geff
        double gt = 1 / rin + geff;
        double vinf = drive / gt;
        if (adaptive) {
          double rate = Math.abs(vinf - vi) * gt / cm;
          if (rate * h > dvMax) {
            h = dvMax / rate;
          }
          double dev0 = vi / (1 + g * rout);
          double xi0 = ts.xinf(dev0, xi);
          if (TsGate.active(xi, xi0)) {
            h = Math.min(h, TsGate.TAU_FRAC * ts.tau(dev0, xi, xi0));
          }
          if (dt - t - h < 1e-6 * dt) {
            h = dt - t;
          }
        }
        double vNew = vinf + (vi - vinf) * Math.exp(-h * gt / cm);
        double xNew = ts.relax(xi, vNew / (1 + g * rout), h);
        spike = spike(i, spike, t, h, xi, xNew);
        vi = vNew;
        xi = xNew;
        t += h;
      }
      endStep(i, dt);
      spikeOffset[i] = spike;
      v[i] = clamp && vi < 0 ? 0 : vi;
      x[i] = xi;
    }
  }
}
