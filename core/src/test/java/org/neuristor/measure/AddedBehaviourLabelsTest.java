package org.neuristor.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.neuristor.neuron.ModelKind;
import org.neuristor.neuron.NeuronModel;
import org.neuristor.neuron.NeuronSimulation;
import org.neuristor.neuron.Stimulus;

/**
 * The three behaviours Yi et al. (2018) add to Izhikevich's 20 (all-or-nothing, refractory period,
 * excitation block), labelled on the Hodgkin-Huxley neuron first (physics.md 2.3: a 1 ms pulse
 * threshold between 6 and 8 uA/cm^2, a refractory period of several ms, firing that ends at large
 * input), each with a control that must not get the label.
 */
class AddedBehaviourLabelsTest {
  static final NeuronModel HH = NeuronModel.of(ModelKind.HH);

  static FiringPatternClassifier.Result classify(NeuronModel m, Stimulus s, double durationMs, double dtMs) {
    NeuronSimulation.Result r = NeuronSimulation.run(m, s, durationMs, dtMs);
    return FiringPatternClassifier.classify(r.trace(), "i", "v", r.spikeTimesSeconds());
  }

  /** 1 ms pulses of the given amplitudes (uA/cm^2), one every 40 ms from 10 ms. */
  static Stimulus pulses(double... amps) {
    return t -> {
      int k = (int) Math.floor((t - 10) / 40);
      double s = 10 + 40 * k;
      return k >= 0 && k < amps.length && t > s && t < s + 1 ? amps[k] : 0;
    };
  }

  /** Pairs of 1 ms, 20 uA/cm^2 pulses, the second {@code gaps[k]} ms after the first ended; a pair every 60 ms. */
  static Stimulus pairs(double... gaps) {
    return t -> {
      for (int k = 0; k < gaps.length; k++) {
        double s = 10 + 60 * k;
        if (t > s && t < s + 1 || t > s + 1 + gaps[k] && t < s + 2 + gaps[k]) {
          return 20;
        }
      }
      return 0;
    };
  }

  @Test
  void theTwentyIzhikevichPatternsKeepTheirLabels() {
    java.util.Map<FiringPattern, FiringPattern> found = FiringPatternClassifierTest.confusion(true);
    assertThat(found).hasSize(20);
    found.forEach((expected, got) -> assertThat(got).as(expected.label()).isEqualTo(expected));
  }

  @Test
  void hhPulsesOfRisingAmplitudeAreAllOrNothing() {
    FiringPatternClassifier.Result r = classify(HH, pulses(2, 4, 6, 8, 12, 20, 30), 300, 0.01);
    assertThat(r.pattern()).as(r.reason()).isEqualTo(FiringPattern.ALL_OR_NOTHING);
    // equal pulses are no all-or-nothing test, and without the membrane the amplitude is unknown
    assertThat(classify(HH, pulses(2, 2, 2, 2), 200, 0.01).pattern()).isNotEqualTo(FiringPattern.ALL_OR_NOTHING);
    NeuronSimulation.Result run = NeuronSimulation.run(HH, pulses(2, 4, 6, 8, 12, 20, 30), 300, 0.01);
    assertThat(FiringPatternClassifier.classify(run.trace(), "i", null, run.spikeTimesSeconds()).pattern())
        .isNotEqualTo(FiringPattern.ALL_OR_NOTHING);
  }

  @Test
  void hhPairedPulsesShowARefractoryPeriod() {
    FiringPatternClassifier.Result r = classify(HH, pairs(2, 4, 6, 8, 12, 16), 400, 0.01);
    assertThat(r.pattern()).as(r.reason()).isEqualTo(FiringPattern.REFRACTORY_PERIOD);
    // the boundary lies between 8 and 12 ms after the first pulse (relative refractory period of HH)
    assertThat(r.reason()).contains("0.00800 or less").contains("0.0120 or more");
    // only long gaps: every pulse fires, no refractoriness is seen
    assertThat(classify(HH, pairs(12, 16, 20, 30), 300, 0.01).pattern()).isNotEqualTo(FiringPattern.REFRACTORY_PERIOD);
  }

  @Test
  void hhStopsFiringOnAStrongRamp() {
    FiringPatternClassifier.Result r = classify(HH, Stimulus.ramp(0, 200, 0, 1000), 1000, 0.01);
    assertThat(r.pattern()).as(r.reason()).isEqualTo(FiringPattern.EXCITATION_BLOCK);
    // a ramp that stays below the block keeps firing to its end: a class, not a block
    assertThat(classify(HH, Stimulus.ramp(0, 30, 0, 1000), 1000, 0.01).pattern())
        .isEqualTo(FiringPattern.CLASS_2_EXCITABLE);
    // the LIF has no block: its rate only grows
    assertThat(classify(NeuronModel.of(ModelKind.LIF), Stimulus.ramp(0, 10, 0, 1000), 1000, 0.1).pattern())
        .isNotEqualTo(FiringPattern.EXCITATION_BLOCK);
  }
}
