package org.neuristor.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Kernels, delays, connectivity and the LIF integrator against analytic results. */
class EngineTest {
  private static LifPopulation quiet(String name, int n, boolean euler) {
    // threshold far away: the membrane only integrates
    return new LifPopulation(name, n, new LifPopulation.Params(100e-12, 5e-9, 0, 10, -1, 0, 0, euler),
        LifPopulation.Init.constant(0));
  }

  @Test
  void currentKernelArrivesAfterTheDelayAsBrian2Schedules() {
    double dt = 1e-4;
    Network.Builder b = Network.builder(dt, 1).threads(1);
    LatencyPopulation src = new LatencyPopulation("src", 1, 10 * dt, 1.0);
    src.values()[0] = 1; // fires at step 0
    b.add(src);
    LifPopulation post = new LifPopulation("post", 1, new LifPopulation.Params(100e-12, 1e-30, 0, 10, -1, 0, 0, true),
        LifPopulation.Init.constant(0));
    post.addChannel("j", Kernel.CURRENT, 0, 0);
    b.add(post);
    b.connect("p", "src", "post", "j", new Connector.Explicit(new int[] {0}, new int[] {0}, null, null),
        Dist.constant(1e-3), Dist.constant(3 * dt));
    Network net = b.build();
    double[] v = new double[8];
    for (int s = 0; s < 8; s++) {
      net.runSteps(1, null);
      v[s] = post.membrane()[0];
    }
    // spike in step 0 with delay 3 acts at the start of step 0 + 1 + 3 = 4
    assertThat(v[3]).isEqualTo(0.0);
    assertThat(v[4]).isEqualTo((double) (float) 1e-3); // weights are stored as float
    assertThat(v[7]).isEqualTo(v[4]);
  }

  @Test
  void conductanceDecaysExactlyAndDrivesTowardReversal() {
    double dt = 1e-5;
    double tau = 2e-3;
    Network.Builder b = Network.builder(dt, 1).threads(1);
    LatencyPopulation src = new LatencyPopulation("src", 1, 0, 1.0);
    src.values()[0] = 1;
    b.add(src);
    LifPopulation post = quiet("post", 1, false);
    Channel g = post.addChannel("g", Kernel.CONDUCTANCE, tau, 0.05);
    b.add(post);
    b.connect("p", "src", "post", "g", new Connector.OneToOne(), Dist.constant(4e-9), Dist.constant(0));
    Network net = b.build();
    net.runSteps(1, null); // spike at step 0, folded at step 1
    net.runSteps(101, null); // folded at step 1, decayed after steps 1..101
    assertThat(g.state()[0]).isCloseTo((float) 4e-9 * Math.exp(-101 * dt / tau), within(1e-12 * 4e-9));
    // the membrane stays between rest and the reversal potential
    assertThat(post.membrane()[0]).isBetween(0.0, 0.05);
  }

  @Test
  void lifRateMatchesAnalyticWithExactIntegrator() {
    // tau = C/gL = 20 ms, V_inf = E_L + I/gL = -40 mV, threshold -50, reset -60, t_ref 2 ms
    double dt = 1e-5;
    LifPopulation.Params p = new LifPopulation.Params(200e-12, 10e-9, -60e-3, -50e-3, -60e-3, 2e-3, 200e-12, false);
    Network.Builder b = Network.builder(dt, 1).threads(1);
    LifPopulation pop = new LifPopulation("n", 1, p, LifPopulation.Init.constant(-60e-3));
    b.add(pop);
    Network net = b.build();
    net.run(2.0);
    double isi = 2e-3 + 20e-3 * Math.log((-40e-3 + 60e-3) / (-40e-3 + 50e-3));
    double expected = 1 / isi;
    double measured = pop.spikeTotal() / 2.0;
    // clock-driven: each ISI is rounded up to whole steps (<= 1 step of 15.9 ms)
    assertThat(measured).isCloseTo(expected, within(expected * 1e-3 + 1));
  }

  @Test
  void connectivityCountsFollowTheRules() {
    Network.Builder b = Network.builder(1e-4, 7).threads(1);
    b.add(new PoissonPopulation("a", 500, 0));
    LifPopulation post = quiet("b", 400, true);
    post.addChannel("c", Kernel.CURRENT, 0, 0);
    b.add(post);
    LifPopulation self = quiet("s", 300, true);
    self.addChannel("c", Kernel.CURRENT, 0, 0);
    b.add(self);
    b.connect("fp", "a", "b", "c", new Connector.FixedProbability(0.1, true), Dist.constant(1), Dist.constant(0));
    b.connect("all", "s", "s", "c", new Connector.AllToAll(false), Dist.constant(1), Dist.constant(0));
    b.connect("one", "b", "b", "c", new Connector.OneToOne(), Dist.constant(1), Dist.constant(0));
    Network net = b.build();
    double mean = 500 * 400 * 0.1;
    double sd = Math.sqrt(mean * 0.9);
    assertThat((double) net.projection("fp").synapses()).isBetween(mean - 4 * sd, mean + 4 * sd);
    assertThat(net.projection("all").synapses()).isEqualTo(300 * 299);
    assertThat(net.projection("one").synapses()).isEqualTo(400);
    // rows are ascending and in range
    Projection fp = net.projection("fp");
    for (int j = 0; j < 500; j++) {
      for (int q = fp.rowPointers()[j] + 1; q < fp.rowPointers()[j + 1]; q++) {
        assertThat(fp.targets()[q]).isGreaterThan(fp.targets()[q - 1]);
      }
    }
    // no autapse in "all"
    Projection all = net.projection("all");
    for (int j = 0; j < 300; j++) {
      for (int q = all.rowPointers()[j]; q < all.rowPointers()[j + 1]; q++) {
        assertThat(all.targets()[q]).isNotEqualTo(j);
      }
    }
  }

  @Test
  void poissonEncoderRateIsRight() {
    double dt = 1e-4;
    Network.Builder b = Network.builder(dt, 3).threads(1);
    PoissonPopulation p = new PoissonPopulation("p", 1000, 50);
    b.add(p);
    Network net = b.build();
    net.run(1.0);
    double n = p.spikeTotal();
    // Bernoulli per step: mean 1000 * 10000 * 0.005 = 50,000, sd ~ 223
    assertThat(n).isBetween(50_000 - 1000.0, 50_000 + 1000.0);
  }
}
