package org.neuristor.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.neuristor.NetlistException;
import org.neuristor.device.PulseProgrammedSynapse;

/** Crossbar synapses from a network file: drawn weights become device conductances. */
class CrossbarFileTest {
  static final String FILE = String.join("\n",
      "dt: 50ns",
      "duration: 20us",
      "populations:",
      "  in: {model: poisson, size: 40, rate: 1e6}",
      "  n: {model: memristive_lif, size: 30, scale: 5e5, channels: {q: {kernel: current}}}",
      "projections:",
      "  - {name: x, from: in, to: n, channel: q, connect: all_to_all, weight: {uniform: [-1e-15, 2e-15]},",
      "     crossbar: {device: neurosim, w_max: 2e-15, c2c: 0}}",
      "");

  @Test
  void weightsLandOnTheDeviceLevels() {
    NetworkFile.Loaded l = NetworkFile.parse("x.yaml", FILE, false, 1);
    float[] w = l.network().projection("x").weights();
    assertThat(w).hasSize(1200);
    PulseProgrammedSynapse dev = new PulseProgrammedSynapse(PulseProgrammedSynapse.Params.neurosimAgSi(), 0);
    double range = 3.8462e-8 - 3.0769e-9;
    TreeSet<Float> distinct = new TreeSet<>();
    for (float v : w) {
      distinct.add(v);
      // |w| / w_max is (G(P) - G_min)/range for an integer pulse count P on the LTP curve
      double u = Math.abs(v) / 2e-15;
      boolean onLevel = false;
      for (int p = 0; p <= 97 && !onLevel; p++) {
        onLevel = Math.abs((dev.ltpCurve(p) - 3.0769e-9) / range - u) < 1e-6;
      }
      assertThat(onLevel).as("weight %s on a level", v).isTrue();
    }
    assertThat(distinct.size()).isLessThanOrEqualTo(2 * 97 + 1).isGreaterThan(50);
    l.network().runSteps(400, null);
    assertThat(l.network().population("n").spikeTotal()).isPositive();
  }

  /**
   * The shipped example (examples/crossbar.yaml) is a network that keeps firing: every neuron spikes
   * repeatedly and until the end of the run. A 1TS-1C neuron whose mean input current exceeds the
   * threshold switch's holding current (V_hold / R_on = 0.6 V / 500 MOhm = 1.2 nA at scale 5e5)
   * fires once and then stays on (x = 1, membrane above V_th): the example's first weights (1 fC per
   * input spike, 12.5 nA on average) did that, 21 spikes in the first 0.53 us of 50 us.
   */
  @Test
  void theShippedExampleKeepsFiring() {
    java.nio.file.Path file = java.nio.file.Path.of("..", "examples", "crossbar.yaml");
    NetworkFile.Loaded l = NetworkFile.load(file, 1);
    Network net = l.network();
    Population n = net.population("n");
    int steps = (int) Math.round(50e-6 / 50e-9);
    net.runSteps(steps * 3 / 4, null);
    long[] early = new long[n.size()];
    for (int i = 0; i < early.length; i++) {
      early[i] = n.spikeTotal(i);
    }
    net.runSteps(steps - steps * 3 / 4, null);
    for (int i = 0; i < n.size(); i++) {
      assertThat(n.spikeTotal(i)).as("spikes of neuron %d in 50 us", i).isGreaterThanOrEqualTo(5);
      assertThat(n.spikeTotal(i) - early[i]).as("spikes of neuron %d in the last quarter", i).isPositive();
    }
  }

  @Test
  void badCrossbarSettingsNameTheLine() {
    assertThatThrownBy(() -> NetworkFile.parse("x.yaml", FILE.replace("c2c: 0", "cc: 0"), false, 1))
        .isInstanceOf(NetlistException.class).hasMessageContaining("x.yaml:8").hasMessageContaining("cc");
    assertThatThrownBy(() -> NetworkFile.parse("x.yaml", FILE.replace("device: neurosim", "device: foo"), false, 1))
        .isInstanceOf(NetlistException.class).hasMessageContaining("x.yaml:8").hasMessageContaining("unknown synapse");
  }
}
