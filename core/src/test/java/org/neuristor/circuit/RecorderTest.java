package org.neuristor.circuit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuristor.measure.Trace;
import org.neuristor.circuit.element.Capacitor;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.circuit.element.VoltageSource;

/** Output control of a transient: every n-th accepted point, or a uniform grid, on an RC step response. */
class RecorderTest {
  private static final double TAU = 1e-6;

  private static Circuit rc() {
    return Circuit.builder("rc").add(new VoltageSource("v1", "in", "0", AnalyticCircuitTest.step(1.0)))
        .add(new Resistor("r1", "in", "out", 1e3)).add(new Capacitor("c1", "out", "0", 1e-9)).build();
  }

  private static Trace run(TransientAnalysis ta) {
    return ta.run(new MnaSystem(rc()), List.of("v(out)")).trace();
  }

  @Test
  void everyNthAcceptedPointKeepsThoseTimesAndTheLast() {
    Trace all = run(new TransientAnalysis(TAU / 100, 5 * TAU));
    Trace third = run(new TransientAnalysis(TAU / 100, 5 * TAU).every(3));
    double[] t = all.axis();
    double[] t3 = third.axis();
    assertThat(t3.length).isEqualTo((t.length + 2) / 3 + ((t.length - 1) % 3 == 0 ? 0 : 1));
    for (int i = 0; i < t3.length - 1; i++) {
      assertThat(t3[i]).isEqualTo(t[3 * i]);
      assertThat(third.get("v(out)")[i]).isEqualTo(all.get("v(out)")[3 * i]);
    }
    assertThat(t3[t3.length - 1]).isEqualTo(t[t.length - 1]);
  }

  @Test
  void aGridRecordsEveryIntervalWithinTheIntegrationError() {
    double dt = 0.05 * TAU;
    Trace g = run(new TransientAnalysis(TAU / 100, 5 * TAU).grid(dt));
    double[] t = g.axis();
    double[] v = g.get("v(out)");
    assertThat(t).hasSize(101);
    for (int k = 0; k < t.length; k++) {
      assertThat(Math.abs(t[k] - k * dt)).isLessThan(1e-18);
      double exact = t[k] < 1e-12 ? 0 : 1 - Math.exp(-(t[k] - 0.5e-12) / TAU);
      assertThat(Math.abs(v[k] - exact)).as("v(out) at %g", t[k]).isLessThan(2e-3);
    }
  }

  /** e(sources) is recorded after the other signals: the delivered energy C V^2 at the end of the charge. */
  @Test
  void sourceEnergyIsRecordedNextToTheSignals() {
    Trace t = new TransientAnalysis(TAU / 100, 10 * TAU).run(new MnaSystem(rc()), List.of("v(out)", "e(sources)"))
        .trace();
    assertThat(t.names()).containsExactly("v(out)", "e(sources)");
    double[] e = t.get("e(sources)");
    assertThat(e[e.length - 1]).isCloseTo(1e-9, org.assertj.core.data.Percentage.withPercentage(0.5));
  }

  /**
   * Signals that are an unknown's value (v(node), v(0), i(source)) are copied from the solution by index when every
   * recorded signal is one; with a difference among them every signal goes through its extractor. Both give the
   * same values bit for bit.
   */
  @Test
  void signalsCopiedByIndexEqualTheExtractedOnes() {
    List<String> plain = List.of("v(out)", "v(0)", "i(v1)", "v(in)");
    Trace picked = new TransientAnalysis(TAU / 100, 5 * TAU).run(new MnaSystem(rc()), plain).trace();
    Trace extracted = new TransientAnalysis(TAU / 100, 5 * TAU).run(new MnaSystem(rc()),
        List.of("v(out)", "v(0)", "i(v1)", "v(in)", "v(in,out)")).trace();
    assertThat(picked.axis()).isEqualTo(extracted.axis());
    for (String s : plain) {
      assertThat(picked.get(s)).as(s).isEqualTo(extracted.get(s));
    }
    assertThat(picked.get("v(0)")).containsOnly(0.0);
    assertThat(java.util.Arrays.stream(picked.get("i(v1)")).anyMatch(v -> v != 0)).isTrue();
    double[] in = extracted.get("v(in)");
    double[] out = extracted.get("v(out)");
    double[] diff = extracted.get("v(in,out)");
    for (int k = 0; k < diff.length; k++) {
      assertThat(diff[k]).isEqualTo(in[k] - out[k]);
    }
  }
}
