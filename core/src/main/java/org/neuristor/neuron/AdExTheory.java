package org.neuristor.neuron;

/**
 * Closed-form rheobases of the AdEx model (physics.md 2.4), from the parameters of a
 * {@link ModelKind#ADEX} model (pF, nS, mV, pA):
 *
 * <ul>
 *   <li>without adaptation (w = 0): the maximum over V of {@code g_L (V - E_L) - g_L Delta_T
 *       exp((V - V_T)/Delta_T)} lies at V = V_T, so {@code I = g_L (V_T - E_L - Delta_T)} (546.0 pA
 *       for the regular-spiking set);
 *   <li>with adaptation at steady state (w = a (V - E_L)):
 *       {@code V* = V_T + Delta_T ln((g_L + a)/g_L)},
 *       {@code I = (g_L + a)(V* - E_L) - g_L Delta_T exp((V* - V_T)/Delta_T)} (627.3 pA).
 * </ul>
 */
public final class AdExTheory {
  private AdExTheory() {}

  /** Rheobase with the adaptation current held at zero (pA). */
  public static double rheobaseNoAdaptationPa(NeuronModel m) {
    return m.get("g_l") * (m.get("v_t") - m.get("e_l") - m.get("delta_t"));
  }

  /** Rheobase with the adaptation current at its steady state {@code a (V - E_L)} (pA). */
  public static double rheobaseSteadyStatePa(NeuronModel m) {
    double gl = m.get("g_l");
    double a = m.get("a");
    double dT = m.get("delta_t");
    double vStar = m.get("v_t") + dT * Math.log((gl + a) / gl);
    return (gl + a) * (vStar - m.get("e_l")) - gl * dT * Math.exp((vStar - m.get("v_t")) / dT);
  }
}
