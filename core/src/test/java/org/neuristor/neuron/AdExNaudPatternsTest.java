package org.neuristor.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuristor.PeerReference;
import org.neuristor.measure.FiringPattern;
import org.neuristor.measure.FiringPatternClassifier;

/**
 * The eight AdEx firing patterns of Naud et al., Biol. Cybern. 99, 335 (2008) (parameter sets of Brian2's example
 * Naud_et_al_2008_adex_firing_patterns.py; reference: src/test/resources/reference/brian2/adex_naud_brian2.py,
 * Brian2 'euler', dt 0.1 ms, 600 ms, constant current from t = 0):
 * <ul>
 *   <li>our {@link Method#EULER} at the same dt gives Brian2's spikes, one dt later (Brian2 stamps the step's start,
 *       we its end), to 1e-6 ms; the chaotic irregular pattern only up to 500 ms, where rounding has not yet grown;
 *   <li>the firing-pattern classifier gives the pattern its Izhikevich (2004) name, on Brian2's spike train and on
 *       ours with the default method (RK2, 10 us): tonic spiking, spike-frequency adaptation (adaptation), mixed mode
 *       (initial burst), tonic bursting (regular bursting, delayed regular bursting), phasic spiking (transient).
 *       Before the adaptation and mixed-mode rules took a train whose adaptation finishes inside the run, the
 *       adapting and initial-burst cells were called tonic spiking. Delayed accelerating and irregular have no
 *       Izhikevich class and are not asserted.
 * </ul>
 */
class AdExNaudPatternsTest {

  static final String REF = "/reference/brian2/adex_naud_brian2_spikes.csv";

  static NeuronModel model(String p) {
    String[] k = {"c", "g_l", "e_l", "v_t", "delta_t", "a", "tau_w", "b", "v_r"};
    String[] v = p.split(" ");
    Map<String, Double> m = new java.util.HashMap<>();
    for (int i = 0; i < k.length; i++) {
      m.put(k[i], Double.parseDouble(v[i]));
    }
    return NeuronModel.of(ModelKind.ADEX, m);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "tonic, 200 10 -70 -50 2 2 30 0 -58, 500, TONIC_SPIKING",
      "adaptation, 200 12 -70 -50 2 2 300 60 -58, 500, SPIKE_FREQUENCY_ADAPTATION",
      "initial_burst, 130 18 -58 -50 2 4 150 120 -50, 400, MIXED_MODE",
      "regular_bursting, 200 10 -58 -50 2 2 120 100 -46, 210, TONIC_BURSTING",
      "delayed_accelerating, 200 12 -70 -50 2 -10 300 0 -58, 300, ",
      "delayed_regular_bursting, 100 10 -65 -50 2 -10 90 30 -47, 110, TONIC_BURSTING",
      "transient, 100 10 -65 -50 2 10 90 100 -47, 180, PHASIC_SPIKING",
      "irregular, 100 12 -60 -50 2 -11 130 30 -48, 160, "})
  void spikeTimesAgreeWithBrian2AndThePatternIsNamed(String name, String params, double amp, String expected) {
    List<Double> ref = PeerReference.valuesFor(REF, name);
    NeuronModel m = model(params);
    double[] euler = NeuronSimulation.spikeTimesMs(m, Stimulus.constant(amp), 600, 0.1, Method.EULER);
    double until = name.equals("irregular") ? 500 : 600;
    List<Double> refIn = ref.stream().filter(t -> t < until).toList();
    assertThat(java.util.Arrays.stream(euler).filter(t -> t - 0.1 < until).count()).isEqualTo(refIn.size());
    for (int k = 0; k < refIn.size(); k++) {
      assertThat(euler[k]).as("spike %d", k).isCloseTo(refIn.get(k) + 0.1, within(1e-6));
    }
    if (expected == null) {
      return;
    }
    double[] t = {0, 600};
    double[] stim = {amp, amp};
    FiringPatternClassifier.Result peer = FiringPatternClassifier.classify(t, stim, null,
        ref.stream().mapToDouble(Double::doubleValue).toArray());
    assertThat(peer.pattern()).as(peer.reason()).isEqualTo(FiringPattern.valueOf(expected));
    double[] rk2 = NeuronSimulation.spikeTimesMs(m, Stimulus.constant(amp), 600, 0.01, Method.RK2);
    FiringPatternClassifier.Result ours = FiringPatternClassifier.classify(t, stim, null, rk2);
    assertThat(ours.pattern()).as(ours.reason()).isEqualTo(FiringPattern.valueOf(expected));
  }
}
