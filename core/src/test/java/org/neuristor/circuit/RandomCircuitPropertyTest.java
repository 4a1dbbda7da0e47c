package org.neuristor.circuit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuristor.NeuristorException;
import org.neuristor.circuit.element.Capacitor;
import org.neuristor.circuit.element.CurrentSource;
import org.neuristor.circuit.element.Diode;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.circuit.element.VSwitch;
import org.neuristor.circuit.element.VoltageSource;
import org.neuristor.circuit.element.Waveform;

/**
 * Property tests over seeded random circuits of resistors, capacitors, diodes and hysteretic
 * switches.
 *
 * <p>Charge conservation: a constant current source charges a network whose only paths to ground
 * are capacitors; whatever happens inside (diodes conducting, switches toggling), the charge on
 * the grounded capacitors at the end must equal I*T. The charge-oriented formulation conserves
 * it to the Newton tolerance at every step.
 *
 * <p>Termination: random circuits driven by pulse sources end in a result or a typed
 * {@link NeuristorException}, never a hang or another exception.
 */
class RandomCircuitPropertyTest {

  static Stream<Long> seeds() {
    return LongStream.range(1, 31).boxed();
  }

  private static String node(SplittableRandom r, int nodes) {
    return "n" + (1 + r.nextInt(nodes));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void chargeIsConserved(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int nodes = 3 + r.nextInt(5);
    Circuit.Builder b = Circuit.builder("random " + seed);
    double amps = 1e-6 * (0.5 + r.nextDouble());
    b.add(new CurrentSource("i1", "0", "n1", amps));
    Capacitor[] grounded = new Capacitor[nodes];
    for (int k = 1; k <= nodes; k++) {
      grounded[k - 1] = new Capacitor("cg" + k, "n" + k, "0", 1e-9 * (0.1 + r.nextDouble()));
      b.add(grounded[k - 1]);
    }
    for (int k = 2; k <= nodes; k++) {
      b.add(new Resistor("rc" + k, "n" + (1 + r.nextInt(k - 1)), "n" + k, Math.pow(10, 2 + 3 * r.nextDouble())));
    }
    int extra = r.nextInt(6);
    for (int k = 0; k < extra; k++) {
      String a = node(r, nodes);
      String c = node(r, nodes);
      if (a.equals(c)) {
        continue;
      }
      switch (r.nextInt(4)) {
        case 0 -> b.add(new Resistor("rx" + k, a, c, Math.pow(10, 2 + 3 * r.nextDouble())));
        case 1 -> b.add(new Capacitor("cx" + k, a, c, 1e-10 * (0.1 + r.nextDouble())));
        case 2 -> b.add(new Diode("dx" + k, a, c, Map.of("is", 1e-14, "n", 1.0 + r.nextDouble()), 1.0));
        default -> b.add(new VSwitch("sx" + k, a, c, node(r, nodes), "0",
            Map.of("vt", 0.2 + r.nextDouble(), "vh", 0.1 * r.nextDouble(), "ron", 100.0, "roff", 1e9), false));
      }
    }
    Circuit ckt = b.build();
    double tstop = 1e-3 * (0.5 + r.nextDouble());
    TransientAnalysis.Result res = new TransientAnalysis(tstop / 200, tstop, 0, Double.NaN, true)
        .run(new MnaSystem(ckt), List.of());
    double[] x = res.finalState();
    MnaSystem sys = new MnaSystem(ckt);
    double charge = 0;
    for (int k = 1; k <= nodes; k++) {
      charge += grounded[k - 1].farads() * x[sys.node("n" + k)];
    }
    assertThat(charge).isCloseTo(amps * tstop, org.assertj.core.data.Percentage.withPercentage(1e-4));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void everyRunEndsInAResultOrATypedError(long seed) {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      SplittableRandom r = new SplittableRandom(seed * 7919);
      int nodes = 2 + r.nextInt(6);
      Circuit.Builder b = Circuit.builder("random " + seed);
      b.add(new VoltageSource("v1", "n1", "0",
          new Waveform.Pulse(0, 5 * r.nextDouble(), 0, 1e-9, 1e-9, 1e-6 * r.nextDouble() + 1e-8, 2e-6, 0)));
      int count = 2 + r.nextInt(10);
      for (int k = 0; k < count; k++) {
        String a = r.nextInt(4) == 0 ? "0" : node(r, nodes);
        String c = node(r, nodes);
        if (a.equals(c)) {
          continue;
        }
        switch (r.nextInt(4)) {
          case 0 -> b.add(new Resistor("r" + k, a, c, Math.pow(10, 1 + 6 * r.nextDouble())));
          case 1 -> b.add(new Capacitor("c" + k, a, c, Math.pow(10, -15 + 7 * r.nextDouble())));
          case 2 -> b.add(new Diode("d" + k, a, c, Map.of("is", Math.pow(10, -16 + 6 * r.nextDouble())), 1.0));
          default -> b.add(new VSwitch("s" + k, a, c, node(r, nodes), "0",
              Map.of("vt", 3 * r.nextDouble(), "vh", r.nextDouble(), "ron", 10.0, "roff", 1e8), r.nextBoolean()));
        }
      }
      try {
        Circuit ckt = b.build();
        TransientAnalysis.Result res = new TransientAnalysis(1e-8, 5e-6).run(new MnaSystem(ckt), List.of());
        for (String name : res.trace().names()) {
          for (double v : res.trace().get(name)) {
            assertThat(Double.isFinite(v)).as("finite %s", name).isTrue();
          }
        }
      } catch (NeuristorException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    });
  }
}
