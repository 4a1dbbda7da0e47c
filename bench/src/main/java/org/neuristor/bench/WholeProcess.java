package org.neuristor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Whole-process comparisons with ngspice, as a user runs both tools: every figure is the wall time of whole
 * processes (start-up, parsing, simulation and output included), the two tools alternated run by run so that
 * a machine whose speed drifts favours neither, medians reported. Run from the repository root after
 * {@code mvn package}:
 *
 * <ul>
 *   <li>{@code java -jar bench/target/benchmarks.jar startup}: {@code ./neuristor --version};
 *   <li>{@code java -jar bench/target/benchmarks.jar single}: one {@code ./neuristor run} of the 1 ms B-source
 *       1TS-1C netlist ({@code .tran 1n 1m 0 20n}, CSV of every accepted point written, no plot) against
 *       {@code ngspice -b} on the same file writing its rawfile;
 *   <li>{@code java -jar bench/target/benchmarks.jar fv [N]}: an N-level f-V sweep of that netlist
 *       ({@code ./neuristor sweep}, all cores) against N ngspice batch processes, as many at a time as there
 *       are cores.
 * </ul>
 * Options: {@code --runs R} (default 5 pairs). The load average is printed with every table: on a shared
 * machine only the ratios of one run are meaningful.
 */
public final class WholeProcess {
  private WholeProcess() {}

  /** The reference netlist: the bench's B-source 1TS-1C neuron for 1 ms with a 20 ns maximum step. */
  static String referenceNetlist(double vin) throws IOException {
    String base;
    try (java.io.InputStream in = WholeProcess.class.getResourceAsStream("/bench/ts_1ts1c_bsource.cir")) {
      base = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return base.replace("vin in 0 2", String.format(Locale.ROOT, "vin in 0 %.6f", vin))
        .replaceAll("(?m)^\\.tran .*$", ".tran 1n 1m 0 20n");
  }

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "single";
    int runs = 5;
    int levels = 10;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--runs")) {
        runs = Integer.parseInt(args[++i]);
      } else {
        levels = Integer.parseInt(args[i]);
      }
    }
    Path launcher = Path.of("neuristor").toAbsolutePath();
    if (!Files.isExecutable(launcher)) {
      throw new IllegalStateException("run from the repository root (./neuristor not found)");
    }
    Path tmp = Files.createTempDirectory("neuristor-whole");
    try {
      switch (mode) {
        case "startup" -> startup(launcher, runs);
        case "single" -> single(launcher, tmp, runs);
        case "fv" -> fv(launcher, tmp, levels, Math.max(1, runs / 2));
        default -> throw new IllegalArgumentException("mode must be startup, single or fv: " + mode);
      }
    } finally {
      try (Stream<Path> w = Files.walk(tmp)) {
        w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** One case of the default table: a netlist run once ({@code levels == 0}) or an f-V sweep of it. */
  record Case(String name, String netlist, int levels) {}

  /**
   * The default table ({@code java -jar bench/target/benchmarks.jar [--quick] [--runs R]}): for every case the
   * whole-process times of both tools, alternated run by run (medians), their ratio, and next to them the warm
   * in-process time of ours (JIT-compiled, no output; labelled warm, not a whole process). A single netlist is
   * one {@code ./neuristor run} (CSV written, no plot) against {@code ngspice -b FILE -r RAW}; an f-V case is
   * one {@code ./neuristor sweep} on all cores against one ngspice batch process per level, as many at a time
   * as there are cores.
   */
  static void table(List<Case> cases, int runs) throws Exception {
    Path launcher = Path.of("neuristor").toAbsolutePath();
    if (!Files.isExecutable(launcher)) {
      throw new IllegalStateException("run from the repository root (./neuristor not found)");
    }
    int cores = Runtime.getRuntime().availableProcessors();
    boolean peer = ngspiceAvailable();
    Path tmp = Files.createTempDirectory("neuristor-whole");
    List<String> lines = new ArrayList<>();
    try {
      for (Case c : cases) {
        Path dir = Files.createDirectories(tmp.resolve("case" + lines.size()));
        double[] a;
        double[] b;
        double warm;
        if (c.levels() == 0) {
          Path cir = dir.resolve("case.cir");
          Files.writeString(cir, c.netlist());
          List<String> ours = List.of(launcher.toString(), "run", cir.toString(), "--out", dir.resolve("out").toString(),
              "--no-plot");
          List<String> ng = List.of("ngspice", "-b", cir.toString(), "-r", dir.resolve("ng.raw").toString());
          time(ours, null); // builds the jar if needed, fills the page cache
          a = new double[runs];
          b = new double[runs];
          for (int r = 0; r < runs; r++) {
            a[r] = time(ours, null);
            b[r] = peer ? time(ng, dir.toFile()) : Double.NaN;
          }
          warm = warmSingle(c.netlist());
        } else {
          int pairs = c.levels() > 50 ? 1 : Math.max(1, runs / 2);
          List<Path> ngNets = fvFiles(dir, c.netlist(), c.levels());
          a = new double[pairs];
          b = new double[pairs];
          time(sweepCommand(launcher, dir, "warm-up"), null);
          for (int r = 0; r < pairs; r++) {
            a[r] = time(sweepCommand(launcher, dir, "sweep" + r), null);
            b[r] = peer ? parallelNgspice(ngNets, cores) : Double.NaN;
          }
          warm = warmFv(c.netlist(), c.levels());
        }
        double ours = median(a);
        double ng = median(b);
        lines.add(String.format(Locale.ROOT, "%-30s %10.3f %10s %9s %12.3f", c.name() + (c.levels() > 0 ? "*" : ""),
            ours, Double.isNaN(ng) ? "n/a" : String.format(Locale.ROOT, "%.3f", ng),
            Double.isNaN(ng) ? "n/a" : String.format(Locale.ROOT, "%.2fx", ng / ours), warm));
        System.err.println("done: " + c.name() + " (" + a.length + " pairs)");
      }
    } finally {
      try (Stream<Path> w = Files.walk(tmp)) {
        w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.out.printf(Locale.ROOT, "%-30s %10s %10s %9s %12s%n", "case", "neuristor", "ngspice", "ratio", "neuristor");
    System.out.printf(Locale.ROOT, "%-30s %10s %10s %9s %12s%n", "", "whole (s)", "whole (s)", "ng/ours",
        "warm (s)**");
    lines.forEach(System.out::println);
    System.out.printf(Locale.ROOT, "load average %s; whole processes of both tools alternated run by run, medians of"
        + " %d pairs (f-V: %d, over 50 levels: 1); single runs write their output (CSV / rawfile).%n"
        + "* f-V: one ./neuristor sweep on %d cores vs one ngspice -b per level, %d at a time.%n"
        + "** warm: in-process, JIT-compiled, no output (best of 5 after 5 warm-ups; f-V: all levels in parallel on"
        + " %d cores, best of 3); not a whole process.%n", SweepScaling.loadAverage(), runs, Math.max(1, runs / 2),
        cores, cores, cores);
  }

  /** {@code ./neuristor sweep} of the f-V spec in {@code dir}, results to {@code dir/name}. */
  private static List<String> sweepCommand(Path launcher, Path dir, String name) {
    return List.of(launcher.toString(), "sweep", dir.resolve("fv.yaml").toString(), "--out",
        dir.resolve(name).toString(), "--no-plot");
  }

  /**
   * Writes the f-V sweep of {@code netlist} (input levels 1.2-4 V on its line {@code vin in 0 V}) into {@code dir}: the
   * spec {@code fv.yaml} with its netlist {@code fv.cir} for ours, and one netlist per level for ngspice
   * (returned).
   */
  static List<Path> fvFiles(Path dir, String netlist, int levels) throws IOException {
    String param = netlist.replaceAll(VIN, "vin in 0 {vin}").replace(".param vth=1", ".param vin=2 vth=1");
    Files.writeString(dir.resolve("fv.cir"), param);
    Files.writeString(dir.resolve("fv.yaml"), "name: fv\njob:\n  type: run\n  netlist: fv.cir\nparameters:\n"
        + "  vin: {grid: [1.2, 4.0, " + levels + "]}\nresults: [rate:v(x)]\n");
    List<Path> ngNets = new ArrayList<>();
    for (int k = 0; k < levels; k++) {
      Path p = dir.resolve("ng" + k + ".cir");
      Files.writeString(p, netlist.replaceAll(VIN, String.format(Locale.ROOT, "vin in 0 %.6f", fvLevel(k, levels))));
      ngNets.add(p);
    }
    return ngNets;
  }

  /** The input source line of the 1TS-1C netlists. */
  private static final String VIN = "(?m)^vin in 0 \\S+$";

  /** Input level k of n, 1.2 to 4 V. */
  static double fvLevel(int k, int n) {
    return 1.2 + (4.0 - 1.2) * k / Math.max(1, n - 1);
  }

  private static void startup(Path launcher, int runs) throws Exception {
    double[] ours = new double[runs];
    for (int r = 0; r < runs + 1; r++) {
      double t = time(List.of(launcher.toString(), "--version"), null);
      if (r > 0) {
        ours[r - 1] = t; // the first run may build the jar
      }
    }
    header("startup");
    row("./neuristor --version", median(ours), Double.NaN);
  }

  private static void single(Path launcher, Path tmp, int runs) throws Exception {
    Path cir = tmp.resolve("ref.cir");
    Files.writeString(cir, referenceNetlist(2.0));
    List<String> ours = List.of(launcher.toString(), "run", cir.toString(), "--out", tmp.resolve("out").toString(),
        "--no-plot");
    List<String> ng = List.of("ngspice", "-b", cir.toString(), "-r", tmp.resolve("ng.raw").toString());
    time(ours, null); // builds the jar if needed, fills the page cache
    boolean peer = ngspiceAvailable();
    double[] a = new double[runs];
    double[] b = new double[runs];
    for (int r = 0; r < runs; r++) {
      a[r] = time(ours, null);
      b[r] = peer ? time(ng, tmp.toFile()) : Double.NaN;
    }
    double warm = warmSingle(referenceNetlist(2.0));
    header("one run of the 1 ms B-source 1TS-1C netlist (.tran 1n 1m 0 20n), output written");
    row("whole process: neuristor run / ngspice -b", median(a), median(b));
    System.out.printf(Locale.ROOT, "%-52s %9.3f   (in-process, JIT warm, no output; not a whole process)%n",
        "warm in-process simulation", warm);
  }

  private static void fv(Path launcher, Path tmp, int levels, int runs) throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    Path dir = tmp.resolve("fv");
    Files.createDirectories(dir);
    List<Path> ngNets = fvFiles(dir, referenceNetlist(2.0), levels);
    boolean peer = ngspiceAvailable();
    // untimed, as in the table and `single`: the first sweep after a build makes the sweeps' start-up archive
    // (~10 s here), which the median of two pairs would otherwise average into the sweep's time
    time(sweepCommand(launcher, dir, "warm-up"), null);
    double[] a = new double[runs];
    double[] b = new double[runs];
    for (int r = 0; r < runs; r++) {
      a[r] = time(sweepCommand(launcher, dir, "sweep" + r), null);
      b[r] = peer ? parallelNgspice(ngNets, cores) : Double.NaN;
    }
    header(levels + "-level f-V sweep of the 1 ms netlist, " + cores + " cores");
    row("whole process: neuristor sweep / " + levels + " ngspice -b, " + cores + " at a time", median(a),
        median(b));
    System.out.println("(ngspice keeps its results in memory; the sweep writes one CSV row of results per level)");
  }

  private static double parallelNgspice(List<Path> nets, int cores) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(cores);
    try {
      long t0 = System.nanoTime();
      List<Future<Double>> fs = new ArrayList<>();
      for (Path p : nets) {
        // batch run through a .control driver that keeps the results in memory (ngspice -b without a rawfile
        // or .print does not simulate)
        fs.add(pool.submit(() -> NgspiceRunner.time(Files.readString(p), 600).orElseThrow(
            () -> new IllegalStateException("ngspice failed on " + p))));
      }
      for (Future<Double> f : fs) {
        f.get();
      }
      return (System.nanoTime() - t0) / 1e9;
    } finally {
      pool.shutdown();
    }
  }

  /** Best of 5 warm in-process runs of a netlist (after 5 warm-up runs), seconds. */
  static double warmSingle(String netlist) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < 10; i++) {
      double s = simulate(netlist);
      if (i >= 5) {
        best = Math.min(best, s);
      }
    }
    return best;
  }

  /**
   * Best of 3 warm in-process runs of all {@code levels} f-V netlists in parallel on all cores (after one
   * warm-up round), seconds.
   */
  static double warmFv(String netlist, int levels) {
    List<String> nets = new ArrayList<>();
    for (int k = 0; k < levels; k++) {
      nets.add(netlist.replaceAll(VIN, String.format(Locale.ROOT, "vin in 0 %.6f", fvLevel(k, levels))));
    }
    nets.parallelStream().forEach(WholeProcess::simulate);
    double best = Double.POSITIVE_INFINITY;
    for (int rep = 0; rep < 3; rep++) {
      long t0 = System.nanoTime();
      nets.parallelStream().forEach(WholeProcess::simulate);
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
    }
    return best;
  }

  /** Compiles and runs every analysis of a netlist in this JVM, no output; wall seconds. */
  static double simulate(String netlist) {
    long t0 = System.nanoTime();
    org.neuristor.netlist.CircuitCompiler.Compiled c = org.neuristor.netlist.CircuitCompiler.compile(netlist,
        "bench.cir");
    for (org.neuristor.circuit.Analysis a : c.analyses()) {
      org.neuristor.circuit.Simulation.run(c.circuit(), a, c.saves(), null);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static boolean ngspiceAvailable() {
    boolean ok = NgspiceRunner.defaults().version().isPresent();
    if (!ok) {
      System.err.println("ngspice not installed: peer column is n/a");
    }
    return ok;
  }

  /** Wall time of one process (seconds); throws when it fails. */
  static double time(List<String> cmd, java.io.File dir) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    if (dir != null) {
      pb.directory(dir);
    }
    pb.environment().put("NEURISTOR_NO_PROGRESS", "1");
    long t0 = System.nanoTime();
    int code = pb.start().waitFor();
    double s = (System.nanoTime() - t0) / 1e9;
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed with exit " + code);
    }
    return s;
  }

  static double median(double[] v) {
    return quantile(v, 0.5);
  }

  /** The {@code q} quantile of {@code v} (0: min, 1: max), interpolated linearly between order statistics. */
  static double quantile(double[] v, double q) {
    if (v.length == 0 || !(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile " + q + " of " + v.length + " values");
    }
    double[] s = v.clone();
    Arrays.sort(s);
    double p = q * (s.length - 1);
    int lo = (int) Math.floor(p);
    int hi = (int) Math.ceil(p);
    return lo == hi ? s[lo] : s[lo] + (p - lo) * (s[hi] - s[lo]);
  }

  private static void header(String what) {
    System.out.printf(Locale.ROOT, "%s (load average %s)%n", what, SweepScaling.loadAverage());
    System.out.printf(Locale.ROOT, "%-52s %9s %9s %9s%n", "case", "ours (s)", "ngspice", "ng/ours");
  }

  private static void row(String name, double ours, double ng) {
    System.out.printf(Locale.ROOT, "%-52s %9.3f %9s %9s%n", name, ours,
        Double.isNaN(ng) ? "n/a" : String.format(Locale.ROOT, "%.3f", ng),
        Double.isNaN(ng) ? "" : String.format(Locale.ROOT, "%.2fx", ng / ours));
  }
}
