package org.neuristor.analysis;

/**
 * Firing-pattern classes of Izhikevich's catalogue (IEEE TNN 15, 1063 (2004), Fig. 1), plus
 * {@link #QUIESCENT} (no spike) and {@link #UNCLASSIFIED}. Labels are produced by
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
