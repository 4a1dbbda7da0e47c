package org.neuristor.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.measure.SpikeFeatures;
import org.neuristor.library.NeuronCircuit;
import org.neuristor.library.NeuronLibrary;
import org.neuristor.library.Protocols;

/** Library circuits' compact forms as network populations. */
class CircuitPopulationTest {

  @Test
  void lifPopulationInANetworkFiresAsTheFullCircuitAcrossBlocksAndThreads() {
    NeuronCircuit lif = NeuronLibrary.get("lif");
    double window = 60e-6;
    int full = 0;
    for (double t : lif.spikes(Protocols.run(lif, Map.of("vin", "2", "tstop", "60u"), null))) {
      full += t < window - 1e-6 ? 1 : 0;
    }
    long[] counts = new long[2];
    for (int threads = 1; threads <= 2; threads++) {
      CircuitPopulation pop = new CircuitPopulation("lif", 260, lif, Map.of("vin", "2"), null);
      Network net = Network.builder(50e-9, 1).threads(threads).add(pop).build();
      net.run(window);
      for (int i = 0; i < 260; i++) {
        assertThat(pop.spikeTotal(i)).as("neuron %d", i).isEqualTo(pop.spikeTotal(0));
      }
      counts[threads - 1] = pop.spikeTotal(0);
      net.close();
    }
    assertThat(counts[0]).isEqualTo(full).isEqualTo(counts[1]);
  }

  @Test
  void pickettPopulationExposesItsStateVariables() {
    CircuitPopulation pop = new CircuitPopulation("p", 3, NeuronLibrary.get("pickett"), Map.of(), t -> 0.0);
    assertThat(pop.variables()).containsExactly("v1", "v2", "x1", "x2");
  }
}
