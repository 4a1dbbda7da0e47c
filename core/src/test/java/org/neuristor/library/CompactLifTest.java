package org.neuristor.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.measure.SpikeFeatures;

/** The compact (population) form of the 1TS-1C neuron against the full circuit, spike for spike. */
class CompactLifTest {

  @Test
  void compactAndFullCircuitSpikeTimesAgreeWithinOnePercentOverTwentySpikes() {
    NeuronCircuit lif = NeuronLibrary.get("lif");
    double[] full = lif.spikes(Protocols.run(lif, Map.of("tstop", "160u"), null));
    assertThat(full.length).isGreaterThanOrEqualTo(21);

    CompactLif pop = CompactLif.physicsDefault(3);
    double dt = 1e-9;
    double[] vin = {2.0, 2.0, 2.0};
    double[] off = new double[3];
    List<Double> spikes = new ArrayList<>();
    for (long k = 0; k < 160_000 && spikes.size() < 21; k++) {
      pop.step(dt, vin, null, off);
      if (!Double.isNaN(off[0])) {
        spikes.add(k * dt + off[0]);
      }
    }
    assertThat(spikes).hasSizeGreaterThanOrEqualTo(21);
    for (int s = 0; s < 21; s++) {
      assertThat(spikes.get(s)).as("spike %d", s).isCloseTo(full[s], org.assertj.core.data.Percentage.withPercentage(1));
    }
    // all neurons of the population, with the same input, are identical
    assertThat(pop.v[1]).isEqualTo(pop.v[0]);
  }
}
