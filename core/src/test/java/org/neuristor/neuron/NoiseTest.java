package org.neuristor.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/** physics.md T7: OU statistics and the Siegert rate against a Monte Carlo noisy LIF. */
class NoiseTest {

  @Test
  void ouHasItsStationaryMeanVarianceAndAutocorrelation() {
    double mu = 1.5;
    double sigma = 0.7;
    double tau = 5;
    double dt = 0.1;
    Noise.Ou ou = new Noise.Ou(mu, sigma, tau, dt, 42);
    int n = 2_000_000;
    int lag = 50; // 5 ms = tau
    double[] buf = new double[lag];
    double sum = 0;
    double sum2 = 0;
    double cross = 0;
    for (int k = 0; k < n; k++) {
      double x = ou.next();
      sum += x;
      sum2 += x * x;
      if (k >= lag) {
        cross += (x - mu) * (buf[k % lag] - mu);
      }
      buf[k % lag] = x;
    }
    double mean = sum / n;
    double var = sum2 / n - mean * mean;
    assertThat(mean).isCloseTo(mu, org.assertj.core.data.Offset.offset(0.02 * sigma));
    assertThat(var).isCloseTo(sigma * sigma, Percentage.withPercentage(2));
    assertThat(cross / (n - lag)).isCloseTo(sigma * sigma * Math.exp(-lag * dt / tau), Percentage.withPercentage(3));
  }

  @Test
  void sameSeedSameNoiseBitForBit() {
    Noise.Ou a = new Noise.Ou(0, 1, 5, 0.1, 7);
    Noise.Ou b = new Noise.Ou(0, 1, 5, 0.1, 7);
    for (int k = 0; k < 1000; k++) {
      assertThat(Double.doubleToRawLongBits(a.next())).isEqualTo(Double.doubleToRawLongBits(b.next()));
    }
  }

  @Test
  void siegertRateMatchesPhysicsMdAndAMonteCarloLif() {
    // physics.md 2.6: mu 12 mV, sigma_V 4 mV, tau 10 ms, t_ref 2 ms, theta 15 mV above rest -> 30.05 Hz
    double nu = Noise.siegertRateHz(10, 2, 0, 15, 12, 4);
    assertThat(nu).isCloseTo(30.05, Percentage.withPercentage(0.5));
    assertThat(Noise.siegertRateHz(10, 2, 0, 15, 15, 2)).isCloseTo(34.98, Percentage.withPercentage(0.5));
    // Euler-Maruyama LIF, dt 0.01 ms, 100 s: mean first-passage rate within 5% (physics.md MC: 30.25 Hz)
    SplittableRandom r = new SplittableRandom(2026);
    double dt = 0.01;
    double v = 0;
    double ref = 0;
    int spikes = 0;
    double kick = 4 * Math.sqrt(2 * dt / 10);
    long steps = Math.round(100_000 / dt);
    for (long k = 0; k < steps; k++) {
      if (ref > 0) {
        ref -= dt;
        continue;
      }
      v += dt / 10 * (12 - v) + kick * Noise.gaussian(r);
      if (v >= 15) {
        spikes++;
        v = 0;
        ref = 2;
      }
    }
    assertThat(spikes / 100.0).isCloseTo(nu, Percentage.withPercentage(5));
  }

  @Test
  void escapeNoiseFiresAtTheHazardRate() {
    // At v = theta the hazard is rho0 = 1/ms: over 1e6 steps of 0.01 ms, 1e4 * (1 - e^-0.01)/0.01 ~ 9950 spikes.
    SplittableRandom r = new SplittableRandom(3);
    int n = 0;
    for (int k = 0; k < 1_000_000; k++) {
      if (Noise.escape(-55, -55, 2, 1.0, 0.01, r)) {
        n++;
      }
    }
    double expected = 1_000_000 * -Math.expm1(-0.01);
    assertThat((double) n).isCloseTo(expected, Percentage.withPercentage(3));
    // far below threshold it practically never fires; the deterministic limit is recovered as deltaU -> 0
    assertThat(Noise.escape(-70, -55, 0.01, 1.0, 0.01, r)).isFalse();
  }
}
