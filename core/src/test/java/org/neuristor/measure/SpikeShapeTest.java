package org.neuristor.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.neuristor.NeuristorException;

/** {@link SpikeShape}: FWHM against the analytic Gaussian value, invariance of the correlation, refusals. */
class SpikeShapeTest {

  static double[] grid(double from, double to, int n) {
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = from + (to - from) * i / (n - 1.0);
    }
    return t;
  }

  static double[] sample(double[] t, DoubleUnaryOperator f) {
    double[] y = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      y[i] = f.applyAsDouble(t[i]);
    }
    return y;
  }

  static SpikeShape gaussian(double t0, double sigma, double base, double height, double[] t) {
    return SpikeShape.of(t, sample(t, x -> base + height * Math.exp(-0.5 * Math.pow((x - t0) / sigma, 2))));
  }

  @Test
  void gaussianWidthIsTwoSqrtTwoLnTwoSigma() {
    SpikeShape s = gaussian(5, 0.5, -70, 100, grid(0, 10, 20001));
    assertThat(s.fwhm()).isCloseTo(2 * Math.sqrt(2 * Math.log(2)) * 0.5, within(1e-4));
    assertThat(s.peakTime()).isCloseTo(5, within(1e-3));
    assertThat(s.height()).isCloseTo(100, within(1e-3));
  }

  @Test
  void correlationIgnoresPositionWidthAndHeight() {
    SpikeShape a = gaussian(5, 0.5, -70, 100, grid(0, 10, 20001));
    SpikeShape b = gaussian(2e-3, 1e-5, 0, 0.03, grid(0, 4e-3, 20001));
    assertThat(a.correlation(b)).isCloseTo(1, within(1e-6));
    // a one-sided spike (instant rise, exponential decay) is a different shape
    double[] t = grid(0, 10, 20001);
    SpikeShape c = SpikeShape.of(t, sample(t, x -> x < 5 ? 0 : Math.exp(-(x - 5))));
    assertThat(a.correlation(c)).isLessThan(0.9);
  }

  @Test
  void refusesRecordsWithoutACompleteSpike() {
    double[] t = grid(0, 1, 11);
    assertThatThrownBy(() -> SpikeShape.of(t, new double[11])).isInstanceOf(NeuristorException.class)
        .hasMessageContaining("no peak");
    assertThatThrownBy(() -> SpikeShape.of(t, t.clone())).isInstanceOf(NeuristorException.class)
        .hasMessageContaining("ends before");
  }
}
