package org.neuristor.bench;

import java.util.concurrent.TimeUnit;
import org.neuristor.neuron.Method;
import org.neuristor.neuron.ModelKind;
import org.neuristor.neuron.NeuronKernel;
import org.neuristor.neuron.NeuronModel;
import org.neuristor.neuron.Noise;
import org.neuristor.neuron.Spikes;
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

  private NeuronKernel pop;
  private double[] input;
  private final Spikes out = new Spikes(1024);
  private double dtSeconds;
  private long k;

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
    pop = NeuronModel.of(kind).kernel(n, dt, method, Noise.NONE, 1);
    dtSeconds = dt * 1e-3;
    input = new double[n];
    java.util.Arrays.fill(input, kind.descriptor().defaultStimulusAmplitude() * kind.currentToSi());
  }

  @Benchmark
  public int step() {
    out.clear();
    pop.step(k * dtSeconds, dtSeconds, input, out);
    k++;
    return out.count();
  }
}
