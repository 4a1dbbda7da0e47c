package org.neuristor.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Side-by-side speed comparison with ngspice on the same netlists, in one run:
 * {@code java -jar bench/target/benchmarks.jar [--quick] [--runs R]} (from the repository root, after
 * {@code mvn package}). For each case both tools run as whole processes, alternated run by run (medians):
 * one {@code ./neuristor run} against {@code ngspice -b FILE -r RAW}, or for an f-V case one
 * {@code ./neuristor sweep} on all cores against one ngspice batch process per level, as many at a time as
 * there are cores; the ratio is whole process against whole process. Next to it, labelled warm, the
 * in-process time of the JIT-compiled simulation ({@link WholeProcess#table}). Cases: the relaxation
 * oscillator, an RC ladder, the 1 ms B-source 1TS-1C neuron, its 10-level f-V sweep and (without
 * {@code --quick}) its 200-level f-V sweep. {@code fv-warm [N]} prints only the warm in-process f-V figure;
 * {@code warm [CASE]} prints the warm in-process thread CPU of one netlist ({@link WarmRun});
 * {@code startup}, {@code single} and {@code fv [N]} compare one case ({@link WholeProcess}), {@code jmh ...}
 * runs the JMH benchmarks, {@code network ...} the spiking-network comparison with Brian2
 * ({@link NetworkComparison}).
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

  /** What {@code java -jar benchmarks.jar --help} prints. */
  static final String USAGE = String.join("\n",
      "usage: java -jar bench/target/benchmarks.jar [CASE] [OPTIONS]   (from the repository root)",
      "  (no case) [--quick] [--runs R]  every circuit case: whole processes of ./neuristor and ngspice, alternated,",
      "                                   the warm in-process figure next to each (--quick: no 200-level f-V)",
      "  single | startup | fv [N]        one case: a run of the 1 ms netlist, --version, an N-level f-V sweep",
      "  warm [CASE]                      warm in-process thread CPU of a netlist (reference, oscillator, ladder, FILE)",
      "  fv-warm [N]                      the warm in-process N-level f-V sweep only",
      "  network [--cli-only] [--runs R]  COBA against Brian2 cpp_standalone (docs/network-performance.md)",
      "  crossbar ... | mc ... | quiet ... | solvers ... | jmh ...   the other benches (see docs/speed-history.md)");

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
      System.out.println(USAGE);
      return;
    }
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
    if (args.length > 0 && args[0].equals("quiet")) {
      QuietRun.main(java.util.Arrays.copyOfRange(args, 1, args.length)); // a long silent network run, per window
      return;
    }
    if (args.length > 0 && args[0].equals("warm")) {
      WarmRun.main(java.util.Arrays.copyOfRange(args, 1, args.length)); // thread CPU of warm in-process runs
      return;
    }
    if (args.length > 0 && List.of("startup", "single", "fv").contains(args[0])) {
      WholeProcess.main(args); // whole processes of both tools, alternated
      return;
    }
    for (int i = args.length > 0 && args[0].equals("fv-warm") ? 1 : 0; i < args.length; i++) {
      boolean ok = args[i].equals("--quick") || args[i].equals("--runs") && i + 1 < args.length
          && args[++i].matches("\\d+") || i == 1 && args[0].equals("fv-warm") && args[i].matches("\\d+");
      if (!ok) {
        System.err.println("benchmarks: unknown argument '" + args[i] + "'\n" + USAGE);
        System.exit(2);
      }
    }
    boolean quick = List.of(args).contains("--quick");
    int runs = List.of(args).contains("--runs") ? Integer.parseInt(args[List.of(args).indexOf("--runs") + 1])
        : quick ? 3 : 5;
    String reference = WholeProcess.referenceNetlist(2.0);
    if (args.length > 0 && args[0].equals("fv-warm")) {
      // only the warm in-process f-V figure (all levels in parallel on all cores)
      int levels = args.length > 1 && args[1].matches("\\d+") ? Integer.parseInt(args[1]) : 50;
      System.out.printf(Locale.ROOT, "1TS-1C f-V, %d levels, warm in-process on %d cores (not a whole process):"
          + " %.3f s (load average %s)%n", levels, Runtime.getRuntime().availableProcessors(),
          WholeProcess.warmFv(reference, levels), SweepScaling.loadAverage());
      return;
    }
    List<WholeProcess.Case> cases = new ArrayList<>();
    cases.add(new WholeProcess.Case(quick ? "oscillator 1,000 periods" : "oscillator 10,000 periods",
        oscillator(quick ? 1000 : 10_000), 0));
    cases.add(new WholeProcess.Case("RC ladder 1,000 sections", ladder(1000), 0));
    cases.add(new WholeProcess.Case("1TS-1C 1 ms, one run", reference, 0));
    cases.add(new WholeProcess.Case("1TS-1C f-V, 10 levels", reference, 10));
    if (!quick) {
      cases.add(new WholeProcess.Case("1TS-1C f-V, 200 levels", reference, 200));
    }
    WholeProcess.table(cases, runs);
  }
}
