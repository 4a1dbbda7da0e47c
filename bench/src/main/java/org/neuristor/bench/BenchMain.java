package org.neuristor.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.neuristor.circuit.Analysis;
import org.neuristor.circuit.Simulation;
import org.neuristor.netlist.CircuitCompiler;

/**
 * Side-by-side speed comparison with ngspice on the same netlists, in one run:
 * {@code java -jar bench/target/benchmarks.jar [--quick]}. For each case Neuristor compiles and
 * runs the netlist in-process (best of 5 after three warm-up runs; the first is reported as "cold"),
 * and ngspice runs it in batch mode (best of 5, process start included). Prints a table and the
 * ngspice/Neuristor time ratio, labelled as warm in-process against whole ngspice processes;
 * {@code startup}, {@code single} and {@code fv [N]} compare whole processes of both tools instead
 * ({@link WholeProcess}), {@code jmh ...} runs the JMH benchmarks, {@code network ...} the spiking-network
 * comparison with Brian2 ({@link NetworkComparison}).
 */
public final class BenchMain {
  private BenchMain() {}

  /** The relaxation oscillator of the foundation issue, for {@code periods} periods of 4.156 us. */
  static String oscillator(int periods) {
    return "relaxation oscillator (ngspice S switch)\nv1 in 0 5\nr1 in c 10k\nc1 c 0 1n\ns1 c d c 0 swm\n"
        + "rd d 0 100\n.model swm sw (vt=2.5 vh=0.5 ron=1 roff=1e12)\n.ic v(c)=0\n"
        + String.format(Locale.ROOT, ".tran 10n %.6gu uic\n", periods * 4.156) + ".save v(c)\n.end\n";
  }

  /** RC ladder with n sections (1 kOhm, 1 nF), 1 V step, 1 ms. */
  static String ladder(int n) {
    StringBuilder sb = new StringBuilder("RC ladder\nv1 n0 0 pwl(0 0 1n 1)\n");
    for (int k = 1; k <= n; k++) {
      sb.append("r").append(k).append(" n").append(k - 1).append(" n").append(k).append(" 1k\n");
      sb.append("c").append(k).append(" n").append(k).append(" 0 1n\n");
    }
    return sb.append(".tran 1u 1m\n.save v(n").append(n).append(")\n.end\n").toString();
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("jmh")) {
      String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
      org.openjdk.jmh.Main.main(rest);
      return;
    }
    if (args.length > 0 && args[0].equals("solvers")) {
      SolverBench.main(args);
      return;
    }
    if (args.length > 0 && args[0].equals("network")) {
      NetworkComparison.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("crossbar")) {
      CrossbarReadBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("mc")) {
      PickettMonteCarlo.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && List.of("startup", "single", "fv").contains(args[0])) {
      WholeProcess.main(args); // whole processes of both tools, alternated
      return;
    }
    // "fv-warm": only the in-process 1TS-1C f-V case
    boolean quick = List.of(args).contains("--quick");
    boolean fvOnly = args.length > 0 && args[0].equals("fv-warm");
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put(quick ? "oscillator 1,000 periods" : "oscillator 10,000 periods", oscillator(quick ? 1000 : 10_000));
    cases.put("RC ladder 1,000 sections", ladder(1000));
    List<String[]> rows = new ArrayList<>();
    if (fvOnly) {
      cases.clear();
    }
    for (Map.Entry<String, String> c : cases.entrySet()) {
      double cold = runNeuristor(c.getValue());
      for (int i = 0; i < 2; i++) {
        runNeuristor(c.getValue()); // JIT warm-up
      }
      double best = Double.POSITIVE_INFINITY;
      for (int i = 0; i < 5; i++) {
        best = Math.min(best, runNeuristor(c.getValue()));
      }
      double ng = Double.POSITIVE_INFINITY;
      for (int i = 0; i < 5; i++) {
        Optional<Double> t = NgspiceRunner.time(c.getValue(), 600);
        if (t.isEmpty()) {
          ng = Double.NaN;
          break;
        }
        ng = Math.min(ng, t.get());
      }
      rows.add(new String[] {c.getKey(), fmt(cold), fmt(best), fmt(ng),
          Double.isNaN(ng) ? "n/a" : String.format(Locale.ROOT, "%.2fx", ng / best)});
      System.err.println("done: " + c.getKey());
    }
    // f-V curve of the 1TS-1C neuron over 50 input levels: the same B-source netlists; Neuristor runs
    // them in parallel on all cores in-process, ngspice one batch process after another.
    List<String> fv = fvNetlists(quick ? 10 : 50);
    fv.parallelStream().forEach(BenchMain::runNeuristor); // warm-up
    double bestFv = Double.POSITIVE_INFINITY;
    for (int rep = 0; rep < 3; rep++) {
      long t0 = System.nanoTime();
      fv.parallelStream().forEach(BenchMain::runNeuristor);
      bestFv = Math.min(bestFv, (System.nanoTime() - t0) / 1e9);
    }
    // ngspice as one batch process per level, as many at a time as there are cores (ours uses all cores too)
    int cores = Runtime.getRuntime().availableProcessors();
    double ngFvPar;
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(cores);
    long t0 = System.nanoTime();
    boolean ok = pool.submit(() -> fv.parallelStream().allMatch(net -> NgspiceRunner.time(net, 600).isPresent()))
        .get();
    ngFvPar = ok ? (System.nanoTime() - t0) / 1e9 : Double.NaN;
    pool.shutdown();
    rows.add(new String[] {"1TS-1C f-V, " + fv.size() + " levels*", "", fmt(bestFv), fmt(ngFvPar),
        Double.isNaN(ngFvPar) ? "n/a" : String.format(Locale.ROOT, "%.2fx", ngFvPar / bestFv)});
    System.out.printf(Locale.ROOT, "%-28s %12s %12s %12s %10s%n", "case", "neuristor", "neuristor", "ngspice",
        "ratio");
    System.out.printf(Locale.ROOT, "%-28s %12s %12s %12s %10s%n", "", "cold (s)", "warm (s)", "batch (s)",
        "ng/warm");
    for (String[] r : rows) {
      System.out.printf(Locale.ROOT, "%-28s %12s %12s %12s %10s%n", (Object[]) r);
    }
    System.out.printf(Locale.ROOT, "load average %s. Neuristor figures are in-process (cold = first run in this JVM,"
        + " warm = JIT-compiled), ngspice's whole batch processes.%n* both on %d cores: Neuristor in-process in"
        + " parallel, ngspice as %d batch processes at a time. Whole-process comparisons: startup, single, fv.%n",
        SweepScaling.loadAverage(), cores, cores);
  }

  /** The B-source 1TS-1C neuron of physics.md 4.1 at n input voltages from 1.2 to 4 V. */
  static List<String> fvNetlists(int n) throws java.io.IOException {
    String base;
    try (java.io.InputStream in = BenchMain.class.getResourceAsStream("/bench/ts_1ts1c_bsource.cir")) {
      base = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    List<String> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      double v = 1.2 + (4.0 - 1.2) * k / (n - 1);
      out.add(base.replace("vin in 0 2", String.format(Locale.ROOT, "vin in 0 %.6f", v)));
    }
    return out;
  }

  private static double runNeuristor(String netlist) {
    long t0 = System.nanoTime();
    CircuitCompiler.Compiled c = CircuitCompiler.compile(netlist, "bench.cir");
    for (Analysis a : c.analyses()) {
      Simulation.run(c.circuit(), a, c.saves(), null);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static String fmt(double s) {
    return Double.isNaN(s) ? "n/a" : String.format(Locale.ROOT, "%.3f", s);
  }
}
