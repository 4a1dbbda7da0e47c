package org.neuristor.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuristor.PeerReference;

/**
 * Refractory bookkeeping against Brian2 (reference/brian2/lif_refractory_brian2.py, Brian2 2.5.1):
 * a LIF neuron driven so hard that it crosses threshold in the first step it integrates spikes in
 * exactly the steps Brian2 reports, for refractory periods of 0, 1, 5 and 20 steps.
 */
class LifRefractoryBrian2Test {
  @Test
  void spikeStepsMatchBrian2() throws Exception {
    List<String[]> rows = PeerReference.rows("/reference/brian2/lif_refractory_brian2.csv");
    for (double trefMs : new double[] {0, 0.1, 0.5, 2.0}) {
      List<Long> expected = new ArrayList<>();
      for (String[] r : rows) {
        if (Double.parseDouble(r[0]) == trefMs) {
          expected.add(Long.parseLong(r[1]));
        }
      }
      // tau = C / g_L = 1 ms, E_L = 200 mV, threshold 10 mV, reset 0, forward Euler, dt 0.1 ms
      Network.Builder b = Network.builder(1e-4, 1).threads(1);
      b.add(new LifPopulation("n", 1, new LifPopulation.Params(1e-9, 1e-6, 0.2, 0.01, 0, trefMs * 1e-3, 0, true),
          LifPopulation.Init.constant(0)));
      b.monitorSpikes("n");
      Network net = b.build();
      net.runSteps(30, null);
      SpikeMonitor m = net.spikeMonitors().get(0);
      List<Long> got = new ArrayList<>();
      for (int k = 0; k < m.count(); k++) {
        got.add(m.step(k));
      }
      assertThat(expected).as("reference rows for t_ref %s ms", trefMs).isNotEmpty();
      assertThat(got).as("t_ref %s ms", trefMs).isEqualTo(expected);
    }
  }
}
