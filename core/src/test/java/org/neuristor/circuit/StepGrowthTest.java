package org.neuristor.circuit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The step growth factor without the power below its cap equals the formula with it, bit for bit. */
class StepGrowthTest {
  private static double formula(double r, int k) {
    return r == 0 ? 2.0 : Math.min(2.0, Math.max(0.5, 0.9 * Math.pow(r, -1.0 / (k + 1))));
  }

  @Test
  void cappedGrowthEqualsTheFormula() {
    SplittableRandom rnd = new SplittableRandom(7);
    int capped = 0;
    for (int k = 1; k <= 3; k++) {
      double edge = Math.pow(0.45, k + 1);
      for (int i = 0; i < 50_000; i++) {
        // log-uniform over 1e-30 .. 1e3, and densely around the cap's edge
        double r = i % 2 == 0 ? Math.pow(10, -30 + 33 * rnd.nextDouble()) : edge * (0.99 + 0.02 * rnd.nextDouble());
        assertThat(TransientAnalysis.growth(r, k)).as("r=%s k=%d", r, k).isEqualTo(formula(r, k));
        capped += TransientAnalysis.growth(r, k) == 2.0 ? 1 : 0;
      }
      assertThat(TransientAnalysis.growth(0.0, k)).isEqualTo(2.0);
      assertThat(TransientAnalysis.growth(edge * 0.999, k)).isEqualTo(formula(edge * 0.999, k));
    }
    assertThat(capped).isGreaterThan(25_000);
  }
}
