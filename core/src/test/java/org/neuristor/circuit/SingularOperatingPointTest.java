package org.neuristor.circuit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuristor.NeuristorException;
import org.neuristor.netlist.CircuitCompiler;

/**
 * Issue 17 item 8: an operating point that only the convergence shunt holds is refused, as ngspice
 * refuses it ("singular matrix"), instead of reporting v = I / gmin = 1e9 V with a warning.
 */
class SingularOperatingPointTest {
  static Analysis.Outcome op(String netlist) {
    CircuitCompiler.Compiled c = CircuitCompiler.compile(netlist, "t.cir");
    return Simulation.run(c.circuit(), c.analyses().get(0), List.of(), null);
  }

  @Test
  void currentSourceIntoACapacitorIsSingular() {
    assertThatThrownBy(() -> op("icap\ni1 0 a 1m\nc1 a 0 1u\n.op\n.end\n"))
        .isInstanceOf(NeuristorException.class).hasMessageContaining("singular circuit: v(a)")
        .satisfies(e -> assertThat(((NeuristorException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void aDividerWhoseConductancesCancelIsSingular() {
    assertThatThrownBy(() -> op("negdiv\nv1 a 0 1\nr1 a b 1k\nr2 b 0 -1k\n.op\n.end\n"))
        .isInstanceOf(NeuristorException.class).hasMessageContaining("singular circuit: v(b)");
  }

  @Test
  void aCapacitiveDividerNodeStillSolvesWithAWarning() {
    // no current flows into the floating node: its voltage does not depend on the shunt
    Analysis.Outcome o = op("capfloat\nv1 a 0 1\nc1 a b 1u\nc2 b 0 1u\n.op\n.end\n");
    assertThat(o.trace().get("v(b)")[0]).isEqualTo(0.0);
    assertThat(o.warnings()).anyMatch(w -> w.contains("shunt"));
  }
}
