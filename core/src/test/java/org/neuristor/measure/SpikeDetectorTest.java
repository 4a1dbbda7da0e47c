package org.neuristor.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class SpikeDetectorTest {

  @Test
  void crossingTimesOfASineAreInterpolated() {
    // x = sin(2 pi t), threshold 0.5: upward crossings at t = k + 1/12; linear interpolation on a
    // 1e-4 grid is accurate to ~1e-9
    int n = 30_001;
    double[] t = new double[n];
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i * 1e-4;
      x[i] = Math.sin(2 * Math.PI * t[i]);
    }
    double[] sp = SpikeDetector.at(0.5).detect(t, x);
    assertThat(sp).hasSize(3);
    for (int k = 0; k < 3; k++) {
      assertThat(sp[k]).isCloseTo(k + 1.0 / 12, Offset.offset(1e-8));
    }
  }

  @Test
  void hysteresisCountsANoisyCrossingOnce() {
    // a slow ramp through the threshold with +-0.05 noise: many raw crossings, one with hysteresis
    SplittableRandom r = new SplittableRandom(1);
    int n = 2000;
    double[] t = new double[n];
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i;
      x[i] = (i < 1000 ? i / 1000.0 : (2000 - i) / 1000.0) + 0.05 * (2 * r.nextDouble() - 1);
    }
    assertThat(SpikeDetector.at(0.5).detect(t, x).length).isGreaterThan(3);
    assertThat(new SpikeDetector(0.5, 0.2).detect(t, x)).hasSize(1);
  }

  @Test
  void signalStartingAboveThresholdIsNotASpike() {
    double[] t = {0, 1, 2, 3, 4};
    double[] x = {1, 0.9, 0, 0.2, 1};
    double[] sp = new SpikeDetector(0.5, 0.1).detect(t, x);
    assertThat(sp).containsExactly(3.375);
  }
}
