package org.neuristor.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuristor.NeuristorException;

/**
 * Every library circuit's compact form against its full circuit (the transient engine on the
 * shipped netlist): the first 20 spike times and the 19 ISIs agree within 1% at a representative
 * stimulus, with the compact kernel stepped at a coarse, network-like dt.
 */
class CompactFormsTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        // name, parameter overrides, input source (null = the circuit's own), tstop, compact dt
        Arguments.of("lif", Map.of("vin", "2", "tstop", "160u"), null, 50e-9),
        Arguments.of("lif-ag", Map.of("tstop", "8m"), null, 1e-6),
        Arguments.of("lif-ots", Map.of("tstop", "28u"), null, 10e-9),
        Arguments.of("pickett", Map.of("tstop", "2.7u"), "pulse(0 0.3 10n 1p 1p 1 2)", 1e-9),
        Arguments.of("pickett2013", Map.of("tstop", "17u"), "pulse(0 0.3 10n 1p 1p 42.34n 800n)", 1e-9),
        Arguments.of("wang", Map.of("tstop", "850u"), null, 2e-9));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void compactAndFullCircuitSpikeTimesAgreeWithinOnePercentOverTwentySpikes(String name, Map<String, String> params,
      String source, double dt) {
    NeuronCircuit c = NeuronLibrary.get(name);
    double[] full = FullCircuits.spikeTimes(name, params, source);
    assertThat(full.length).as("full-circuit spikes").isGreaterThanOrEqualTo(20);
    double tstop = full[19] * 1.05;

    Map<String, String> p = new HashMap<>(params);
    DoubleUnaryOperator in = source == null ? CompactForms.input(c, p)
        : CompactForms.input(NeuronLibrary.get(name), p, source);
    CompactNeuron k = c.compact(2, p);
    double[] vin = new double[2];
    double[] off = new double[2];
    List<Double> spikes = new ArrayList<>();
    long steps = (long) Math.ceil(tstop / dt);
    for (long s = 0; s < steps; s++) {
      double t = s * dt;
      vin[0] = vin[1] = in.applyAsDouble(t + (k.rampsInput() ? dt : 0.5 * dt));
      k.step(dt, vin, null, off);
      if (off[0] == off[0]) {
        spikes.add(t + off[0]);
      }
    }
    assertThat(spikes.size()).as("compact spikes").isGreaterThanOrEqualTo(20);
    double worstT = 0;
    double worstIsi = 0;
    for (int s = 0; s < 20; s++) {
      worstT = Math.max(worstT, Math.abs(spikes.get(s) / full[s] - 1));
      if (s > 0) {
        worstIsi = Math.max(worstIsi, Math.abs((spikes.get(s) - spikes.get(s - 1)) / (full[s] - full[s - 1]) - 1));
      }
    }
    System.out.printf("compact %s: worst spike-time error %.4f%%, worst ISI error %.4f%% (dt %.3g s)%n", name,
        100 * worstT, 100 * worstIsi, dt);
    assertThat(worstT).as("worst relative spike-time error").isLessThan(0.01);
    assertThat(worstIsi).as("worst relative ISI error").isLessThan(0.01);
    assertThat(k.state(k.variables().get(0))[1]).isEqualTo(k.membrane()[0]);
  }

  @Test
  void compactFormHonoursParameterOverrides() {
    NeuronCircuit lif = NeuronLibrary.get("lif");
    CompactNeuron a = lif.compact(1, Map.of());
    CompactNeuron b = lif.compact(1, Map.of("cm", "2n"));
    assertThat(b.membraneCapacitance()).isEqualTo(2 * a.membraneCapacitance());
  }

  @Test
  void badNeuronCountIsAnInputError() {
    assertThatThrownBy(() -> NeuronLibrary.get("lif").compact(0, Map.of())).isInstanceOf(NeuristorException.class)
        .hasMessageContaining("at least one neuron");
  }
}
