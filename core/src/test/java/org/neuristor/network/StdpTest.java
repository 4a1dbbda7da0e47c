package org.neuristor.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.neuristor.device.PulseProgrammedSynapse;

class StdpTest {
  private static final PulseProgrammedSynapse.Params NS = PulseProgrammedSynapse.Params.neurosimAgSi().withoutNoise();
  private static final double TAU = 20e-3;
  private static final double N_PLUS = 40;
  private static final double N_MINUS = 30;

  /** Conductance change of one synapse after a single pair at lag t_post - t_pre, from G0. */
  private static double pair(double lag, double g0, PulseProgrammedSynapse.Params p, long seed) {
    Crossbar xb = new Crossbar(1, 1, p, seed);
    xb.conductances()[0] = g0;
    Stdp s = new Stdp(xb, TAU, TAU, N_PLUS, N_MINUS);
    double t0 = 0.1;
    if (lag > 0) {
      s.preSpike(0, t0);
      s.postSpike(0, t0 + lag);
    } else {
      s.postSpike(0, t0);
      s.preSpike(0, t0 - lag);
    }
    return xb.conductances()[0] - g0;
  }

  @Test
  void preBeforePostPotentiatesAlongTheExponentialWindowThroughTheDevice() {
    PulseProgrammedSynapse dev = new PulseProgrammedSynapse(NS, 0);
    for (double lag : new double[] {1e-3, 5e-3, 10e-3, 20e-3, 40e-3}) {
      // analytic: round(n+ exp(-lag/tau)) LTP pulses from G_min along G(P) = B(1 - e^-P/A) + G_min
      int n = (int) Math.round(N_PLUS * Math.exp(-lag / TAU));
      double expected = dev.ltpCurve(n) - NS.gMinSiemens();
      double dg = pair(lag, NS.gMinSiemens(), NS, 1);
      assertThat(dg).as("lag %s", lag).isCloseTo(expected, within(1e-6 * expected + 1e-20)).isPositive();
    }
    // the window decays: shorter lags give larger changes
    assertThat(pair(2e-3, NS.gMinSiemens(), NS, 1)).isGreaterThan(pair(15e-3, NS.gMinSiemens(), NS, 1));
  }

  @Test
  void postBeforePreDepressesAlongTheExponentialWindowThroughTheDevice() {
    PulseProgrammedSynapse dev = new PulseProgrammedSynapse(NS, 0);
    for (double lag : new double[] {-1e-3, -5e-3, -10e-3, -30e-3}) {
      int n = (int) Math.round(N_MINUS * Math.exp(lag / TAU));
      // from G_max (LTD coordinate P_max) n pulses back along the LTD curve
      double expected = dev.ltdCurve(NS.levelsLtd() - n) - NS.gMaxSiemens();
      double dg = pair(lag, NS.gMaxSiemens(), NS, 1);
      assertThat(dg).as("lag %s", lag).isCloseTo(expected, within(1e-6 * Math.abs(expected) + 1e-20)).isNegative();
    }
  }

  @Test
  void cycleToCycleNoiseAveragesToTheNoiseFreeChange() {
    PulseProgrammedSynapse.Params noisy = PulseProgrammedSynapse.Params.neurosimAgSi();
    double g0 = NS.gMinSiemens() + 0.3 * (NS.gMaxSiemens() - NS.gMinSiemens());
    double clean = pair(5e-3, g0, NS, 1);
    int trials = 2000;
    double sum = 0;
    double sq = 0;
    for (int k = 0; k < trials; k++) {
      double d = pair(5e-3, g0, noisy, 1000 + k);
      sum += d;
      sq += d * d;
    }
    double mean = sum / trials;
    double sd = Math.sqrt(sq / trials - mean * mean);
    // away from the bounds the pulse noise is a zero-mean perturbation of the path: the mean change
    // stays within a few standard errors of the noise-free one (the non-linear curve adds a small bias)
    assertThat(mean).isCloseTo(clean, within(5 * sd / Math.sqrt(trials) + 0.05 * clean));
    assertThat(sd).isPositive();
  }
}
