package org.neuristor.neuron;

/**
 * Closed forms of the leaky integrate-and-fire model (physics.md 2.2) for a {@link ModelKind#LIF}
 * model (ms, mV, MOhm, nA): with constant input I the membrane relaxes toward {@code V_inf = E_L +
 * R I}; from V_reset it reaches theta after {@code tau ln((V_inf - V_reset)/(V_inf - theta))}, so
 *
 * <pre>
 *   rheobase  I_rh = (theta - E_L)/R                   (1.5 nA for the defaults)
 *   rate      f = 1/(t_ref + tau ln((V_inf - V_reset)/(V_inf - theta)))   for I > I_rh, else 0
 * </pre>
 */
public final class LifTheory {
  private LifTheory() {}

  /** Rheobase (nA). */
  public static double rheobaseNa(NeuronModel m) {
    return (m.get("v_th") - m.get("e_l")) / m.get("r");
  }

  /** Firing rate (Hz) for a constant current (nA); 0 at or below the rheobase. */
  public static double rateHz(NeuronModel m, double iNa) {
    double vinf = m.get("e_l") + m.get("r") * iNa;
    double th = m.get("v_th");
    if (vinf <= th) {
      return 0;
    }
    return 1000.0 / (m.get("t_ref") + m.get("tau_m") * Math.log((vinf - m.get("v_reset")) / (vinf - th)));
  }
}
