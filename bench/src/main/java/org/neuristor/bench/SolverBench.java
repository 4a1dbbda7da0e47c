package org.neuristor.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.Simulation;
import org.neuristor.netlist.CircuitCompiler;

/**
 * Sparse solvers side by side on large linear circuits: our KLU-style LU (minimum-degree ordering,
 * numeric refactorization) against EJML's up-looking LU inside the same transient engine, and
 * ngspice (KLU-less Sparse 1.3) on the same netlist. Run: {@code java -jar benchmarks.jar solvers}.
 */
public final class SolverBench {
  private SolverBench() {}

  /** A rows x cols RC mesh (1 kOhm between neighbours, 1 pF to ground at every node), driven at a corner. */
  static String mesh(int rows, int cols) {
    StringBuilder sb = new StringBuilder("RC mesh\nv1 in 0 pwl(0 0 1n 1)\nrin in n0_0 1k\n");
    int k = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        String a = "n" + i + "_" + j;
        if (j + 1 < cols) {
          sb.append("rh").append(k).append(' ').append(a).append(" n").append(i).append('_').append(j + 1)
              .append(" 1k\n");
        }
        if (i + 1 < rows) {
          sb.append("rv").append(k).append(' ').append(a).append(" n").append(i + 1).append('_').append(j)
              .append(" 1k\n");
        }
        sb.append("c").append(k).append(' ').append(a).append(" 0 1p\n");
        k++;
      }
    }
    return sb.append(".tran 1n 2u\n.save v(n").append(rows - 1).append('_').append(cols - 1).append(")\n.end\n")
        .toString();
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("RC ladder 1,000 sections", BenchMain.ladder(1000));
    cases.put("RC mesh 30x30", mesh(30, 30));
    cases.put("RC mesh 60x60", mesh(60, 60));
    System.out.printf(Locale.ROOT, "%-26s %12s %12s %12s %10s %10s%n", "case", "ours (s)", "EJML LU (s)", "ngspice (s)",
        "EJML/ours", "ng/ours");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      double ours = best(c.getValue(), "klu");
      double ejml = best(c.getValue(), "ejml");
      double ng = Double.POSITIVE_INFINITY;
      for (int i = 0; i < 3; i++) {
        Optional<Double> t = NgspiceRunner.time(c.getValue(), 600);
        ng = t.isEmpty() ? Double.NaN : Math.min(ng, t.get());
      }
      System.out.printf(Locale.ROOT, "%-26s %12.3f %12.3f %12.3f %9.2fx %9.2fx%n", c.getKey(), ours, ejml, ng,
          ejml / ours, ng / ours);
    }
  }

  private static double best(String netlist, String solver) {
    System.setProperty("neuristor.sparse", solver);
    try {
      double best = Double.POSITIVE_INFINITY;
      for (int i = 0; i < 6; i++) {
        long t0 = System.nanoTime();
        CircuitCompiler.Compiled c = CircuitCompiler.compile(netlist, "bench.cir");
        for (Analysis a : c.analyses()) {
          Simulation.run(c.circuit(), a, c.saves(), null);
        }
        double t = (System.nanoTime() - t0) / 1e9;
        if (i >= 2) {
          best = Math.min(best, t);
        }
      }
      return best;
    } finally {
      System.clearProperty("neuristor.sparse");
    }
  }
}
