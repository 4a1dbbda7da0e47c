package org.neuristor.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.MnaSystem;
import org.neuristor.circuit.TransientAnalysis;
import org.neuristor.circuit.element.Capacitor;
import org.neuristor.netlist.CircuitCompiler;

/**
 * physics.md T14: in every library circuit, the energy delivered by the sources equals the energy
 * dissipated (resistors and devices) plus the change of stored energy, to 1e-6 relative, and the
 * stored energy is the change of C v^2 / 2.
 */
class EnergyBalanceTest {

  /**
   * Every circuit of the library, so that a circuit added later is checked too (T14: every circuit). yi-mixed, whose
   * input capacitor sits straight on the input source, missed by 2.6e-6 while the ledger counted the backward-Euler
   * steps after each breakpoint with the trapezoidal charge.
   */
  static List<String> circuits() {
    return NeuronLibrary.all().stream().map(NeuronCircuit::name).toList();
  }

  @ParameterizedTest
  @MethodSource("circuits")
  void sourcesEqualDissipationPlusStoredEnergy(String name) {
    NeuronCircuit c = NeuronLibrary.get(name);
    // The identity is exact up to the Newton tolerance: at reltol 1e-4 it holds to rounding (1e-15 to 5e-14 in
    // round 19; the default 1e-3 leaves up to 4.5e-11), far inside T14's 1e-6. Before round 19 the first steps
    // after each breakpoint were counted with the wrong charge: 4e-7 (wang) to 5e-8 (lif), 2.6e-6 for yi-mixed.
    String net = c.netlist(Map.of(), null).replace(".end\n", ".options method=trap reltol=1e-4\n.end\n");
    CircuitCompiler.Compiled cc = CircuitCompiler.compile(net, name + ".cir");
    Analysis.Tran tr = (Analysis.Tran) cc.analyses().get(0);
    MnaSystem sys = new MnaSystem(cc.circuit());
    TransientAnalysis.Result r = new TransientAnalysis(tr.tstep(), tr.tstop(), tr.tstart(), tr.tmax(), tr.uic())
        .energyAccounting(true).run(sys, List.of());
    TransientAnalysis.EnergyBalance e = r.energy();
    assertThat(e.delivered()).isPositive();
    assertThat(e.relativeError()).isLessThan(1e-12);
    double[] x0 = new double[sys.size()];
    if (tr.uic()) {
      cc.circuit().initialConditions().forEach((node, v) -> x0[sys.node(node)] = v);
    } else {
      System.arraycopy(org.neuristor.circuit.OperatingPoint.solve(new MnaSystem(cc.circuit())).x(), 0, x0, 0, x0.length);
    }
    double stored = 0;
    for (var el : cc.circuit().elements()) {
      if (el instanceof Capacitor cap) {
        stored += cap.energy(r.finalState()) - cap.energy(x0);
      }
    }
    assertThat(e.storedChange()).isCloseTo(stored, org.assertj.core.data.Offset.offset(1e-9 * e.delivered()));
  }
}
