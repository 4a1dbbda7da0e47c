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

  /**
   * One spike near the end of the record is no phasic spiking: the LIF (tau 10 ms, R 10 MOhm, 15 mV to threshold) under
   * a 1.52 nA step fires after tau ln(15.2 / 0.2) = 43.3 ms and, reset to rest, would fire again 45.3 ms later. A
   * 60 ms record ends 6.6 ms after the first spike; until round 21 that read "phasic spiking ... then silent for
   * 0.00659". A 200 ms record shows the tonic firing; the phasic HH spike (silence far longer than its latency) stays.
   */
  @Test
  void oneSpikeTheRecordEndsSoonAfterIsNotPhasic() {
    org.neuristor.neuron.NeuronModel lif = org.neuristor.neuron.NeuronModel.of(org.neuristor.neuron.ModelKind.LIF,
        java.util.Map.of());
    Stimulus step = Stimulus.step(1.52, 10, Double.POSITIVE_INFINITY);
    NeuronSimulation.Result r = NeuronSimulation.run(lif, step, 60, 0.1);
    assertThat(r.spikeTimesSeconds()).hasSize(1);
    assertThat(r.spikeTimesSeconds()[0] - 0.010).isCloseTo(0.010 * Math.log(15.2 / 0.2), org.assertj.core.data.Offset
        .offset(1e-4));
    FiringPatternClassifier.Result c = FiringPatternClassifier.classify(r.trace(), "i", "v", r.spikeTimesSeconds());
    assertThat(c.pattern()).as(c.reason()).isEqualTo(FiringPattern.UNCLASSIFIED);
    assertThat(c.reason()).startsWith("one spike, 0.0433 after the onset of a sustained step, and the record ends "
        + "0.00659 after it").contains("a longer run");
    r = NeuronSimulation.run(lif, step, 200, 0.1);
    assertThat(FiringPatternClassifier.classify(r.trace(), "i", "v", r.spikeTimesSeconds()).pattern())
        .isEqualTo(FiringPattern.TONIC_SPIKING);
    // HH's one spike under a 3 uA/cm2 step (below its 6.26 onset of repetitive firing), then rest
    r = NeuronSimulation.run(AddedBehaviourLabelsTest.HH, Stimulus.step(3, 10, Double.POSITIVE_INFINITY), 100, 0.01);
    assertThat(r.spikeTimesSeconds()).hasSize(1);
    assertThat(FiringPatternClassifier.classify(r.trace(), "i", "v", r.spikeTimesSeconds()).pattern())
        .isEqualTo(FiringPattern.PHASIC_SPIKING);
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

  static String pwl(double tEnd, double... tv) {
    double[] t = new double[tv.length / 2];
    double[] v = new double[tv.length / 2];
    for (int k = 0; k < t.length; k++) {
      t[k] = tv[2 * k];
      v[k] = tv[2 * k + 1];
    }
    return FiringPatternClassifier.pwlNotMadeFor(new org.neuristor.circuit.element.Waveform.Pwl(t, v), tEnd);
  }

  @Test
  void aPwlThatIsAStepAPulseOrARampIsMadeFor() {
    assertThat(pwl(1, 0, 0)).isNull();
    assertThat(pwl(1, 0, 0, 0.1, 0, 0.1, 2)).isNull(); // a step to the end
    assertThat(pwl(1, 0, 0, 0.1, 0, 0.11, 2, 0.3, 2, 0.31, 0)).isNull(); // a pulse
    assertThat(pwl(1, 0, 0, 0.1, 0, 0.11, -2, 0.3, -2, 0.31, 0, 0.5, 0, 0.505, 2, 0.6, 2, 0.605, 0)).isNull(); // pair
    assertThat(pwl(1, 0, 1, 0.2, 1, 0.2, 0, 0.4, 0, 0.4, 1)).isNull(); // baseline 1, a hyperpolarizing pulse
    assertThat(pwl(1, 0, 0, 0.01, 2, 0.01, 2, 0.5, 2)).isNull(); // a repeated point
    assertThat(pwl(1, 0, 0, 0.1, 0, 1, 3)).isNull(); // a ramp to the end
    assertThat(pwl(1, 0, 0, 0.1, 0, 0.2, 1, 0.3, 2, 0.4, 3, 0.4, 0)).isNull(); // a ramp in segments, then back
    assertThat(pwl(1, 0, 0, 0.1, 0, 0.1, 1, 0.5, 5, 0.5, 0)).isNull(); // a ramp from a jump
    assertThat(pwl(1, 0, 0, 0.1, 0, 0.4, -3, 0.41, 0)).isNull(); // a falling ramp with a fast edge back
    // what comes after the record's end is not in the record
    assertThat(pwl(0.5, 0, 0, 0.01, 2, 0.6, 2, 0.7, 5, 0.8, 1)).isNull();
    assertThat(pwl(0.5, 0, 0, 0.1, 0, 0.7, 6)).isNull(); // a ramp cut by the end
  }

  @Test
  void anArbitraryPwlIsNotMadeFor() {
    for (double[] tv : new double[][] {
        {0, 0, 0.1, 0, 0.1, 1, 0.2, 1, 0.2, 2, 0.3, 2}, // a staircase
        {0, 0, 0.1, 0, 0.3, 2, 0.6, 2}, // a ramp that levels off (a step with a slow edge)
        {0, 0, 0.1, 0, 0.5, 2}, // the same: the last value holds to the end
        {0, 0, 0.1, 0, 0.3, 2, 0.6, 1, 0.9, 0}, // a triangle (its fall drawn through a point)
        {0, 0, 0.1, 0, 0.1, 2, 0.5, 0}, // a jump that decays
        {0, 0, 0.1, 0, 0.11, 2, 0.15, 2, 0.16, 0}, // a pulse whose edges are a fifth of it
        {0, 0, 0.1, 1, 0.2, 0.5, 0.3, 1, 0.4, 0}, // a wiggle
        {0, 0, 0.1, 1, 0.2, -1, 0.3, 0}, // through the baseline
        {0, 0, 0.1, 1, 0.2, 3, 0.3, 4, 0.3, 0}}) { // two slopes
      assertThat(pwl(1, tv)).as(java.util.Arrays.toString(tv)).startsWith("the pwl input is an arbitrary waveform");
    }
    // the second departure is the arbitrary one
    assertThat(pwl(1, 0, 0, 0.1, 0, 0.11, 2, 0.3, 2, 0.31, 0, 0.5, 0, 0.6, 1, 0.7, 0.5, 0.8, 1, 0.9, 0))
        .contains("baseline at 0.5 s");
    // a sine drawn in 20 segments
    double[] sine = new double[42];
    for (int k = 0; k <= 20; k++) {
      sine[2 * k] = k * 0.05;
      sine[2 * k + 1] = Math.sin(2 * Math.PI * k / 10);
    }
    assertThat(pwl(1, sine)).startsWith("the pwl input is an arbitrary waveform");
  }
}
