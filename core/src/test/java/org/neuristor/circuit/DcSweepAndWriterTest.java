package org.neuristor.circuit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuristor.measure.Trace;
import org.neuristor.netlist.CircuitCompiler;

class DcSweepAndWriterTest {

  static final String HYSTERESIS = """
      switch hysteresis
      v1 in 0 0
      s1 in out in 0 swm
      rl out 0 1k
      .model swm sw (vt=2.5 vh=0.5 ron=10 roff=1meg)
      .dc v1 0 5 0.01
      .end
      """;

  @Test
  void upDownSweepShowsTheSwitchHysteresis() {
    CircuitCompiler.Compiled c = CircuitCompiler.compile(HYSTERESIS, "h.cir");
    Analysis.Dc dc = (Analysis.Dc) c.analyses().get(0);
    Trace t = Simulation.run(c.circuit(), new Analysis.Dc(dc.source(), dc.start(), dc.stop(), dc.step(), true),
        List.of("v(out)"), null).trace();
    double[] v = t.axis();
    double[] out = t.get("v(out)");
    assertThat(t.axisName()).isEqualTo("v-sweep");
    double on = Double.NaN;
    double off = Double.NaN;
    int top = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[top]) {
        top = i;
      }
    }
    for (int i = 1; i <= top; i++) {
      if (Double.isNaN(on) && out[i] > 0.5 * v[i]) {
        on = v[i];
      }
    }
    for (int i = top + 1; i < v.length; i++) {
      if (Double.isNaN(off) && out[i] < 0.5 * v[i]) {
        off = v[i];
      }
    }
    // on above vt+vh = 3.0 V going up; off below vt-vh = 2.0 V coming down
    assertThat(on).isBetween(3.0, 3.0101);
    assertThat(off).isBetween(1.9899, 2.0);
  }

  @Test
  void aListSweepReportsProgressEveryThousandPointsAndAtTheEndWithTheSameResults() {
    CircuitCompiler.Compiled c = CircuitCompiler.compile(HYSTERESIS, "h.cir");
    double[] values = new double[2500];
    for (int k = 0; k < values.length; k++) {
      values[k] = 5.0 * Math.abs(Math.sin(k * 0.01));
    }
    Trace plain = new DcSweep("v1", values).run(new MnaSystem(c.circuit()), List.of("v(out)")).trace();
    List<double[]> reports = new java.util.ArrayList<>();
    Trace reported = new DcSweep("v1", values).progress((done, total) -> reports.add(new double[] {done, total}))
        .run(new MnaSystem(c.circuit()), List.of("v(out)")).trace();
    assertThat(reports).extracting(r -> r[0]).containsExactly(1000.0, 2000.0, 2500.0);
    assertThat(reports).extracting(r -> r[1]).containsOnly(2500.0);
    assertThat(reported.get("v(out)")).containsExactly(plain.get("v(out)"));
    // the switch does switch on this list (the comparison above is not between two flat traces)
    assertThat(java.util.Arrays.stream(plain.get("v(out)")).max().getAsDouble()).isGreaterThan(2.5);
  }

  @Test
  void writtenNetlistCompilesToTheSameResults() throws Exception {
    String text;
    try (var in = getClass().getResourceAsStream("/ngspice/rlc_controlled.cir")) {
      text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    CircuitCompiler.Compiled a = CircuitCompiler.compile(text, "rlc.cir");
    CircuitWriter.Output w = CircuitWriter.write(a.circuit(), List.of(".tran 1u 1m"));
    assertThat(w.warnings()).isEmpty();
    CircuitCompiler.Compiled b = CircuitCompiler.compile(w.text(), "written.cir");
    Trace ta = Simulation.run(a.circuit(), a.analyses().get(0), List.of("v(t)", "v(h)"), null).trace();
    Trace tb = Simulation.run(b.circuit(), b.analyses().get(0), List.of("v(t)", "v(h)"), null).trace();
    assertThat(tb.get("v(h)")).containsExactly(ta.get("v(h)"));
  }
}
