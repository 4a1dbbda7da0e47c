package org.neuristor.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.measure.Trace;

/**
 * physics.md 4.4 (values [D], so the behaviour is pinned, not numbers): a sub-threshold input is only
 * capacitively divided onto the gate (V_in C_D/(C_D+C_S)); a supra-threshold input switches the
 * diffusive memristor on, charges C_S past the transistor threshold and produces drain current with
 * gain; after the input the gate leaks away.
 */
class WangNeuroTransistorTest {

  static double max(Trace t, String s, double from, double to) {
    double m = Double.NEGATIVE_INFINITY;
    double[] a = t.axis();
    double[] y = t.get(s);
    for (int i = 0; i < a.length; i++) {
      if (a[i] >= from && a[i] <= to) {
        m = Math.max(m, y[i]);
      }
    }
    return m;
  }

  @Test
  void subThresholdInputIsCapacitivelyDividedAndDoesNotFire() {
    NeuronCircuit c = NeuronLibrary.get("wang");
    Trace t = Protocols.run(c, Map.of("vin", "0.3", "tstop", "100u"), null);
    double divided = 0.3 * 10e-15 / (10e-15 + 1e-12);
    // right after the input edge the gate jumps by the capacitive divide ...
    assertThat(t.at("v(g)", 5.1e-6)).isCloseTo(divided, org.assertj.core.data.Percentage.withPercentage(30));
    // ... then creeps up only through R_off (C_S R_off = 1 ms), far below the transistor threshold
    assertThat(max(t, "v(g)", 0, 100e-6)).isLessThan(0.1);
    assertThat(max(t, "ndm.x", 0, 100e-6)).isLessThan(0.01);
    assertThat(1.0 - Math.min(t.get("v(o)")[t.size() - 1], 1.0)).isLessThan(1e-6); // no drain current
  }

  @Test
  void supraThresholdInputChargesTheGateAndDrivesTheTransistor() {
    NeuronCircuit c = NeuronLibrary.get("wang");
    Trace t = Protocols.run(c, Map.of("vin", "1", "tstop", "2m", "period", "4m"), null);
    assertThat(max(t, "ndm.x", 0, 30e-6)).isGreaterThan(0.5);
    assertThat(max(t, "v(g)", 0, 30e-6)).isGreaterThan(0.5); // above V_T
    double drop = 1.0 - t.at("v(o)", 20e-6);
    assertThat(drop).isGreaterThan(0.05); // drain current through 10 kOhm
    // after the pulse the memristor relaxes and the gate leaks with C_S * R_leak = 1 ms
    assertThat(t.at("v(g)", 1.5e-3)).isLessThan(0.5 * t.at("v(g)", 25e-6));
  }
}
