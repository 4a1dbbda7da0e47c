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
    String netlist = referenceNetlist(2.0).replace("vin in 0 2.000000", "vin in 0 {vin}")
        .replace(".param vth=1", ".param vin=2 vth=1");
    Files.writeString(dir.resolve("fv.cir"), netlist);
    Files.writeString(dir.resolve("fv.yaml"), "name: fv\njob:\n  type: run\n  netlist: fv.cir\nparameters:\n"
        + "  vin: {grid: [1.2, 4.0, " + levels + "]}\nresults: [rate:v(o)]\n");
    List<Path> ngNets = new ArrayList<>();
    for (int k = 0; k < levels; k++) {
      double v = 1.2 + (4.0 - 1.2) * k / Math.max(1, levels - 1);
      Path p = dir.resolve("ng" + k + ".cir");
      Files.writeString(p, referenceNetlist(v));
      ngNets.add(p);
    }
    boolean peer = ngspiceAvailable();
    double[] a = new double[runs];
    double[] b = new double[runs];
    for (int r = 0; r < runs; r++) {
      Path out = tmp.resolve("sweep" + r);
      a[r] = time(List.of(launcher.toString(), "sweep", dir.resolve("fv.yaml").toString(), "--out", out.toString(),
          "--no-plot"), null);
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
  private static double warmSingle(String netlist) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < 10; i++) {
      long t0 = System.nanoTime();
      org.neuristor.netlist.CircuitCompiler.Compiled c = org.neuristor.netlist.CircuitCompiler.compile(netlist,
          "ref.cir");
      org.neuristor.circuit.Simulation.run(c.circuit(), c.analyses().get(0), c.saves(), null);
      double s = (System.nanoTime() - t0) / 1e9;
      if (i >= 5) {
        best = Math.min(best, s);
      }
    }
    return best;
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
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
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
