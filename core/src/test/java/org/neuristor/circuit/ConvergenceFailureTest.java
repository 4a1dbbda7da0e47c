package org.neuristor.circuit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuristor.ConvergenceException;
import org.neuristor.NeuristorException;
import org.neuristor.circuit.element.BehavioralSource;
import org.neuristor.circuit.element.Capacitor;
import org.neuristor.circuit.element.Resistor;
import org.neuristor.circuit.element.VoltageSource;
import org.neuristor.circuit.element.Waveform;

/** Failures are typed values that name where and why, never hangs or NaN results. */
class ConvergenceFailureTest {

  @Test
  void transientThatCannotContinueReportsTimeStepAndWorstNode() {
    // i = sqrt(v(a) + 10 mV) has no real value once the ramp drives v(a) below -10 mV (near t = 0.5 ms).
    BehavioralSource.Function sqrt = (in, t, g) -> {
      double s = Math.sqrt(in[0] + 0.01);
      g[0] = 0.5 / s;
      return 1e-3 * s;
    };
    Circuit c = Circuit.builder("sqrt").add(new VoltageSource("v1", "in", "0",
            new Waveform.Pwl(new double[] {0, 1e-3}, new double[] {1, -1})))
        .add(new Resistor("r1", "in", "a", 1e3)).add(new Capacitor("c1", "a", "0", 1e-9))
        .add(new BehavioralSource("b1", "a", "0", false, List.of(BehavioralSource.Probe.voltage("a")), sqrt,
            "1m*sqrt(V(a))"))
        .build();
    assertThatThrownBy(() -> new TransientAnalysis(1e-6, 1e-3).run(new MnaSystem(c), List.of()))
        .isInstanceOfSatisfying(ConvergenceException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(3);
          assertThat(e.time()).isBetween(0.3e-3, 0.7e-3);
          assertThat(e.worstNode()).isEqualTo("v(a)");
          assertThat(e.getMessage()).contains("v(a)").doesNotContain("NaN s");
        });
  }

  @Test
  void floatingNodeIsNamed() {
    assertThatThrownBy(() -> Circuit.builder("floating").add(new VoltageSource("v1", "a", "0", 1))
            .add(new Resistor("r1", "a", "0", 1e3)).add(new Resistor("r2", "b", "c", 1e3)).build())
        .isInstanceOf(NeuristorException.class).hasMessageContaining("floating").hasMessageContaining("b")
        .hasMessageContaining("c");
  }

  @Test
  void voltageSourceLoopIsNamed() {
    assertThatThrownBy(() -> Circuit.builder("loop").add(new VoltageSource("v1", "a", "0", 1))
            .add(new VoltageSource("v2", "a", "0", 2)).add(new Resistor("r1", "a", "0", 1e3)).build())
        .isInstanceOf(NeuristorException.class).hasMessageContaining("loop").hasMessageContaining("v2");
  }

  @Test
  void capacitorOnlyNodeGetsAnOperatingPointWithAWarning() {
    Circuit c = Circuit.builder("cap only").add(new VoltageSource("v1", "a", "0", 1))
        .add(new Capacitor("c1", "a", "b", 1e-9)).add(new Capacitor("c2", "b", "0", 1e-9)).build();
    OperatingPoint.Result r = OperatingPoint.solve(new MnaSystem(c));
    assertThat(r.warnings()).anyMatch(w -> w.contains("shunt"));
  }
}
