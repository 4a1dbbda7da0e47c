package org.neuristor.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.neuristor.NeuristorException;

/** Strength-duration and all-or-nothing analyses against closed forms. */
class StrengthDurationTest {

  /** Leaky integrator: a pulse of amplitude A and duration d reaches A (1 - exp(-d/tau)); fires at theta. */
  @Test
  void leakyIntegratorFollowsLapicqueWithChronaxieTauLn2() {
    double tau = 20e-6;
    double theta = 1.0;
    double[] d = new double[40];
    for (int k = 0; k < d.length; k++) {
      d[k] = 0.05 * tau * Math.pow(200, k / (d.length - 1.0));
    }
    StrengthDuration sd = StrengthDuration.measure((a, dur) -> a * (1 - Math.exp(-dur / tau)) >= theta, d, 0,
        50, 1e-6);
    for (int k = 0; k < d.length; k++) {
      double exact = theta / (1 - Math.exp(-d[k] / tau));
      if (exact < 50) {
        assertThat(sd.thresholds()[k]).isCloseTo(exact, within(2e-6 * exact));
      } else {
        assertThat(sd.thresholds()[k]).isNaN();
      }
    }
    assertThat(sd.rheobase()).isCloseTo(theta, within(1e-4));
    assertThat(sd.chronaxie()).isCloseTo(tau * Math.log(2), within(0.01 * tau * Math.log(2)));
  }

  @Test
  void aProbeThatFiresAtTheLowestAmplitudeIsAUserError() {
    assertThatThrownBy(() -> StrengthDuration.measure((a, d) -> true, new double[] {1e-6}, 0, 1, 1e-3))
        .isInstanceOf(NeuristorException.class).hasMessageContaining("lowest amplitude");
    assertThatThrownBy(() -> StrengthDuration.measure((a, d) -> true, new double[] {2e-6, 1e-6}, 0, 1, 1e-3))
        .isInstanceOf(NeuristorException.class).hasMessageContaining("ascending");
  }

  @Test
  void stepResponsesAreAllOrNothingAndGradedOnesAreNot() {
    double[] s = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
    AllOrNothing spike = AllOrNothing.of(s, new double[] {0.01, 0.02, 0.03, 0.33, 0.34, 0.35});
    assertThat(spike.allOrNothing()).isTrue();
    assertThat(spike.threshold()).isCloseTo(0.35, within(1e-12));
    assertThat(spike.largestBelow()).isCloseTo(0.03, within(1e-12));
    assertThat(spike.meanAbove()).isCloseTo(0.34, within(1e-12));
    assertThat(AllOrNothing.of(s, new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}).allOrNothing()).isFalse();
    // a jump followed by a still-growing response is not a plateau
    assertThat(AllOrNothing.of(s, new double[] {0.0, 0.0, 0.0, 0.3, 0.6, 0.9}).allOrNothing()).isFalse();
  }
}
