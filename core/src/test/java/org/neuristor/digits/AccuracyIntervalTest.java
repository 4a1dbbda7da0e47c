package org.neuristor.digits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Wilson's 95% score interval of an accuracy. Round 21: the only uncertainty printed was the Wald error
 * sqrt(p (1 - p) / n), which is 0 at accuracy 0 or 1 whatever the number of test digits.
 */
class AccuracyIntervalTest {
  @Test
  void matchesWilsonsClosedFormAndStaysOpenAtTheEnds() {
    // (p + z^2/2n -+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n), z = 1.959964 (Wilson 1927): reference values from
    // that formula evaluated independently in Python
    double[] nine = Dataset.wilsonInterval95(0.9, 10);
    assertThat(nine[0]).isCloseTo(0.59585, within(1e-5));
    assertThat(nine[1]).isCloseTo(0.98212, within(1e-5));
    double[] all = Dataset.wilsonInterval95(1.0, 10);
    assertThat(all[0]).isCloseTo(0.72246, within(1e-5));
    assertThat(all[1]).isCloseTo(1.0, within(1e-12));
    assertThat(Dataset.standardError(1.0, 10)).isZero(); // what the Wald error says there
    double[] none = Dataset.wilsonInterval95(0.0, 2000);
    assertThat(none[0]).isCloseTo(0.0, within(1e-12));
    assertThat(none[1]).isCloseTo(0.0019170, within(1e-6));
    // many samples: the formula's values, within a tenth of a standard error of p -+ 1.96 standard errors
    double[] big = Dataset.wilsonInterval95(0.87, 2000);
    assertThat(big[0]).isCloseTo(0.8545489, within(1e-6));
    assertThat(big[1]).isCloseTo(0.8840325, within(1e-6));
    double se = Dataset.standardError(0.87, 2000);
    assertThat(big[0]).isCloseTo(0.87 - 1.959964 * se, within(0.1 * se));
    assertThat(big[1]).isCloseTo(0.87 + 1.959964 * se, within(0.1 * se));
    assertThat(Dataset.wilsonInterval95(0.5, 0)[0]).isNaN();
  }
}
