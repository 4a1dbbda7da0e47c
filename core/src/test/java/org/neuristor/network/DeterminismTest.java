package org.neuristor.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same seed, same spikes, bit for bit, whatever the number of threads. */
class DeterminismTest {
  static List<long[]> spikes(Network net) {
    List<long[]> l = new ArrayList<>();
    for (SpikeMonitor m : net.spikeMonitors()) {
      long[] a = new long[2 * m.count()];
      for (int k = 0; k < m.count(); k++) {
        a[2 * k] = m.step(k);
        a[2 * k + 1] = m.neuron(k);
      }
      l.add(a);
    }
    return l;
  }

  static Network mixed(int threads) {
    // Poisson input -> 1TS-1C neurons (crossbar-like charge synapses) and a conductance LIF
    // population with random delays and weights; sizes chosen so that with threads > 1 every
    // population is split into several chunks
    Network.Builder b = Network.builder(50e-9, 42).threads(threads);
    b.add(new PoissonPopulation("in", 3000, 2e5));
    MemristiveLifPopulation mem = new MemristiveLifPopulation("mem", 2600, MemristiveLifPopulation.Params.scaled(1000));
    mem.addChannel("q", Kernel.CURRENT, 0, 0);
    b.add(mem);
    LifPopulation lif = new LifPopulation("lif", 2100, new LifPopulation.Params(200e-12, 10e-9, -60e-3, -50e-3,
        -60e-3, 1e-6, 0, false), new LifPopulation.Init("uniform", -60e-3, -50e-3));
    lif.addChannel("e", Kernel.CONDUCTANCE, 2e-6, 0);
    lif.addChannel("i", Kernel.EXPONENTIAL, 3e-6, 0);
    b.add(lif);
    b.connect("in_mem", "in", "mem", "q", new Connector.FixedProbability(0.05, true), new Dist("uniform", 0, 2e-14),
        Dist.constant(0));
    b.connect("mem_lif", "mem", "lif", "e", new Connector.FixedProbability(0.1, true), Dist.constant(20e-9),
        new Dist("uniform", 0, 1e-6));
    b.connect("lif_lif", "lif", "lif", "i", new Connector.FixedProbability(0.05, false), new Dist("normal", -1e-10, 5e-11),
        new Dist("uniform", 50e-9, 500e-9));
    b.monitorSpikes("mem").monitorSpikes("lif").monitorSpikes("in");
    return b.build();
  }

  @Test
  void spikesIdenticalForOneTwoAndFourThreads() {
    List<List<long[]>> runs = new ArrayList<>();
    for (int t : new int[] {1, 2, 4}) {
      Network net = mixed(t);
      assertThat(net.threads()).isEqualTo(t);
      net.runSteps(400, null);
      net.close();
      runs.add(spikes(net));
    }
    assertThat(runs.get(0).get(0).length).as("memristive spikes").isGreaterThan(100);
    assertThat(runs.get(0).get(1).length).as("lif spikes").isGreaterThan(100);
    for (int r = 1; r < runs.size(); r++) {
      for (int m = 0; m < 3; m++) {
        assertThat(runs.get(r).get(m)).isEqualTo(runs.get(0).get(m));
      }
    }
  }

  @Test
  void largeNetworkWithDynamicChunksIdenticalForOneTwoAndThreeThreads() {
    // above ChunkPlan.DYNAMIC_MIN neurons, threads claim chunks from a shared counter
    List<List<long[]>> runs = new ArrayList<>();
    for (int t : new int[] {1, 2, 3}) {
      Network.Builder b = Network.builder(1e-4, 9).threads(t);
      b.add(new PoissonPopulation("in", 5000, 40));
      LifPopulation lif = new LifPopulation("lif", 100_000, new LifPopulation.Params(200e-12, 10e-9, -60e-3, -50e-3,
          -60e-3, 2e-3, 150e-12, true), new LifPopulation.Init("uniform", -60e-3, -50e-3));
      lif.addChannel("e", Kernel.CONDUCTANCE, 5e-3, 0);
      lif.addChannel("i", Kernel.CONDUCTANCE, 10e-3, -80e-3);
      b.add(lif);
      b.connect("in_lif", "in", "lif", "e", new Connector.FixedProbability(0.002, true), Dist.constant(6e-9),
          Dist.constant(0));
      b.connect("lif_lif", "lif", "lif", "i", new Connector.FixedProbability(0.0002, false),
          new Dist("uniform", 5e-9, 30e-9), Dist.constant(0));
      b.monitorSpikes("lif");
      Network net = b.build();
      net.runSteps(60, null);
      runs.add(spikes(net));
    }
    assertThat(runs.get(0).get(0).length).as("lif spikes").isGreaterThan(2000);
    assertThat(runs.get(1).get(0)).isEqualTo(runs.get(0).get(0));
    assertThat(runs.get(2).get(0)).isEqualTo(runs.get(0).get(0));
  }

  @Test
  void cobaIdenticalForOneAndTwoThreads() throws Exception {
    String text = CobaBrian2PeerTest.cobaText().replace("duration: 1s", "duration: 0.2s");
    List<List<long[]>> runs = new ArrayList<>();
    for (int t : new int[] {1, 2}) {
      NetworkFile.Loaded l = NetworkFile.parse("coba.yaml", text, false, t);
      l.network().run(l.durationSeconds());
      l.network().close();
      runs.add(spikes(l.network()));
    }
    assertThat(runs.get(0).get(0).length).isGreaterThan(1000);
    assertThat(runs.get(1).get(0)).isEqualTo(runs.get(0).get(0));
    assertThat(runs.get(1).get(1)).isEqualTo(runs.get(0).get(1));
  }
}
