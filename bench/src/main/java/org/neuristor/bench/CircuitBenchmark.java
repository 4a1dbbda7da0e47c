package org.neuristor.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.MnaSystem;
import org.neuristor.circuit.TransientAnalysis;
import org.neuristor.circuit.element.Capacitor;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.circuit.element.VSwitch;
import org.neuristor.circuit.element.VoltageSource;
import org.neuristor.circuit.element.Waveform;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of the transient engine on the circuits of the foundation issue: the hysteretic
 * switch relaxation oscillator (1,000 periods) and the RC ladder of 1,000 sections.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CircuitBenchmark {

  /** The relaxation oscillator of the foundation issue (period 4.156 us). */
  public static Circuit oscillator() {
    return Circuit.builder("relaxation").add(new VoltageSource("v1", "in", "0", 5))
        .add(new Resistor("r1", "in", "c", 10e3)).add(new Capacitor("c1", "c", "0", 1e-9))
        .add(new VSwitch("s1", "c", "d", "c", "0", Map.of("vt", 2.5, "vh", 0.5, "ron", 1.0, "roff", 1e12), false))
        .add(new Resistor("rd", "d", "0", 100)).build();
  }

  /** RC ladder of n sections (1 kOhm, 1 nF) driven by a 1 V step. */
  public static Circuit ladder(int n) {
    Circuit.Builder b = Circuit.builder("ladder").add(new VoltageSource("v1", "n0", "0",
        new Waveform.Pwl(new double[] {0, 1e-9}, new double[] {0, 1})));
    for (int k = 1; k <= n; k++) {
      b.add(new Resistor("r" + k, "n" + (k - 1), "n" + k, 1e3));
      b.add(new Capacitor("c" + k, "n" + k, "0", 1e-9));
    }
    return b.build();
  }

  private final Circuit osc = oscillator();
  private final Circuit lad = ladder(1000);

  @Benchmark
  public long oscillator1000Periods() {
    return new TransientAnalysis(10e-9, 1000 * 4.156e-6).run(new MnaSystem(osc), List.of("v(c)")).accepted();
  }

  @Benchmark
  public long ladder1000() {
    return new TransientAnalysis(1e-6, 1e-3).run(new MnaSystem(lad), List.of("v(n1000)")).accepted();
  }
}
