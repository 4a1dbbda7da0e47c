package org.neuristor.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Population kernels: neurons are independent, and the step allocates nothing. */
class PopulationTest {

  static Stream<Arguments> kernels() {
    return Stream.of(Arguments.of(ModelKind.IF, Method.EXACT, new double[] {0.8, 1.0, 2.5}),
        Arguments.of(ModelKind.LIF, Method.EXACT, new double[] {1.6, 2.0, 3.0}),
        Arguments.of(ModelKind.LIF, Method.EXACT_GRID, new double[] {1.6, 2.0, 3.0}),
        Arguments.of(ModelKind.HH, Method.RK4, new double[] {3, 10, 50}),
        Arguments.of(ModelKind.HH, Method.EXP_EULER, new double[] {3, 10, 50}),
        Arguments.of(ModelKind.ADEX, Method.RK2, new double[] {700, 1000, 1500}),
        Arguments.of(ModelKind.ADEX, Method.EULER, new double[] {700, 1000, 1500}),
        Arguments.of(ModelKind.IZHIKEVICH, Method.AUTHOR_EULER, new double[] {5, 10, 14}),
        Arguments.of(ModelKind.IZHIKEVICH, Method.EULER, new double[] {5, 10, 14}));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("kernels")
  void eachNeuronOfAPopulationBehavesLikeASingleNeuron(ModelKind kind, Method method, double[] amps) {
    NeuronModel m = NeuronModel.of(kind);
    double dt = kind.defaultDtMs();
    NeuronKernel p = m.kernel(amps.length, dt, method, Noise.NONE, 0);
    double[][] spikes = new double[amps.length][1000];
    int[] counts = new int[amps.length];
    double[] input = new double[amps.length];
    for (int i = 0; i < amps.length; i++) {
      input[i] = amps[i] * kind.currentToSi();
    }
    Spikes out = new Spikes(16);
    for (int k = 0; k < Math.round(200 / dt); k++) {
      out.clear();
      p.step(k * (dt * 1e-3), dt * 1e-3, input, out);
      for (int s = 0; s < out.count(); s++) {
        int i = out.neuron(s);
        spikes[i][counts[i]++] = out.time(s) * 1e3;
      }
    }
    for (int i = 0; i < amps.length; i++) {
      double[] single = NeuronSimulation.spikeTimesMs(m, Stimulus.constant(amps[i]), 200, dt, method);
      assertThat(Arrays.copyOf(spikes[i], counts[i])).as("neuron %d", i).containsExactly(single);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("kernels")
  void theStepAllocatesNothing(ModelKind kind, Method method, double[] amps) {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    NeuronModel m = NeuronModel.of(kind);
    Noise noise = kind == ModelKind.ADEX ? Noise.ou(50, 5) : Noise.ou(0.5, 5);
    NeuronKernel p = m.kernel(1000, kind.defaultDtMs(), method, noise, 1);
    double[] input = new double[1000];
    for (int i = 0; i < 1000; i++) {
      input[i] = amps[i % amps.length] * kind.currentToSi();
    }
    double dt = kind.defaultDtMs() * 1e-3;
    Spikes out = new Spikes(16);
    for (int k = 0; k < 3000; k++) {
      out.clear();
      p.step(k * dt, dt, input, out); // warm up: JIT, and the spike buffer reaches its working size
    }
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    for (int k = 3000; k < 4000; k++) {
      out.clear();
      p.step(k * dt, dt, input, out);
    }
    long allocated = mx.getThreadAllocatedBytes(id) - before;
    // one boxed double per step would already be 16 kB
    assertThat(allocated).isLessThan(2048);
  }
}
