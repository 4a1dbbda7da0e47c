package org.neuristor.cli;

import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.Circuit;
import org.neuristor.circuit.MnaSystem;
import org.neuristor.circuit.Simulation;
import org.neuristor.netlist.CircuitCompiler;

/**
 * Before a single run's transient on the sparse solver: a miniature transient on the same code path (an RC ladder
 * of 6 sections on the sparse LU, 250 steps), so that the JIT compiles the step loop's methods before the real run
 * instead of during it. A method of that loop runs once per step over every unknown; the client compiler compiles
 * it after 100-200 calls or 60,000 loop iterations, so a circuit of 1,000 unknowns ran its first ~60 steps in the
 * interpreter (a third of the cold transient's CPU for the 1,000-section RC ladder). The miniature reaches those
 * call counts in a few milliseconds. It shares nothing with the real run (its own circuit, system and trace), so
 * results are unchanged.
 */
final class SparseWarmUp {
  private SparseWarmUp() {}

  /** The miniature: a 6-section RC ladder driven by a PWL step, 250 steps of at most 1 us. */
  private static final String LADDER;

  static {
    StringBuilder sb = new StringBuilder("warm-up\nv1 n0 0 pwl(0 0 1n 1)\n");
    for (int k = 1; k <= 6; k++) {
      sb.append('r').append(k).append(" n").append(k - 1).append(" n").append(k).append(" 1k\n");
      sb.append('c').append(k).append(" n").append(k).append(" 0 1n\n");
    }
    LADDER = sb.append(".tran 1u 250u\n.save v(n6)\n.end\n").toString();
  }

  /** Whether {@code c} runs a transient on the sparse solver (the only runs the miniature serves). */
  static boolean serves(CircuitCompiler.Compiled c) {
    return !MnaSystem.denseSolver(c.circuit().options(), c.unknowns())
        && c.analyses().stream().anyMatch(a -> a instanceof Analysis.Tran);
  }

  /** Runs the miniature on the sparse solver (its result is dropped). */
  static void run() {
    CircuitCompiler.Compiled c = CircuitCompiler.compile(LADDER, "warm-up.cir");
    Circuit sparse = c.circuit().withOptions(c.circuit().options().withDense(false));
    Simulation.run(sparse, c.analyses().get(0), c.saves(), null);
  }
}
