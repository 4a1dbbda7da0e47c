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
    Population p = m.population(amps.length, dt, method, Noise.NONE, 0);
    double[][] spikes = new double[amps.length][1000];
    int[] counts = new int[amps.length];
    System.arraycopy(amps, 0, p.input, 0, amps.length);
    for (int k = 0; k < Math.round(200 / dt); k++) {
      p.step();
      for (int s = 0; s < p.spikeCount(); s++) {
        int i = p.spikeNeuron(s);
        spikes[i][counts[i]++] = p.spikeTimeMs(s);
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
    Population p = m.population(1000, kind.defaultDtMs(), method, noise, 1);
    for (int i = 0; i < 1000; i++) {
      p.input[i] = amps[i % amps.length];
    }
    for (int k = 0; k < 3000; k++) {
      p.step(); // warm up: JIT, and the spike buffer reaches its working size
    }
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    for (int k = 0; k < 1000; k++) {
      p.step();
    }
    long allocated = mx.getThreadAllocatedBytes(id) - before;
    // one boxed double per step would already be 16 kB
    assertThat(allocated).isLessThan(2048);
  }
}
