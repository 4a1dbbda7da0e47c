package org.neuristor.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The flush of tiny channel states ({@link TinyStates}): networks that burst and then fall silent, with fast
 * synapses (tau 1-2 ms, so that the states reach the subnormal doubles within ~15,000 steps), run side by side
 * with and without the flush. Without it the decaying states end subnormal (and stay so: x * d rounds back to
 * x); with it none is, every membrane potential and every spike is the same bit for bit at every step, and a
 * state differs only where the unflushed one is below the bound.
 */
class TinyStatesTest {
  private static String lif(String name, int size, String integrator, String channels, String bias) {
    return "  " + name + ": {model: lif, size: " + size + ", C: 200pF, g_L: 10nS, E_L: -60mV, V_th: -50mV,"
        + " V_reset: -60mV, t_ref: 2ms, I_bias: " + bias + ", integrator: " + integrator
        + ", v_init: {normal: [-55mV, 5mV]}, channels: " + channels + "}\n";
  }

  private static final String TWO = "{exc: {kernel: conductance, tau: 1ms, E: 0mV},"
      + " inh: {kernel: conductance, tau: 2ms, E: -80mV}}";

  /**
   * One volley of 100 inputs at step 0 (a latency encoder whose period outlasts the run) into excitatory and
   * inhibitory neurons, which fire once or a few times and then fall silent: no excitatory recurrence, no bias above
   * threshold.
   */
  private static String network(String integrator, String channels, String wDrive, String wExc, String wInh,
      String delay, String bias) {
    String p = "{fixed_probability: 0.1}";
    return "name: quiet\nseed: 5\ndt: 0.1ms\nduration: 1s\npopulations:\n"
        + "  drive: {model: latency, size: 100, t_max: 5ms, period: 100s, value: 1}\n"
        + lif("exc", 300, integrator, channels, bias) + lif("inh", 80, integrator, channels, bias)
        + "projections:\n"
        + "  - {name: de, from: drive, to: exc, channel: exc, connect: " + p + ", weight: " + wDrive + "}\n"
        + "  - {name: di, from: drive, to: inh, channel: exc, connect: " + p + ", weight: " + wDrive + "}\n"
        + "  - {name: ei, from: exc, to: inh, channel: exc, connect: " + p + ", weight: " + wExc + delay + "}\n"
        + "  - {name: ie, from: inh, to: exc, channel: inh, connect: " + p + ", weight: " + wInh + "}\n"
        + "  - {name: ii, from: inh, to: inh, channel: inh, connect: " + p + ", weight: " + wInh + "}\n";
  }

  /** Membranes (LIF) or every state variable (kernel populations), flattened. */
  private static double[] membranes(Network n) {
    int total = 0;
    for (Population p : n.populations()) {
      total += p.size() * p.variables().size();
    }
    double[] out = new double[total];
    int k = 0;
    for (Population p : n.populations()) {
      for (String v : p.variables()) {
        for (int i = 0; i < p.size(); i++) {
          out[k++] = p.variable(v, i);
        }
      }
    }
    return out;
  }

  private static int[] spikes(Network n) {
    int total = 0;
    for (Population p : n.populations()) {
      total += p.lastSpikeCount() + 1;
    }
    int[] out = new int[total];
    int k = 0;
    for (Population p : n.populations()) {
      out[k++] = -1;
      for (int s = 0; s < p.lastSpikeCount(); s++) {
        out[k++] = p.lastSpike(s);
      }
    }
    return out;
  }

  private static long subnormal(Network n) {
    long c = 0;
    for (Population p : n.populations()) {
      for (Channel ch : p.channels()) {
        for (double x : ch.state()) {
          if (x != 0 && Math.abs(x) < Double.MIN_NORMAL) {
            c++;
          }
        }
      }
    }
    return c;
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "euler|TWO|20nS|6nS|67nS||0pA", // the fused loop, two channels, forward Euler
      "exact|TWO|{uniform: [10nS, 30nS]}|{normal: [6nS, 2nS]}|{uniform: [30nS, 80nS]}||20pA", // exponential Euler
      "euler|{exc: {kernel: conductance, tau: 1ms, E: 0mV}, inh: {kernel: exponential, tau: 2ms}}"
          + "|20nS|6nS|-80pA|, delay: 1ms|0pA", // the gather path (ring buffers), a current channel of negative weights
      "exact|{exc: {kernel: exponential, tau: 1ms}, inh: {kernel: exponential, tau: 1.5ms}, x: {kernel: current}}"
          + "|1nA|{normal: [60pA, 80pA]}|{normal: [-100pA, 60pA]}||0pA", // mixed-sign currents, three channels
      "adex|TWO|20nS|6nS|67nS||0pA"}) // a kernel population (AdEx, RK2): the gather path into the model's input
  void silentNetworksKeepNoSubnormalStateAndTheSameMembranesAndSpikes(String spec) {
    String[] a = spec.split("\\|", -1);
    String channels = a[1].equals("TWO") ? TWO : a[1];
    String text = network(a[0].equals("adex") ? "euler" : a[0], channels, a[2], a[3], a[4], a[5], a[6]);
    if (a[0].equals("adex")) {
      text = text.replaceAll("\\{model: lif, size: (\\d+), [^{]*v_init: \\{normal: \\[-55mV, 5mV\\]\\}",
          "{model: adex, size: $1, method: rk2, bias: 0pA, v_init: {uniform: [-70.6mV, -45mV]}");
    }
    Network flushed = NetworkFile.parse("quiet.yaml", text, false, 1).network();
    Network kept = NetworkFile.parse("quiet.yaml", text, false, 1).network();
    kept.keepTinyStates();
    long spikes = 0;
    for (int s = 0; s < 16_000; s++) {
      flushed.runSteps(1, null);
      kept.runSteps(1, null);
      int[] sf = spikes(flushed);
      assertThat(sf).as("spikes of step %d", s).isEqualTo(spikes(kept));
      spikes += sf.length - flushed.populations().size();
      if (s % 8 == 0 || s > 15_000) { // every state variable bit for bit (Arrays.equals: by the bits, -0.0 != 0.0)
        assertThat(Arrays.equals(membranes(flushed), membranes(kept))).as("membranes after step %d", s).isTrue();
      }
    }
    assertThat(spikes).as("the network was active before it fell silent").isGreaterThan(100);
    assertThat(subnormal(kept)).as("subnormal channel states without the flush").isGreaterThan(100);
    assertThat(subnormal(flushed)).as("subnormal channel states with the flush").isZero();
    for (int p = 0; p < flushed.populations().size(); p++) {
      List<Channel> fc = flushed.populations().get(p).channels();
      List<Channel> kc = kept.populations().get(p).channels();
      for (int c = 0; c < fc.size(); c++) {
        double[] x = fc.get(c).state();
        double[] y = kc.get(c).state();
        for (int i = 0; i < x.length; i++) {
          if (Double.doubleToRawLongBits(x[i]) != Double.doubleToRawLongBits(y[i])) {
            assertThat(x[i]).as("a flushed state").isEqualTo(0.0);
            assertThat(Math.abs(y[i])).as("the unflushed state").isLessThan(TinyStates.BOUND);
          }
        }
      }
    }
  }

  /** With two threads (the flush runs between the workers' steps) the same spikes and membranes as without it. */
  @Test
  void twoThreadsFlushAsOne() {
    String text = network("euler", TWO, "20nS", "6nS", "67nS", "", "0pA")
        + "monitors:\n  - {spikes: exc}\n  - {spikes: inh}\n";
    Network flushed = NetworkFile.parse("quiet.yaml", text, false, 2).network();
    Network kept = NetworkFile.parse("quiet.yaml", text, false, 1).network();
    assertThat(flushed.threads()).isEqualTo(2);
    kept.keepTinyStates();
    flushed.runSteps(16_000, null);
    kept.runSteps(16_000, null);
    assertThat(Arrays.equals(membranes(flushed), membranes(kept))).as("membranes").isTrue();
    for (int m = 0; m < 2; m++) {
      SpikeMonitor a = flushed.spikeMonitors().get(m);
      SpikeMonitor b = kept.spikeMonitors().get(m);
      assertThat(a.count()).isEqualTo(b.count()).isGreaterThan(10);
      for (int k = 0; k < a.count(); k++) {
        assertThat(a.step(k) * 100_000L + a.neuron(k)).isEqualTo(b.step(k) * 100_000L + b.neuron(k));
      }
    }
    assertThat(subnormal(kept)).isGreaterThan(100);
    assertThat(subnormal(flushed)).isZero();
  }

  /** Between two flushes no decay takes a state from the bound below the floor; the period is as long as allowed. */
  @Test
  void periodKeepsEveryStateAboveTheFloorBetweenFlushes() throws Exception {
    double dt = 1e-4;
    for (double tau : new double[] {2e-5, 1e-4, 3e-4, 1e-3, 5e-3, 1e-2, 0.5, 10}) {
      for (String integrator : new String[] {"euler", "exact"}) {
        String lif = "C: 200pF, g_L: 10nS, E_L: -60mV, V_th: -50mV, V_reset: -60mV, ";
        String text = "dt: 0.1ms\npopulations:\n  a: {model: lif, size: 4, " + lif + "integrator: " + integrator
            + ", channels: {g: {kernel: conductance, tau: " + tau + ", E: 0}, q: {kernel: current}}}\n"
            + "  b: {model: lif, size: 4, " + lif + "integrator: exact, channels: {x: {kernel: exponential, tau: 1}}}\n"
            + "projections:\n  - {from: b, to: a, channel: g, connect: all_to_all, weight: 1e-9}\n";
        Network n = NetworkFile.parse("p.yaml", text, false, 1).network();
        long k = TinyStates.period(n.populations(), dt);
        double d = Math.abs(integrator.equals("euler") ? 1 - dt / tau : Math.exp(-dt / tau));
        if (!(d > 0 && d < Math.exp(-dt / 1))) { // b's channel is faster, or a's does not decay (Euler at dt >= 2 tau)
          d = Math.exp(-dt / 1); //                  or a's is 0 at once (Euler at dt = tau)
        }
        double x = TinyStates.BOUND;
        for (long s = 0; s < k; s++) {
          x *= d;
        }
        String what = integrator + " tau " + tau + " period " + k;
        assertThat(k).as(what).isBetween(1L, TinyStates.MAX_PERIOD);
        if (k > 1) {
          assertThat(x).as(what + ": the bound after a period").isGreaterThanOrEqualTo(TinyStates.FLOOR * 0.999999);
          assertThat(TinyStates.BOUND * Math.pow(d, k + 1)).as(what + ": one step more").isLessThan(TinyStates.FLOOR);
        }
      }
    }
    // COBA (forward Euler, tau 5 ms and 10 ms at dt 0.1 ms): decay 0.98 per step, 754 steps
    String coba = CobaBrian2PeerTest.cobaText();
    Network n = NetworkFile.parse("coba.yaml", coba, false, 1).network();
    assertThat(TinyStates.period(n.populations(), n.dt())).isEqualTo(754);
    Network none = NetworkFile.parse("in.yaml", "dt: 0.1ms\npopulations:\n  in: {model: poisson, size: 3, rate: 5}\n",
        false, 1).network();
    assertThat(TinyStates.period(none.populations(), none.dt())).isEqualTo(TinyStates.MAX_PERIOD);
  }
}
