package org.neuristor.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.MnaSystem;
import org.neuristor.circuit.TransientAnalysis;
import org.neuristor.circuit.element.Capacitor;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.circuit.element.VoltageSource;
import org.neuristor.measure.Trace;

/**
 * Cycle-to-cycle switching of the VO2 thermal memristor ({@code tcc2c}): the physics.md T10 oscillator
 * (12 V through 12 kOhm onto 145 pF) keeps its period exactly without it, spreads its periods with it,
 * and reproduces them bit for bit for one seed.
 */
class Vo2CycleToCycleTest {
  /** Periods (s) of the oscillator's temperature crossings of 340 K after 20 us. */
  static double[] periods(double tcc2c, long seed) {
    Map<String, Object> p = tcc2c > 0 ? Map.of("tcc2c", tcc2c) : Map.of();
    Circuit c = Circuit.builder("neuristor")
        .add(new VoltageSource("vin", "in", "0", 12.0))
        .add(new Resistor("r", "in", "m", 12e3))
        .add(new Capacitor("c", "m", "0", 145.34619293e-12))
        .add(DeviceRegistry.create("vo2", "x1", List.of("m", "0"), p, seed))
        .build();
    Trace t = new TransientAnalysis(10e-9, 60e-6, 0, 20e-9, true).run(new MnaSystem(c), List.of("x1.t")).trace();
    double[] time = t.axis();
    double[] temp = t.get("x1.t");
    List<Double> up = new ArrayList<>();
    for (int k = 1; k < time.length; k++) {
      if (time[k] >= 20e-6 && temp[k - 1] < 340 && temp[k] >= 340) {
        up.add(time[k - 1] + (340 - temp[k - 1]) / (temp[k] - temp[k - 1]) * (time[k] - time[k - 1]));
      }
    }
    double[] out = new double[up.size() - 1];
    for (int k = 0; k < out.length; k++) {
      out[k] = up.get(k + 1) - up.get(k);
    }
    return out;
  }

  static double relativeSpread(double[] x) {
    double m = 0;
    for (double v : x) {
      m += v / x.length;
    }
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m) / (x.length - 1);
    }
    return Math.sqrt(s) / m;
  }

  @Test
  void periodsSpreadWithTheDrawAndReproduceForOneSeed() {
    double[] plain = periods(0, 1);
    double[] a = periods(2, 1);
    assertThat(plain.length).isGreaterThanOrEqualTo(8);
    assertThat(a.length).isGreaterThanOrEqualTo(8);
    // without the draw the limit cycle repeats (period spread from the step size only); with sigma = 2 K
    // (0.6 % of tc) each cycle switches at its own temperature
    assertThat(relativeSpread(plain)).isLessThan(0.005);
    assertThat(relativeSpread(a)).isGreaterThan(4 * relativeSpread(plain)).isGreaterThan(0.01);
    assertThat(periods(2, 1)).containsExactly(a);
    assertThat(periods(2, 2)).isNotEqualTo(a);
  }
}
