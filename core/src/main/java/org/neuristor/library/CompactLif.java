package org.neuristor.library;

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
 * keeps x in [0, 1] for any step. A spike is an upward crossing of x = 0.5, interpolated in time.
 */
public final class CompactLif {
  private final int n;
  private final double vth;
  private final double vhold;
  private final double gOn;
  private final double gOff;
  private final double tauOn;
  private final double tauOff;
  private final double delta;
  private final double eps;
  private final double rin;
  private final double cm;
  private final double rout;
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
    this.n = n;
    this.vth = vthVolts;
    this.vhold = vholdVolts;
    this.gOn = 1 / ronOhm;
    this.gOff = 1 / roffOhm;
    this.tauOn = tauOnSeconds;
    this.tauOff = tauOffSeconds;
    this.delta = deltaVolts;
    this.eps = eps;
    this.rin = rinOhm;
    this.cm = cmFarads;
    this.rout = routOhm;
    this.v = new double[n];
    this.x = new double[n];
  }

  /** The library's default neuron (physics.md 4.1: NbOx-like TS-A, 20 kOhm, 1 nF, 100 Ohm). */
  public static CompactLif physicsDefault(int n) {
    return new CompactLif(n, 1.0, 0.6, 1e3, 1e6, 10e-9, 100e-9, 2e-3, 0.02, 20e3, 1e-9, 100);
  }

  public int size() {
    return n;
  }

  private static double sig(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /**
   * Advances every neuron by dt with input voltages {@code vin[i]} and extra synaptic currents
   * {@code isyn[i]} (may be null); writes the interpolated spike time offset within the step
   * (0..dt) into {@code spikeOffset[i]}, or NaN when neuron i did not spike.
   */
  public void step(double dt, double[] vin, double[] isyn, double[] spikeOffset) {
    for (int i = 0; i < n; i++) {
      double xi = x[i];
      double g = gOff + xi * (gOn - gOff);
      double geff = g / (1 + g * rout);
      // membrane: C dV/dt = (Vin - V)/Rin + I - geff V  ->  exact for frozen geff
      double gt = 1 / rin + geff;
      double vinf = (vin[i] / rin + (isyn == null ? 0 : isyn[i])) / gt;
      double vNew = vinf + (v[i] - vinf) * Math.exp(-dt * gt / cm);
      double dev = vNew / (1 + g * rout);
      double xinf = sig((Math.abs(dev) - vth + (vth - vhold) * xi) / delta);
      double tau = tauOff + (tauOn - tauOff) * sig((xinf - xi) / eps);
      double xNew = xinf + (xi - xinf) * Math.exp(-dt / tau);
      spikeOffset[i] = xi < 0.5 && xNew >= 0.5 ? dt * (0.5 - xi) / (xNew - xi) : Double.NaN;
      v[i] = vNew;
      x[i] = xNew;
    }
  }
}
