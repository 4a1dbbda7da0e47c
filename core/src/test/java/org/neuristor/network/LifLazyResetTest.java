package org.neuristor.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fused LIF path's lazy refractory reset (a spiking neuron's V is NaN until its release writes V_reset) against
 * the reset after every step, which the population falls back to once its live membrane array is taken: the same
 * spikes and the same state-monitor traces bit for bit, V_reset in the traces of refractory neurons, and V_reset in
 * the array when it is taken in the middle of a run.
 */
class LifLazyResetTest {
  private static final double V_RESET = -60e-3;
  /** Steps a neuron stays frozen after the step of its spike: round(t_ref / dt) - 1 = round(5 ms / 0.1 ms) - 1. */
  private static final int FROZEN = 49;

  private static String coba(String integrator) {
    String pop = "{model: lif, size: %d, C: 200pF, g_L: 10nS, E_L: -60mV, V_th: -50mV, V_reset: -60mV, t_ref: 5ms, "
        + "I_bias: 200pA, integrator: " + integrator + ", v_init: {normal: [-55mV, 5mV]}, channels: "
        + "{exc: {kernel: conductance, tau: 5ms, E: 0mV}, inh: {kernel: conductance, tau: 10ms, E: -80mV}}}";
    StringBuilder all = new StringBuilder("[");
    for (int i = 0; i < 400; i++) {
      all.append(i == 0 ? "" : ", ").append(i);
    }
    all.append("]");
    return "name: t\nseed: 5\ndt: 0.1ms\nduration: 0.2s\npopulations:\n"
        + "  exc: " + String.format(pop, 400) + "\n"
        + "  inh: " + String.format(pop, 100) + "\n"
        + "projections:\n"
        + "  - {name: ee, from: exc, to: exc, channel: exc, connect: {fixed_probability: 0.05}, weight: 6nS}\n"
        + "  - {name: ei, from: exc, to: inh, channel: exc, connect: {fixed_probability: 0.05}, weight: 6nS}\n"
        + "  - {name: ie, from: inh, to: exc, channel: inh, connect: {fixed_probability: 0.05}, weight: 67nS}\n"
        + "  - {name: ii, from: inh, to: inh, channel: inh, connect: {fixed_probability: 0.05}, weight: 67nS}\n"
        + "monitors:\n  - {spikes: exc}\n  - {spikes: inh}\n"
        + "  - {state: exc, variable: v, neurons: " + all + ", every: 1}\n";
  }

  private static Network build(String integrator, int threads, boolean resetEveryStep) {
    Network net = NetworkFile.parse("t.yaml", coba(integrator), false, threads).network();
    if (resetEveryStep) {
      for (Population p : net.populations()) {
        ((LifPopulation) p).membrane(); // taking the live array turns the lazy reset off
      }
    }
    return net;
  }

  static List<Long> spikes(Network net) {
    List<Long> l = new ArrayList<>();
    for (SpikeMonitor m : net.spikeMonitors()) {
      l.add(-1L);
      for (int k = 0; k < m.count(); k++) {
        l.add(m.step(k) * 1_000_000 + m.neuron(k));
      }
    }
    return l;
  }

  static long[] traceBits(StateMonitor s) {
    int n = s.neurons().length;
    long[] b = new long[n * s.count()];
    for (int k = 0; k < s.count(); k++) {
      for (int i = 0; i < n; i++) {
        b[k * n + i] = Double.doubleToRawLongBits(s.value(i, k));
      }
    }
    return b;
  }

  @ParameterizedTest
  @CsvSource({"euler, 1", "exact, 1", "euler, 2"})
  void spikesAndTracesEqualTheResetEveryStep(String integrator, int threads) {
    Network lazy = build(integrator, threads, false);
    Network eager = build(integrator, threads, true);
    lazy.runSteps(2000, null);
    eager.runSteps(2000, null);
    assertThat(spikes(lazy)).isEqualTo(spikes(eager));
    assertThat(lazy.spikeMonitors().get(0).count()).isGreaterThan(200);
    StateMonitor s = lazy.stateMonitors().get(0);
    assertThat(traceBits(s)).isEqualTo(traceBits(eager.stateMonitors().get(0)));
    // every sample of a refractory neuron (the step of its spike and the frozen steps after it) reads V_reset
    SpikeMonitor exc = lazy.spikeMonitors().get(0);
    int checked = 0;
    for (int k = 0; k < exc.count(); k++) {
      int neuron = exc.neuron(k);
      for (long step = exc.step(k); step <= exc.step(k) + FROZEN && step < s.count(); step++) {
        assertThat(s.value(neuron, (int) step)).isEqualTo(V_RESET);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(200 * FROZEN);
  }

  @Test
  void membraneTakenMidRunHoldsResetValuesAndTheRunGoesOnTheSame() {
    Network lazy = build("euler", 1, false);
    Network eager = build("euler", 1, true);
    lazy.runSteps(777, null);
    eager.runSteps(777, null);
    LifPopulation l = (LifPopulation) lazy.population("exc");
    LifPopulation e = (LifPopulation) eager.population("exc");
    double[] lv = l.membrane(); // the lazy reset's NaNs become V_reset, and the population resets every step on
    int refractory = 0;
    for (int i = 0; i < lv.length; i++) {
      assertThat(Double.doubleToRawLongBits(lv[i])).isEqualTo(Double.doubleToRawLongBits(e.membrane()[i]));
      refractory += lv[i] == V_RESET ? 1 : 0;
    }
    assertThat(refractory).isGreaterThan(10);
    lazy.runSteps(1223, null);
    eager.runSteps(1223, null);
    assertThat(spikes(lazy)).isEqualTo(spikes(eager));
    assertThat(l.membrane()).isEqualTo(e.membrane());
    assertThat(traceBits(lazy.stateMonitors().get(0))).isEqualTo(traceBits(eager.stateMonitors().get(0)));
  }
}
