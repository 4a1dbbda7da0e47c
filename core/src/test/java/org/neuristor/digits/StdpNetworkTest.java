package org.neuristor.digits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuristor.device.PulseProgrammedSynapse;

/** The Diehl and Cook network on a tiny budget: it learns, reproduces for any thread count, and a device learns by pulses. */
class StdpNetworkTest {
  static Dataset train;
  static Dataset test;

  @BeforeAll
  static void load() {
    Dataset.Split s = Datasets.mnist10k().stratifiedSplit(0.2, 20150);
    train = s.train().evenly(300);
    test = s.test().evenly(100);
  }

  @Test
  void learnsDigitsWithoutLabelsAndReproducesForAnyThreadCount() {
    StdpNetwork.Params p = StdpNetwork.Params.diehlCook(20).withPresentation(0.15);
    StdpDigits.Result a = StdpDigits.run(train, test, p, null, 1, 3, 1, null);
    StdpDigits.Result b = StdpDigits.run(train, test, p, null, 1, 3, 3, null);
    // chance is 0.1; 20 neurons after 300 digits: measured 0.45
    assertThat(a.accuracy()).isGreaterThan(0.3);
    assertThat(b.predicted()).isEqualTo(a.predicted());
    assertThat(b.assignments()).isEqualTo(a.assignments());
    assertThat(b.energyPerInference()).isEqualTo(a.energyPerInference());
    assertThat(a.excSpikesPerInference()).isGreaterThanOrEqualTo(p.minSpikes());
    // normalization keeps every neuron's weights summing to 78
    StdpNetwork net = a.network();
    double sum = 0;
    for (int i = 0; i < net.inputs(); i++) {
      sum += net.weight(i, 7);
    }
    assertThat(sum).isCloseTo(78, org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void onADeviceEveryWeightChangeIsAPulse() {
    StdpNetwork.Params p = StdpNetwork.Params.diehlCook(10).withPresentation(0.1);
    StdpNetwork net = new StdpNetwork(784, p, PulseProgrammedSynapse.Params.neurosimAgSi(), 5);
    long afterProgramming = net.crossbar().pulses();
    assertThat(afterProgramming).isPositive();
    for (int k = 0; k < 20; k++) {
      net.learn(train.images()[k * 13]);
    }
    long[] lp = net.learningPulses();
    assertThat(lp[0]).isPositive();
    assertThat(lp[1]).isPositive();
    assertThat(net.crossbar().pulses()).isEqualTo(afterProgramming + lp[0] + lp[1]);
    double gRange = net.crossbar().gMax() - net.crossbar().gMin();
    for (int q = 0; q < 784 * 10; q += 37) {
      double[] g = net.crossbar().conductances();
      assertThat(net.weight(q / 10, q % 10)).isEqualTo((g[2 * q] - g[2 * q + 1]) / gRange);
    }
  }
}
