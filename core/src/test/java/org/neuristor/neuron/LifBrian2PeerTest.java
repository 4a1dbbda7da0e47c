package org.neuristor.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LIF spike times against Brian2 2.5.1 (method exact, dt 0.1 ms, numpy target; reference from
 * src/test/resources/reference/brian2/lif_brian2.py): the clock-driven kernel, which stamps and resets
 * on the time grid as Brian2 does, agrees within one time step over 200 ms. (The exact event-time
 * kernel keeps the sub-step phase that a grid reset discards, so it drifts from Brian2 by ~0.03 ms per
 * spike at 1.6 nA, toward the analytic rate.)
 */
class LifBrian2PeerTest {

  static List<Double> reference(double amp) throws Exception {
    List<Double> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        LifBrian2PeerTest.class.getResourceAsStream("/reference/brian2/lif_brian2_spikes.csv"),
        StandardCharsets.UTF_8))) {
      r.readLine();
      String line;
      while ((line = r.readLine()) != null) {
        String[] p = line.split(",");
        if (Double.parseDouble(p[0]) == amp) {
          out.add(Double.parseDouble(p[1]));
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "I = {0} nA")
  @ValueSource(doubles = {1.6, 2.0, 3.0})
  void clockDrivenSpikeTimesMatchBrian2WithinOneStep(double amp) throws Exception {
    List<Double> ref = reference(amp);
    Lif lif = Lif.DEFAULT;
    Lif.Population p = lif.population(1);
    double dt = 0.1;
    boolean[] spiked = new boolean[1];
    double[] last = {-1e9};
    double[] i = {amp};
    List<Double> ours = new ArrayList<>();
    for (int k = 0; k < 2000; k++) {
      lif.stepClockDriven(p, k * dt, dt, i, spiked, last);
      if (spiked[0]) {
        ours.add(k * dt);
      }
    }
    assertThat(ours).hasSize(ref.size());
    for (int k = 0; k < ours.size(); k++) {
      assertThat(ours.get(k)).as("spike %d", k).isCloseTo(ref.get(k), Offset.offset(dt + 1e-9));
    }
  }
}
