package org.neuristor.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FastExpTest {

  @Test
  void agreesWithMathExpToTwoUlp() {
    SplittableRandom r = new SplittableRandom(3);
    for (int k = 0; k < 2_000_000; k++) {
      double x = k < 1_000_000 ? -60 + 120 * r.nextDouble() : -745 + 1454 * r.nextDouble();
      double e = Math.exp(x);
      assertThat(Math.abs(FastExp.exp(x) - e)).as("x = %s", x).isLessThanOrEqualTo(2 * Math.ulp(e));
    }
  }

  @Test
  void specialValues() {
    assertThat(FastExp.exp(0)).isEqualTo(1.0);
    assertThat(FastExp.exp(1)).isEqualTo(Math.E);
    assertThat(FastExp.exp(800)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(FastExp.exp(-800)).isEqualTo(0.0);
    assertThat(FastExp.exp(Double.NaN)).isNaN();
    assertThat(FastExp.exp(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
  }
}
