package org.neuristor.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The network step allocates nothing (architecture rule 8): after a warm-up, thousands of COBA
 * steps on one thread allocate no more than a few hundred bytes (the measurement's own noise), where
 * a single boxed value or iterator per step would show as tens of kilobytes.
 */
class HotLoopAllocationTest {
  @Test
  void cobaStepsAllocateNothing() throws Exception {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    String coba = CobaBrian2PeerTest.cobaText();
    String text = coba.substring(0, coba.indexOf("\nmonitors:") + 1); // no monitors: their storage grows
    NetworkFile.Loaded l = NetworkFile.parse("coba.yaml", text, false, 1);
    Network net = l.network();
    for (int k = 0; k < 20; k++) {
      net.runSteps(200, null); // warm-up: initialisation, JIT compilation of runSteps itself
    }
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    net.runSteps(3000, null);
    long allocated = mx.getThreadAllocatedBytes(id) - before;
    long spikes = 0;
    for (Network.PopulationStats s : net.stats()) {
      spikes += s.spikes();
    }
    assertThat(spikes).as("the network is active").isGreaterThan(5000);
    assertThat(allocated).as("bytes allocated by 3000 steps").isLessThan(1024);
  }
}
