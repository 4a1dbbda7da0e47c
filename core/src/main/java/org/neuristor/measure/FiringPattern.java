package org.neuristor.measure;

/**
 * Firing-pattern classes of Izhikevich's catalogue (IEEE TNN 15, 1063 (2004), Fig. 1), the three
 * behaviours Yi et al. (Nat. Commun. 9, 4661 (2018)) add to them ({@link #ALL_OR_NOTHING},
 * {@link #REFRACTORY_PERIOD}, {@link #EXCITATION_BLOCK}), plus {@link #QUIESCENT} (no spike) and
 * {@link #UNCLASSIFIED}. Labels are produced by
 * {@link FiringPatternClassifier} from the spike times, the stimulus and (for two classes) the
 * membrane trace.
 */
public enum FiringPattern {
  TONIC_SPIKING("tonic spiking"),
  PHASIC_SPIKING("phasic spiking"),
  TONIC_BURSTING("tonic bursting"),
  PHASIC_BURSTING("phasic bursting"),
  MIXED_MODE("mixed mode"),
  SPIKE_FREQUENCY_ADAPTATION("spike-frequency adaptation"),
  CLASS_1_EXCITABLE("class 1 excitable"),
  CLASS_2_EXCITABLE("class 2 excitable"),
  SPIKE_LATENCY("spike latency"),
  SUBTHRESHOLD_OSCILLATIONS("subthreshold oscillations"),
  RESONATOR("resonator"),
  INTEGRATOR("integrator"),
  REBOUND_SPIKE("rebound spike"),
  REBOUND_BURST("rebound burst"),
  THRESHOLD_VARIABILITY("threshold variability"),
  BISTABILITY("bistability"),
  DEPOLARIZING_AFTER_POTENTIAL("depolarizing after-potential"),
  ACCOMMODATION("accommodation"),
  INHIBITION_INDUCED_SPIKING("inhibition-induced spiking"),
  INHIBITION_INDUCED_BURSTING("inhibition-induced bursting"),
  /** Yi et al. (2018)'s first added behaviour: pulses of rising amplitude give no spike or one full-size spike. */
  ALL_OR_NOTHING("all-or-nothing"),
  /** Second added behaviour: a pulse soon after a spike-evoking one fails, a later one fires. */
  REFRACTORY_PERIOD("refractory period"),
  /** Third added behaviour: firing stops while a rising input keeps rising. */
  EXCITATION_BLOCK("excitation block"),
  QUIESCENT("quiescent"),
  UNCLASSIFIED("unclassified");

  private final String label;

  FiringPattern(String label) {
    this.label = label;
  }

  /** Human-readable label, as in Izhikevich's figure ({@code "tonic spiking"}). */
  public String label() {
    return label;
  }
}
