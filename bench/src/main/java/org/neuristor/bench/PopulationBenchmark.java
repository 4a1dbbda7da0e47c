package org.neuristor.bench;

import java.util.concurrent.TimeUnit;
import org.neuristor.neuron.Method;
import org.neuristor.neuron.ModelKind;
import org.neuristor.neuron.NeuronModel;
import org.neuristor.neuron.Noise;
import org.neuristor.neuron.Population;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: one step of a population kernel (divide the score by n for the cost per neuron per step).
 * {@code java -jar bench/target/benchmarks.jar jmh PopulationBenchmark}. Same models, methods, dt and
 * inputs as {@link PopulationComparison}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PopulationBenchmark {
  @Param({"lif", "adex", "hh", "hh-rk4"})
  public String model;

  @Param({"100000", "1000000"})
  public int n;

  private Population pop;

  @Setup
  public void setup() {
    ModelKind kind = ModelKind.parse(model.replace("-rk4", ""));
    Method method = switch (model) {
      case "lif" -> Method.EXACT;
      case "adex" -> Method.RK2;
      case "hh" -> Method.EXP_EULER;
      default -> Method.RK4;
    };
    double dt = kind == ModelKind.HH ? 0.01 : 0.1;
    pop = NeuronModel.of(kind).population(n, dt, method, Noise.NONE, 1);
    double in = switch (kind) {
      case LIF -> 2.0;
      case ADEX -> 1000;
      default -> 10;
    };
    java.util.Arrays.fill(pop.input, in);
  }

  @Benchmark
  public int step() {
    pop.step();
    return pop.spikeCount();
  }
}
