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

  @Test
  void aStateRestingAboveTheLevelThatDipsLessThanTheHysteresisIsNoSpike() {
    // regression: a film resting at 353 K, above the 350 K spike level, dipped 0.9 K below it and came back; without
    // hysteresis the dip re-armed the detector and the return counted as a spike
    double[] t = {0, 1, 2, 3, 4, 5, 6};
    double[] x = {353, 353, 351, 349.1, 351, 353, 353};
    assertThat(SpikeDetector.at(350).detect(t, x)).hasSize(1);
    assertThat(new SpikeDetector(350, 5).detect(t, x)).isEmpty();
    // the same for a state in [0, 1] resting at 0.6 that dips to 0.45
    double[] s = {0.6, 0.6, 0.45, 0.6, 0.6, 0.6, 0.6};
    assertThat(SpikeDetector.at(0.5).detect(t, s)).hasSize(1);
    assertThat(SpikeDetector.deviceState().detect(t, s)).isEmpty();
  }

  @Test
  void aStateThatDipsClearlyBelowTheLevelAndRecoversToARestJustAboveItIsNoSpike() {
    // regression, the same withdrawn set under the rebound protocol: after the hyperpolarizing pulse X2's film fell to
    // 344.65 K (re-arming a detector that only re-arms) and warmed back to its 353.3 K rest through 350 K while the
    // output fell from 5.02 to 4.65 V: a crossing counts only once the state goes on to level + h
    double[] t = {0, 1, 2, 3, 4, 5, 6, 7};
    double[] x = {353.3, 349.0, 344.65, 346.5, 349.4, 350.4, 352.5, 353.3};
    assertThat(new SpikeDetector(350, 5).indices(new double[] {340, 351, 341})).isEmpty();
    assertThat(new SpikeDetector(350, 5).detect(t, x)).isEmpty();
    // a film that heats on through 355 K fired, timed at its 350 K crossing
    double[] y = {353.3, 349.0, 344.65, 346.5, 349.4, 350.4, 356, 353.3};
    assertThat(new SpikeDetector(350, 5).detect(t, y)).containsExactly(new double[] {4.6}, Offset.offset(1e-12));
  }

  @Test
  void aRealSpikeTrainKeepsItsInterpolatedTimesBitForBit() {
    // spikes of a state in [0, 1] that rise to 1 and fall back to 0: the hysteresis removes nothing and moves nothing
    int n = 20_001;
    double[] t = new double[n];
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i * 1e-3;
      x[i] = Math.pow(Math.sin(Math.PI * t[i] / 2.7), 8);
    }
    double[] plain = SpikeDetector.at(0.5).detect(t, x);
    assertThat(plain).hasSize(8);
    assertThat(SpikeDetector.deviceState().detect(t, x)).containsExactly(plain);
  }
}
