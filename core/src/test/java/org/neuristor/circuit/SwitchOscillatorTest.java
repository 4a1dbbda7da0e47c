package org.neuristor.circuit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.element.Capacitor;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.circuit.element.VSwitch;
import org.neuristor.circuit.element.VoltageSource;

/**
 * Relaxation oscillator from ngspice's hysteretic switch: C charges through R until v(c) reaches
 * vt+vh, the switch discharges it through rd until vt-vh. Each phase is an exact RC exponential,
 * so the period has a closed form; event location must reproduce it to 1e-4.
 */
class SwitchOscillatorTest {

  @Test
  void periodMatchesClosedForm() {
    double vs = 5;
    double r = 10e3;
    double c = 1e-9;
    double rd = 100;
    double ron = 1;
    double roff = 1e12;
    double vt = 2.5;
    double vh = 0.5;
    Circuit ckt = Circuit.builder("relaxation").add(new VoltageSource("v1", "in", "0", vs))
        .add(new Resistor("r1", "in", "c", r)).add(new Capacitor("c1", "c", "0", c))
        .add(new VSwitch("s1", "c", "d", "c", "0", Map.of("vt", vt, "vh", vh, "ron", ron, "roff", roff), false))
        .add(new Resistor("rd", "d", "0", rd)).build();
    TransientAnalysis.Result res = new TransientAnalysis(10e-9, 200e-6).run(new MnaSystem(ckt), List.of());
    double von = vt + vh;
    double voff = vt - vh;
    double vinfOff = vs * (roff + rd) / (r + roff + rd);
    double tauOff = c * r * (roff + rd) / (r + roff + rd);
    double vinfOn = vs * (ron + rd) / (r + ron + rd);
    double tauOn = c * r * (ron + rd) / (r + ron + rd);
    double period = tauOff * Math.log((vinfOff - voff) / (vinfOff - von))
        + tauOn * Math.log((von - vinfOn) / (voff - vinfOn));
    List<Double> rises = risingCrossings(res.trace(), "v(d)", 1.0);
    assertThat(rises.size()).isGreaterThan(10);
    double measured = (rises.get(rises.size() - 1) - rises.get(1)) / (rises.size() - 2);
    assertThat(Math.abs(measured - period) / period).isLessThan(1e-4);
    // Voltage excursion of the capacitor stays within the hysteresis band (after the first charge).
    double[] t = res.trace().axis();
    double[] v = res.trace().get("v(c)");
    for (int i = 0; i < t.length; i++) {
      if (t[i] > rises.get(1)) {
        assertThat(v[i]).isBetween(voff - 1e-3, von + 1e-3);
      }
    }
  }

  static List<Double> risingCrossings(Trace tr, String sig, double level) {
    double[] t = tr.axis();
    double[] v = tr.get(sig);
    List<Double> out = new java.util.ArrayList<>();
    for (int i = 1; i < t.length; i++) {
      if (v[i - 1] < level && v[i] >= level) {
        out.add(t[i - 1] + (t[i] - t[i - 1]) * (level - v[i - 1]) / (v[i] - v[i - 1]));
      }
    }
    return out;
  }
}
