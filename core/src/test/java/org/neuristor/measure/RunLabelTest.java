package org.neuristor.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.neuristor.neuron.NeuronSimulation;
import org.neuristor.neuron.Stimulus;

/**
 * The label of one run under an arbitrary input ({@code neuron run}, {@code model run}): none, with the reason,
 * where the input is not one the classifier's rules were made for (a periodic pulse train, a random input); the
 * label unchanged under the protocols they were made for.
 */
class RunLabelTest {
  static FiringPatternClassifier.Result[] both(Stimulus s, double durationMs, String notMadeFor) {
    NeuronSimulation.Result r = NeuronSimulation.run(AddedBehaviourLabelsTest.HH, s, durationMs, 0.01);
    return new FiringPatternClassifier.Result[] {
        FiringPatternClassifier.classify(r.trace(), "i", "v", r.spikeTimesSeconds()),
        FiringPatternClassifier.classifyRun(r.trace(), "i", "v", r.spikeTimesSeconds(), notMadeFor)};
  }

  @Test
  void aPeriodicPulseTrainGetsNoLabel() {
    // five equal 1 ms pulses every 40 ms, each firing: the rules would read the last spike's after-potential
    FiringPatternClassifier.Result[] r = both(AddedBehaviourLabelsTest.pulses(20, 20, 20, 20, 20), 200, null);
    assertThat(r[0].pattern()).isNotNull();
    assertThat(r[1].pattern()).as(r[1].reason()).isNull();
    assertThat(r[1].label()).isNull();
    assertThat(r[1].reason()).startsWith("the input is a periodic train of 5 equal pulses")
        .contains("made for steps, ramps, single pulses and pulse pairs");
  }

  @Test
  void aRandomInputGetsNoLabelButSilenceStaysQuiescent() {
    FiringPatternClassifier.Result[] r = both(Stimulus.step(10, 10, Double.POSITIVE_INFINITY), 100, "noisy");
    assertThat(r[1].pattern()).isNull();
    assertThat(r[1].reason()).startsWith("noisy; ");
    // no spike is what happened, whatever the input
    FiringPatternClassifier.Result[] q = both(AddedBehaviourLabelsTest.pulses(1, 1, 1, 1), 200, "noisy");
    assertThat(q[1].pattern()).isEqualTo(FiringPattern.QUIESCENT);
  }

  @Test
  void theProtocolsKeepTheirLabels() {
    // a step, pulses of rising amplitude at one interval (all-or-nothing), pulse pairs (refractory period)
    for (Object[] c : new Object[][] {{Stimulus.step(10, 10, Double.POSITIVE_INFINITY), 100.0},
        {AddedBehaviourLabelsTest.pulses(2, 4, 6, 8, 12, 20, 30), 300.0},
        {AddedBehaviourLabelsTest.pairs(2, 4, 6, 8, 12, 16), 400.0}}) {
      FiringPatternClassifier.Result[] r = both((Stimulus) c[0], (Double) c[1], null);
      assertThat(r[1].pattern()).as(r[0].reason()).isNotNull().isEqualTo(r[0].pattern());
      assertThat(r[1].reason()).isEqualTo(r[0].reason());
    }
  }
}
