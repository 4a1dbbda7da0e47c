package org.neuristor.network;

import org.neuristor.ModelParameterException;
import org.neuristor.library.CompactLif;

/**
 * Population of memristive LIF neurons: the 1TS-1C neuron of physics.md 4.1 (threshold switch in
 * parallel with the membrane capacitor, fed through R_in from V_in) in the compact form of
 * {@link CompactLif} (a {@link KernelPopulation} of that kernel, clamped and biased as below):
 *
 * <pre>
 *   C dV/dt = (V_in - V)/R_in + I_syn - G(x) v,   v = V/(1 + G(x) R_out)
 *   dx/dt   = (x_inf(v, x) - x)/tau(x_inf, x)      (TS-A, physics.md 3.1)
 *   I_syn   = sum_k g_k (E_k - V) + sum_m I_m;  CURRENT kernels dump a charge w (C) on C: V += w/C
 * </pre>
 *
 * A spike is an upward crossing of x = 0.5, confirmed at 0.6 and re-armed below 0.4 (the circuit rule, see
 * {@link org.neuristor.library.CompactKernel}). Time is device time (no rescaling): with the default
 * nanoscale values below (physics.md 4.0 scaling, R x k, C / k) an ISI lasts microseconds, so
 * networks of these neurons run with dt of order 10-100 ns. An optional clamp keeps V &gt;= 0 (a
 * diode to ground): the TS-A device is unipolar, so a membrane driven negative by inhibitory
 * (negative) crossbar currents would otherwise fire on |v|.
 *
 * <p>Energy per spike: physics.md 4.1 gives 0.84 nJ per spike at C = 1 nF (supply energy, V_in = 2
 * V); by the R x k, C / k scaling law it scales with C, so this class reports
 * {@code 0.84 nJ x C / 1 nF} unless told otherwise.
 */
public final class MemristiveLifPopulation extends KernelPopulation {
  /**
   * @param vThVolts TS-A threshold V_th (V)
   * @param vHoldVolts TS-A hold voltage V_hold (V)
   * @param rOnOhm TS ON resistance (Ohm)
   * @param rOffOhm TS OFF resistance (Ohm)
   * @param tauOnSeconds switching-on time (s)
   * @param tauOffSeconds relaxation time (s)
   * @param deltaVolts smoothing width (V)
   * @param eps tau blend width
   * @param rInOhm input resistor (Ohm)
   * @param cFarads membrane capacitor (F)
   * @param rOutOhm output sense resistor (Ohm)
   * @param vInVolts bias voltage behind R_in (V)
   * @param clampNonNegative clamp the membrane at 0 V
   * @param energyPerSpikeJoules neuron energy per spike (J)
   */
  public record Params(double vThVolts, double vHoldVolts, double rOnOhm, double rOffOhm, double tauOnSeconds,
      double tauOffSeconds, double deltaVolts, double eps, double rInOhm, double cFarads, double rOutOhm,
      double vInVolts, boolean clampNonNegative, double energyPerSpikeJoules) {
    public Params {
      if (!(vThVolts > vHoldVolts) || !(vHoldVolts > 0)) {
        throw new ModelParameterException("V_th", "memristive LIF: needs V_th > V_hold > 0");
      }
      if (!(rOnOhm > 0) || !(rOffOhm > rOnOhm) || !(rInOhm > 0) || !(cFarads > 0) || !(rOutOhm >= 0)) {
        throw new ModelParameterException("R_on", "memristive LIF: needs 0 < R_on < R_off, R_in > 0, C > 0, R_out >= 0");
      }
      if (!(tauOnSeconds > 0) || !(tauOffSeconds > 0)) {
        throw new ModelParameterException("tau_on", "memristive LIF: switching times must be > 0");
      }
    }

    /**
     * The physics.md 4.1 neuron (TS-A NbOx-like preset V_th 1.0, V_hold 0.6, R_on 1k, R_off 1M,
     * tau_on 10 ns, tau_off 100 ns, delta 2 mV; R_in 20k, C 1 nF, R_out 100) with every resistance
     * multiplied by k and C divided by k (physics.md 4.0: waveforms unchanged, energy / k), no
     * bias (V_in = 0), so R_in acts as an extra leak to ground.
     */
    public static Params scaled(double k) {
      double c = 1e-9 / k;
      return new Params(1.0, 0.6, 1e3 * k, 1e6 * k, 10e-9, 100e-9, 2e-3, 0.02, 20e3 * k, c, 100 * k, 0.0, true,
          0.84e-9 * c / 1e-9);
    }

    public Params withBias(double vIn, double rIn) {
      return new Params(vThVolts, vHoldVolts, rOnOhm, rOffOhm, tauOnSeconds, tauOffSeconds, deltaVolts, eps, rIn,
          cFarads, rOutOhm, vIn, clampNonNegative, energyPerSpikeJoules);
    }
  }

  private final Params p;

  public MemristiveLifPopulation(String name, int size, Params p) {
    super(name, new CompactLif(size, p.vThVolts(), p.vHoldVolts(), p.rOnOhm(), p.rOffOhm(), p.tauOnSeconds(),
        p.tauOffSeconds(), p.deltaVolts(), p.eps(), p.rInOhm(), p.cFarads(), p.rOutOhm())
        .clampNonNegative(p.clampNonNegative()).drive(t -> p.vInVolts()), 0, p.energyPerSpikeJoules());
    this.p = p;
  }

  public Params params() {
    return p;
  }
}
