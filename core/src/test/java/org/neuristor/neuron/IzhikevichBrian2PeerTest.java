package org.neuristor.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuristor.PeerReference;

/**
 * Izhikevich spike times against Brian2 2.5.1 with the same method ({@code euler}, our
 * {@link Method#EULER}) and dt (reference: src/test/resources/reference/brian2/izhikevich_brian2.py):
 * same spike count and every spike within 0.5 ms. Cases: patterns A, C, E, F, N with figure1.m's
 * protocols, and the cortical classes RS, IB, CH, FS, LTS at I = 10, dt 0.1 ms.
 */
class IzhikevichBrian2PeerTest {

  static List<Double> reference(String name) throws Exception {
    return PeerReference.valuesFor("/reference/brian2/izhikevich_brian2_spikes.csv", name);
  }

  static Arguments cortical(String name, double a, double b, double c, double d) {
    NeuronModel m = NeuronModel.of(ModelKind.IZHIKEVICH, Map.of("a", a, "b", b, "c", c, "d", d, "v0", -65.0));
    return Arguments.of(name, m, 0.1, 300.0, Stimulus.constant(10));
  }

  static Stream<Arguments> cases() {
    Stream<Arguments> patterns = Stream.of("A", "C", "E", "F", "N").map(IzhikevichPatterns::get)
        .map(p -> Arguments.of(p.id(), p.model(), p.tauMs(), p.durationMs(), p.stimulus()));
    return Stream.concat(patterns, Stream.of(cortical("RS", 0.02, 0.2, -65, 8), cortical("IB", 0.02, 0.2, -55, 4),
        cortical("CH", 0.02, 0.2, -50, 2), cortical("FS", 0.1, 0.2, -65, 2), cortical("LTS", 0.02, 0.25, -65, 2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void spikeTimesAgreeWithBrian2WithinHalfAMillisecond(String name, NeuronModel m, double dt, double tMax,
      Stimulus stim) throws Exception {
    List<Double> ref = reference(name);
    double[] ours = NeuronSimulation.spikeTimesMs(m, stim, tMax + dt, dt, Method.EULER);
    assertThat(ours).as(name).hasSize(ref.size());
    double gap = 0;
    for (int k = 0; k < ours.length; k++) {
      gap = Math.max(gap, Math.abs(ours[k] - ref.get(k)));
    }
    System.out.printf("Izhikevich %s vs Brian2 (euler, dt %s ms): %d spikes, max gap %.3g ms%n", name, dt,
        ours.length, gap);
    assertThat(gap).isLessThanOrEqualTo(0.5);
  }
}
