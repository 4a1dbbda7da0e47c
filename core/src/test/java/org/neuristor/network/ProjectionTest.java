package org.neuristor.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Projection's array helpers give what the plain loops give; constant-weight delivery. */
class ProjectionTest {
  private static final String COBA_SMALL = "name: t\nseed: 5\ndt: 0.1ms\nduration: 0.1s\npopulations:\n"
      + "  e: {model: lif, size: 320, C: 200pF, g_L: 10nS, E_L: -60mV, V_th: -50mV, V_reset: -60mV, t_ref: 5ms,"
      + " I_bias: 200pA, integrator: euler, v_init: {normal: [-55mV, 5mV]}, channels: {exc: {kernel: conductance,"
      + " tau: 5ms, E: 0mV}, inh: {kernel: conductance, tau: 10ms, E: -80mV}}}\n"
      + "projections:\n"
      + "  - {name: ee, from: e, to: e, channel: exc, connect: {fixed_probability: 0.05}, weight: 6nS}\n"
      + "  - {name: ei, from: e, to: e, channel: inh, connect: {fixed_probability: 0.02}, weight: 20nS}\n";

  private static Network small() {
    return NetworkFile.parse("t.yaml", COBA_SMALL, false, 1).network();
  }

  @Test
  void constantWeightDeliveryGivesTheBitsOfTheWeightArray() {
    Network uniform = small();
    Network array = small();
    for (Projection p : array.projections()) {
      p.weights(); // whoever takes the live array may write into it: delivery reads it from then on
    }
    uniform.runSteps(1000, null);
    array.runSteps(1000, null);
    LifPopulation a = (LifPopulation) uniform.population("e");
    LifPopulation b = (LifPopulation) array.population("e");
    assertThat(a.spikeTotal()).isGreaterThan(0).isEqualTo(b.spikeTotal());
    assertThat(a.membrane()).isEqualTo(b.membrane());
    assertThat(a.channel("exc").state()).isEqualTo(b.channel("exc").state());
  }

  @Test
  void weightsWrittenIntoTheLiveArrayAreDelivered() {
    Network net = small();
    Projection ee = net.projection("ee");
    float[] w = ee.weights();
    for (int q = 0; q < w.length; q += 2) {
      w[q] = 0; // no longer one weight: every other synapse silent
    }
    Population e = net.population("e");
    net.runSteps(1, null); // step 0: the neurons whose initial V is above threshold spike
    double[] expected = new double[e.size()];
    int[] row = ee.rowPointers();
    int[] tgt = ee.targets();
    for (int k = 0; k < e.lastSpikeCount(); k++) {
      int j = e.lastSpike(k);
      for (int q = row[j]; q < row[j + 1]; q++) {
        expected[tgt[q]] += w[q];
      }
    }
    Channel exc = e.channel("exc");
    double decay = 1 - net.dt() / exc.tauSeconds();
    for (int i = 0; i < expected.length; i++) {
      expected[i] *= decay;
    }
    net.runSteps(1, null); // step 1: delivered into the channel, then decayed by the fused loop
    assertThat(Arrays.stream(expected).filter(x -> x > 0).count()).isGreaterThan(10);
    assertThat(exc.state()).isEqualTo(expected);
  }

  @Test
  void fillGivesTheArrayOfArraysFill() {
    for (int n : new int[] {0, 1, 2, 3, 7, 8, 9, 1000, 204_800, 205_123}) {
      float[] a = new float[n];
      float[] b = new float[n];
      Projection.fill(a, 6e-9f);
      Arrays.fill(b, 6e-9f);
      assertThat(a).as("n = %d", n).isEqualTo(b);
    }
  }
}
