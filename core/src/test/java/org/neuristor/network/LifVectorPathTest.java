package org.neuristor.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * LIF networks on the vector API kernels ({@link VectorScan}: the fused two-channel forward-Euler loop with the
 * threshold scan, or the scan alone) against the same networks on the scalar kernels, in one JVM (the population's
 * {@code vector} flag): every spike and every state-monitor value equal bit for bit, for the fused path (two channels,
 * forward Euler; one channel; exponential Euler), the general path (delays) and the reset after every step (the live
 * membrane array taken), on one and two threads. Population sizes are not multiples of the vector lanes.
 */
class LifVectorPathTest {
  private static String net(String integrator, int channels, String delay) {
    String ch = channels == 2
        ? "{exc: {kernel: conductance, tau: 5ms, E: 0mV}, inh: {kernel: conductance, tau: 10ms, E: -80mV}}"
        : "{exc: {kernel: conductance, tau: 5ms, E: 0mV}}";
    String pop = "{model: lif, size: %d, C: 200pF, g_L: 10nS, E_L: -60mV, V_th: -50mV, V_reset: -60mV, t_ref: 5ms, "
        + "I_bias: 200pA, integrator: " + integrator + ", v_init: {normal: [-55mV, 5mV]}, channels: " + ch + "}";
    String inh = channels == 2 ? "inh" : "exc";
    String w = channels == 2 ? "67nS" : "-2nS";
    StringBuilder all = new StringBuilder("[");
    for (int i = 0; i < 101; i += 3) {
      all.append(i == 0 ? "" : ", ").append(i);
    }
    all.append("]");
    return "name: t\nseed: 7\ndt: 0.1ms\nduration: 0.2s\npopulations:\n"
        + "  exc: " + String.format(pop, 403) + "\n"
        + "  inh: " + String.format(pop, 101) + "\n"
        + "projections:\n"
        + "  - {name: ee, from: exc, to: exc, channel: exc, connect: {fixed_probability: 0.05}, weight: 6nS" + delay
        + "}\n"
        + "  - {name: ei, from: exc, to: inh, channel: exc, connect: {fixed_probability: 0.05}, weight: 6nS}\n"
        + "  - {name: ie, from: inh, to: exc, channel: " + inh + ", connect: {fixed_probability: 0.05}, weight: " + w
        + "}\n"
        + "  - {name: ii, from: inh, to: inh, channel: " + inh + ", connect: {fixed_probability: 0.05}, weight: " + w
        + "}\n"
        + "monitors:\n  - {spikes: exc}\n  - {spikes: inh}\n"
        + "  - {state: inh, variable: v, neurons: " + all + ", every: 1}\n";
  }

  private static Network build(String text, int threads, boolean vector, boolean resetEveryStep) {
    Network net = NetworkFile.parse("t.yaml", text, false, threads).network();
    for (Population p : net.populations()) {
      LifPopulation lif = (LifPopulation) p;
      lif.vector = vector;
      if (resetEveryStep) {
        lif.membrane();
      }
    }
    return net;
  }

  @ParameterizedTest
  @CsvSource({"euler, 2, '', 1, false", "euler, 2, '', 2, false", "euler, 2, '', 1, true", "exact, 2, '', 1, false",
      "euler, 1, '', 1, false", "exact, 1, '', 2, false", "euler, 2, ', delay: 1ms', 1, false",
      "euler, 2, ', delay: 1ms', 2, true"})
  void spikesAndTracesEqualTheScalarPath(String integrator, int channels, String delay, int threads,
      boolean resetEveryStep) {
    String text = net(integrator, channels, delay);
    Network vec = build(text, threads, true, resetEveryStep);
    Network scalar = build(text, threads, false, resetEveryStep);
    vec.runSteps(2000, null);
    scalar.runSteps(2000, null);
    List<Long> s = LifLazyResetTest.spikes(scalar);
    assertThat(s.size()).as("the network spikes").isGreaterThan(500);
    assertThat(LifLazyResetTest.spikes(vec)).isEqualTo(s);
    assertThat(LifLazyResetTest.traceBits(vec.stateMonitors().get(0)))
        .isEqualTo(LifLazyResetTest.traceBits(scalar.stateMonitors().get(0)));
    for (int p = 0; p < 2; p++) {
      double[] a = ((LifPopulation) vec.populations().get(p)).v;
      double[] b = ((LifPopulation) scalar.populations().get(p)).v;
      for (int i = 0; i < a.length; i++) {
        assertThat(Double.doubleToRawLongBits(a[i])).as("V of neuron %d", i).isEqualTo(Double.doubleToRawLongBits(b[i]));
      }
    }
  }
}
