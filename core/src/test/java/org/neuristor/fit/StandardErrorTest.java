package org.neuristor.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The standard errors a fit reports cover the truth as often as they claim when the residual rows do
 * not all vary alike, as the objective's are (many samples and a few heavily weighted, noisier feature
 * rows): a straight line y = 1 + 2 x fitted to 300 precise rows (noise 0.01) at x in [0, 0.2] and 8
 * noisy ones (noise 0.2) at x in [0.8, 1], 400 seeded noise draws. With one pooled s^2 (the formal
 * s^2 (J^T J)^-1 reported until round 18) the slope lies within two standard errors in about a quarter
 * of the draws; with the sandwich of {@link DeviceFitter#covariance} in about nine of ten (a normal
 * error: 95 %; the eight noisy rows estimate their own variance).
 */
class StandardErrorTest {
  @Test
  void twoStandardErrorsCoverTheTruthWhenRowsVaryUnlike() {
    int precise = 300;
    int noisy = 8;
    int m = precise + noisy;
    double[] x = new double[m];
    double[] sigma = new double[m];
    for (int k = 0; k < m; k++) {
      x[k] = k < precise ? 0.2 * k / (precise - 1) : 0.8 + 0.2 * (k - precise) / (noisy - 1);
      sigma[k] = k < precise ? 0.01 : 0.2;
    }
    SplittableRandom rnd = new SplittableRandom(18);
    int draws = 400;
    int covered = 0;
    for (int d = 0; d < draws; d++) {
      double[] y = new double[m];
      for (int k = 0; k < m; k++) {
        y[k] = 1 + 2 * x[k] + sigma[k] * gauss(rnd);
      }
      // least squares of the line (normal equations), residuals and Jacobian of r = a + b x - y
      double sx = 0, sy = 0, sxx = 0, sxy = 0;
      for (int k = 0; k < m; k++) {
        sx += x[k];
        sy += y[k];
        sxx += x[k] * x[k];
        sxy += x[k] * y[k];
      }
      double b = (m * sxy - sx * sy) / (m * sxx - sx * sx);
      double a = (sy - b * sx) / m;
      double[] r = new double[m];
      double[][] j = new double[m][2];
      for (int k = 0; k < m; k++) {
        r[k] = a + b * x[k] - y[k];
        j[k][0] = 1;
        j[k][1] = x[k];
      }
      boolean[] weak = new boolean[2];
      double[][] cov = DeviceFitter.covariance(j, r, weak);
      assertThat(weak).containsExactly(false, false);
      assertThat(cov[0][1]).isCloseTo(cov[1][0], within(1e-15));
      covered += Math.abs(b - 2) <= 2 * Math.sqrt(cov[1][1]) ? 1 : 0;
    }
    assertThat((double) covered / draws).as("draws with the slope within two standard errors").isBetween(0.8, 0.99);
  }

  private static double gauss(SplittableRandom rnd) {
    double u = rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }
}
