package org.neuristor.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Spike lists grow by blocks: every spike is read back in order across block boundaries. */
class SpikeMonitorTest {
  /** A population that spikes neurons 0..k-1 in step k (k = 1, 2, ...), never integrating anything. */
  static final class Counting extends Population {
    Counting(int size) {
      super("c", size);
    }

    @Override
    public List<String> variables() {
      return List.of();
    }

    @Override
    public double variable(String variable, int i) {
      return 0;
    }

    @Override
    protected void initialize(long seed, double dt) {}

    @Override
    protected int update(int from, int to, long step, double dt, int[] out) {
      int n = 0;
      for (int i = from; i < to && i <= step; i++) {
        out[n++] = i;
      }
      return n;
    }
  }

  @Test
  void spikesAcrossBlocksReadBackInOrder() {
    Network net = Network.builder(1e-3, 1).add(new Counting(200)).monitorSpikes("c").build();
    net.runSteps(150, null); // 1 + 2 + ... + 150 = 11,325 spikes: three blocks
    SpikeMonitor m = net.spikeMonitors().get(0);
    assertThat(m.count()).isEqualTo(150 * 151 / 2);
    int k = 0;
    for (int step = 0; step < 150; step++) {
      for (int i = 0; i <= step; i++, k++) {
        assertThat(m.step(k)).isEqualTo(step);
        assertThat(m.neuron(k)).isEqualTo(i);
        assertThat(m.time(k)).isEqualTo(step * 1e-3);
      }
    }
    m.clear();
    assertThat(m.count()).isZero();
    m.reserve(20_000);
    net.runSteps(1, null);
    assertThat(m.count()).isEqualTo(151);
    assertThat(m.step(150)).isEqualTo(150);
    assertThat(m.neuron(150)).isEqualTo(150);
  }
}
