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

  @Test
  void badCrossbarSettingsNameTheLine() {
    assertThatThrownBy(() -> NetworkFile.parse("x.yaml", FILE.replace("c2c: 0", "cc: 0"), false, 1))
        .isInstanceOf(NetlistException.class).hasMessageContaining("x.yaml:8").hasMessageContaining("cc");
    assertThatThrownBy(() -> NetworkFile.parse("x.yaml", FILE.replace("device: neurosim", "device: foo"), false, 1))
        .isInstanceOf(NetlistException.class).hasMessageContaining("x.yaml:8").hasMessageContaining("unknown synapse");
  }
}
