package org.neuristor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.neuristor.network.MemoryEstimate;
import org.neuristor.network.Network;
import org.neuristor.network.NetworkFile;
import org.neuristor.network.Population;
import org.neuristor.network.Projection;

/**
 * The COBA network (Vogels-Abbott, 4,000 neurons, 1 s) against Brian2 in one run, and the scaling of
 * COBA-like networks to 40,000 and 400,000 neurons: {@code java -jar bench/target/benchmarks.jar
 * network [--quick] [--no-brian] [--no-cli | --cli-only] [--runs R] [--scaling] [--brian-scaling] [--examples DIR]}.
 *
 * <p>Neuristor: the example file is parsed, built and run in this JVM; the first build + run is
 * reported as "cold" (it includes JIT compilation), then the best of 5 after two warm-up runs, split
 * into build (parse, connect, allocate) and run (the simulation loop), on 1 thread and on all cores.
 * Brian2 ({@code brian2_coba.py}, same model, parameters, method, dt and duration): cpp_standalone
 * (code generation + compilation, once; then the best of 3 (1 with {@code --quick}) runs of the compiled binary
 * ({@link BrianStandalone}):
 * the binary's process wall time and Brian2's own measurement of the simulation loop) and the runtime (Cython)
 * target (network construction and run(); run once untimed first so that its compiled code is cached). Mean
 * rates are printed side by side: the networks are random draws of the same statistics, so rates agree
 * statistically, not exactly.
 *
 * <p>Then, unless {@code --no-cli}: {@code ./neuristor network run examples/coba.yaml} as whole processes (run
 * from the repository root), R rounds (default 5, 2 with {@code --quick}) alternated with Brian2 cpp_standalone's
 * binary, compiled once before them: the loop each reports (ours: the {@code wall_s} of the command, a cold JVM)
 * and the ratio of the two loops, pair by pair, ours first in even rounds and Brian2 first in odd ones
 * ({@link #commandLine}); {@code --cli-only} prints only that table.
 *
 * <p>{@code --scaling} runs examples/coba.yaml, coba-40k.yaml and coba-400k.yaml (each neuron keeps
 * ~80 inputs) and prints neurons, synapses, synaptic events (exact: sum over spikes of the
 * spiking neuron's out-degree), wall time, ns per event and measured heap bytes per synapse
 * against the up-front estimate; {@code --brian-scaling} adds cpp_standalone for the same sizes (compiled once
 * per size; the best loop of 3 runs of the binary at 40,000 neurons, 1 at 400,000, as ours).
 */
public final class NetworkComparison {
  private NetworkComparison() {}

  /** One Neuristor measurement. */
  record Ours(double coldS, double buildS, double runS, double rateHz, long spikes, long synapses, long events,
      double heapBytesPerSynapse, double arrayBytesPerSynapse, double estimateBytesPerSynapse, int threads) {}

  public static void main(String[] args) throws Exception {
    List<String> a = List.of(args);
    boolean quick = a.contains("--quick");
    boolean brian = !a.contains("--no-brian");
    Path examples = Path.of(a.contains("--examples") ? a.get(a.indexOf("--examples") + 1) : "examples");
    int cores = Runtime.getRuntime().availableProcessors();
    Path script = extractScript();
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "COBA 4,000 neurons, 80/20, p = 2%%, conductance synapses, dt 0.1 ms, 1 s"
        + " (%d cores, Java %s, load average at start %s)", cores, System.getProperty("java.vm.version"),
        SweepScaling.loadAverage()));
    out.add(String.format(Locale.ROOT, "%-34s %9s %9s %9s %9s %9s", "engine", "cold (s)", "build (s)", "run (s)",
        "total (s)", "rate (Hz)"));
    Path coba = examples.resolve("coba.yaml");
    int reps = quick ? 3 : 5;
    List<String> cli = new ArrayList<>();
    if (!a.contains("--no-cli")) {
      int pairs = a.contains("--runs") ? Integer.parseInt(a.get(a.indexOf("--runs") + 1)) : quick ? 2 : 5;
      if (pairs < 1) {
        System.err.println("network: --runs must be at least 1, got " + pairs);
        System.exit(2);
      }
      cli = commandLine(coba, script, brian, pairs);
    }
    if (a.contains("--cli-only")) {
      System.out.println();
      cli.forEach(System.out::println);
      return;
    }
    Ours one = ours(coba, 1, reps);
    out.add(row("neuristor, 1 thread", one.coldS, one.buildS, one.runS, one.buildS + one.runS, one.rateHz));
    Ours all = null;
    if (cores > 1) {
      all = ours(coba, cores, reps);
      out.add(row("neuristor, " + cores + " threads", all.coldS, all.buildS, all.runS, all.buildS + all.runS,
          all.rateHz));
    }
    if (brian) {
      int b2reps = quick ? 1 : 3;
      BrianBest cpp = brianBest(script, 4000, 0, b2reps);
      if (cpp != null) {
        out.add(row("brian2 cpp_standalone: compile", Double.NaN, cpp.script.get("build_s").asDouble(), Double.NaN,
            Double.NaN, Double.NaN));
        out.add(row("brian2 cpp_standalone: binary", Double.NaN, Double.NaN, cpp.best.loopS(), cpp.best.binaryS(),
            cpp.script.get("rate_hz").asDouble()));
      }
      BrianBest omp = null;
      if (cores > 1) {
        omp = brianBest(script, 4000, cores, b2reps);
        if (omp != null) {
          out.add(row("brian2 cpp_standalone, " + cores + " OpenMP thr", Double.NaN, Double.NaN, omp.best.loopS(),
              omp.best.binaryS(), omp.script.get("rate_hz").asDouble()));
        }
      }
      brian(script, 4000, "cython", 1, 0); // fills the Cython cache
      JsonNode cy = best(script, 4000, "cython", 1, quick ? 1 : 3, 0);
      if (cy != null) {
        out.add(row("brian2 runtime (cython)", Double.NaN, cy.get("build_s").asDouble(), cy.get("run_s").asDouble(),
            cy.get("build_s").asDouble() + cy.get("run_s").asDouble(), cy.get("rate_hz").asDouble()));
      }
      if (cpp != null) {
        out.add(String.format(Locale.ROOT, "speed-up vs cpp_standalone (both 1 thread): loop %.2fx, binary vs"
            + " build+run %.2fx", cpp.best.loopS() / one.runS, cpp.best.binaryS() / (one.buildS + one.runS)));
      }
      if (omp != null && all != null) {
        out.add(String.format(Locale.ROOT, "speed-up vs cpp_standalone (both %d threads): loop %.2fx, binary vs"
            + " build+run %.2fx", cores, omp.best.loopS() / all.runS, omp.best.binaryS() / (all.buildS + all.runS)));
      }
      if (cy != null) {
        out.add(String.format(Locale.ROOT, "speed-up vs runtime (1 thread): loop %.2fx, build+run %.2fx",
            cy.get("run_s").asDouble() / one.runS,
            (cy.get("build_s").asDouble() + cy.get("run_s").asDouble()) / (one.buildS + one.runS)));
      }
    }
    out.add("(cold = first build + run in a fresh JVM, JIT included; build/run = best of " + reps
        + " after 2 warm-ups; brian2 cpp_standalone: compiled once, then the run with the smallest loop of "
        + (quick ? 1 : 3) + " run(s) of its binary, each with the same results byte for byte; run = its own loop"
        + " timing, binary = process wall time)");
    if (a.contains("--scaling")) {
      out.add("");
      out.add("load average before scaling: " + SweepScaling.loadAverage());
      out.add("Scaling: COBA-like, 80/20, ~80 inputs per neuron (p = 80/N), same weights, dt 0.1 ms, 1 s");
      out.add(String.format(Locale.ROOT, "%-9s %7s %11s %11s %12s %9s %9s %9s %9s %8s %8s %8s %8s", "neurons",
          "threads", "synapses", "spikes", "events", "rate (Hz)", "build (s)", "run (s)", "Mevents/s", "ns/event",
          "B/syn", "arr B/syn", "est B/syn"));
      String[] files = {"coba.yaml", "coba-40k.yaml", "coba-400k.yaml"};
      int[] sizes = {4000, 40_000, 400_000};
      for (int f = 0; f < files.length; f++) {
        for (int t : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
          Ours o = ours(examples.resolve(files[f]), t, f == 0 ? reps : f == 1 ? 3 : 1);
          out.add(String.format(Locale.ROOT, "%-9d %7d %11d %11d %12d %9.2f %9.3f %9.3f %9.1f %8.2f %8.2f %8.2f %8.2f",
              sizes[f], t, o.synapses, o.spikes, o.events, o.rateHz, o.buildS, o.runS, o.events / o.runS / 1e6,
              1e9 * o.runS / o.events, o.heapBytesPerSynapse, o.arrayBytesPerSynapse, o.estimateBytesPerSynapse));
          System.err.println(out.get(out.size() - 1));
        }
        if (a.contains("--brian-scaling") && f > 0) {
          BrianBest cpp = brianBest(script, sizes[f], 0, f == 1 ? 3 : 1);
          if (cpp != null) {
            out.add(String.format(Locale.ROOT, "%-9d %7s %11d %11d %12s %9.2f %9.3f %9.3f (brian2 cpp_standalone;"
                + " binary %.3f s, best loop of %d run(s), compiled once)", sizes[f], "b2cpp",
                cpp.script.get("synapses").asLong(), cpp.script.get("spikes").asLong(), "",
                cpp.script.get("rate_hz").asDouble(), cpp.script.get("build_s").asDouble(), cpp.best.loopS(),
                cpp.best.binaryS(), f == 1 ? 3 : 1));
          }
        }
      }
      out.add("(events = synaptic events delivered; ns/event = run time / events, neuron updates included;"
          + " B/syn = measured heap growth of the build per synapse, neurons included; arr = synapse arrays only;"
          + " est = MemoryEstimate, checked before building)");
    }
    System.out.println();
    out.forEach(System.out::println);
    if (!cli.isEmpty()) {
      System.out.println();
      cli.forEach(System.out::println);
    }
  }

  /** The members of one round of {@link #commandLine}. */
  enum Member { OURS, BRIAN, NO_PLOT }

  /**
   * The order of round {@code r}: the timed pair, our literal command and Brian2's binary, with ours first in
   * even rounds and Brian2 first in odd ones (neither always runs on the cache and CPU state the other left),
   * then our {@code --no-plot} command; without Brian2 the two forms of our command.
   */
  static List<Member> roundOrder(int r, boolean brian) {
    if (!brian) {
      return List.of(Member.OURS, Member.NO_PLOT);
    }
    return r % 2 == 0 ? List.of(Member.OURS, Member.BRIAN, Member.NO_PLOT)
        : List.of(Member.BRIAN, Member.OURS, Member.NO_PLOT);
  }

  /** "median 1.55x (min 1.40, quartiles 1.48-1.62, max 1.70)": the spread of per-pair ratios. */
  static String ratioSpread(double[] ratio) {
    return String.format(Locale.ROOT, "median %.2fx (min %.2f, quartiles %.2f-%.2f, max %.2f)",
        WholeProcess.median(ratio), WholeProcess.quantile(ratio, 0), WholeProcess.quantile(ratio, 0.25),
        WholeProcess.quantile(ratio, 0.75), WholeProcess.quantile(ratio, 1));
  }

  /** The entries of {@code v} at even ({@code parity} 0) or odd (1) indices. */
  static double[] everyOther(double[] v, int parity) {
    double[] o = new double[(v.length + 1 - parity) / 2];
    for (int i = 0; i < o.length; i++) {
      o[i] = v[2 * i + parity];
    }
    return o;
  }

  /**
   * What a user sees: {@code ./neuristor network run coba.yaml --json} (the Must-show command: spike CSV files
   * and the default raster PNG written) and the same with {@code --no-plot}, as whole processes, with their own
   * loop figure ({@code wall_s}, the cold simulation loop of that process), against Brian2 cpp_standalone's
   * compiled binary as a whole process (compiled once before the rounds, not timed: no C++ compilation loads the
   * machine between timed runs) with its own loop figure; {@code pairs} rounds in {@link #roundOrder}; medians,
   * and the median and spread of the per-pair loop ratios (Brian2's loop over our literal command's).
   */
  static List<String> commandLine(Path coba, Path script, boolean brian, int pairs) throws Exception {
    Path launcher = Path.of("neuristor").toAbsolutePath();
    List<String> out = new ArrayList<>();
    if (!Files.isExecutable(launcher)) {
      out.add("whole process: ./neuristor not found (run from the repository root)");
      return out;
    }
    Path dir = Files.createTempDirectory("neuristor-coba");
    List<String> plotCmd = List.of(launcher.toString(), "network", "run", coba.toString(), "--json", "--out",
        dir.toString());
    List<String> noPlotCmd = List.of(launcher.toString(), "network", "run", coba.toString(), "--no-plot", "--json",
        "--out", dir.toString());
    cliRun(plotCmd); // builds the jar and the start-up archive if needed; not counted
    // Brian2's compile (make -j) raises the 1-minute average that follows
    String loadBefore = SweepScaling.loadAverage();
    try (BrianStandalone b2 = brian ? BrianStandalone.compile(script, 4000, 0) : null) {
      if (b2 != null) {
        BrianStandalone.Run first = b2.run(); // the binary's first run without Python: not counted, as ours
        System.err.printf(Locale.ROOT, "brian2 binary, untimed first re-run: loop %.3f s, binary %.3f s%n",
            first.loopS(), first.binaryS());
      }
      String loadStart = SweepScaling.loadAverage();
      double[] whole = new double[pairs];
      double[] loop = new double[pairs];
      double[] wholeNoPlot = new double[pairs];
      double[] loopNoPlot = new double[pairs];
      double[] bLoop = new double[pairs];
      double[] bBinary = new double[pairs];
      for (int r = 0; r < pairs; r++) {
        StringBuilder log = new StringBuilder("round " + r + ":");
        for (Member m : roundOrder(r, b2 != null)) {
          switch (m) {
            case OURS -> {
              double[] w = cliRun(plotCmd);
              whole[r] = w[0];
              loop[r] = w[1];
              log.append(String.format(Locale.ROOT, " network run %.3f s, loop %.3f s;", w[0], w[1]));
            }
            case NO_PLOT -> {
              double[] v = cliRun(noPlotCmd);
              wholeNoPlot[r] = v[0];
              loopNoPlot[r] = v[1];
              log.append(String.format(Locale.ROOT, " --no-plot %.3f s, loop %.3f s;", v[0], v[1]));
            }
            case BRIAN -> {
              BrianStandalone.Run x = b2.run();
              bLoop[r] = x.loopS();
              bBinary[r] = x.binaryS();
              log.append(String.format(Locale.ROOT, " brian2 binary %.3f s, loop %.3f s;", x.binaryS(), x.loopS()));
            }
            default -> throw new IllegalStateException(m.toString());
          }
        }
        System.err.println(log);
      }
      out.add(String.format(Locale.ROOT, "Whole processes, as a user runs them: %d rounds, medians (load average %s"
          + " at the first round, %s at the end)", pairs, b2 != null ? loadBefore + " before Brian2's compile, "
          + loadStart : loadStart, SweepScaling.loadAverage()));
      out.add(String.format(Locale.ROOT, "%-52s %9s %9s", "", "loop (s)", "whole (s)"));
      out.add(String.format(Locale.ROOT, "%-52s %9.3f %9.3f", "./neuristor network run coba.yaml --json (raster PNG)",
          WholeProcess.median(loop), WholeProcess.median(whole)));
      out.add(String.format(Locale.ROOT, "%-52s %9.3f %9.3f", "./neuristor network run coba.yaml --no-plot --json",
          WholeProcess.median(loopNoPlot), WholeProcess.median(wholeNoPlot)));
      if (b2 != null) {
        JsonNode j = b2.script();
        out.add(String.format(Locale.ROOT, "%-52s %9.3f %9.3f", "brian2 cpp_standalone binary (compiled once)",
            WholeProcess.median(bLoop), WholeProcess.median(bBinary)));
        double[] ratio = new double[pairs];
        double[] ratioNoPlot = new double[pairs];
        for (int r = 0; r < pairs; r++) {
          ratio[r] = bLoop[r] / loop[r];
          ratioNoPlot[r] = bLoop[r] / loopNoPlot[r];
        }
        out.add("loop speed-up vs brian2 cpp_standalone, per-pair ratio (brian2 loop / our loop; asked: >= 2x):");
        out.add("  ./neuristor network run coba.yaml: " + ratioSpread(ratio)
            + (pairs > 1 ? String.format(Locale.ROOT, "; ours first %.2fx, brian2 first %.2fx",
                WholeProcess.median(everyOther(ratio, 0)), WholeProcess.median(everyOther(ratio, 1))) : ""));
        out.add("  ... --no-plot (same round):         " + ratioSpread(ratioNoPlot));
        out.add(String.format(Locale.ROOT, "(compared: COBA's simulation loop, 4,000 neurons, 1 s, both single-threaded,"
            + " each tool a whole process on the same machine. Ours: the wall_s the command prints, a cold JVM; whole:"
            + " process start to exit, spike CSV files (and the raster PNG) written; asked: < 0.5 s. Brian2: its own"
            + " loop measure (device._last_run_time: std::clock, the process's CPU time, which leaves out time the"
            + " binary waits for a core) in its compiled binary, re-run in its project directory; whole: process start"
            + " to exit (synapse creation, loop, results written); code generation + compilation (%.1f s) and a"
            + " Python-driven run (loop %.3f s) before the rounds, not timed. Every re-run wrote the Python-driven"
            + " run's results byte for byte: %d spikes, %.2f Hz)", j.get("build_s").asDouble(),
            j.get("run_s").asDouble(), j.get("spikes").asLong(), j.get("rate_hz").asDouble()));
      } else {
        out.add("(our loop: the wall_s the command prints, a cold JVM; whole: process start to exit, spike CSV files"
            + " (and the raster PNG) written; asked: < 0.5 s; no brian2)");
      }
    }
    deleteTree(dir);
    return out;
  }

  /** One whole {@code network run} process: {wall seconds, the wall_s it reports}. */
  private static double[] cliRun(List<String> cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("NEURISTOR_NO_PROGRESS", "1");
    long t0 = System.nanoTime();
    Process p = pb.start();
    byte[] stdout = p.getInputStream().readAllBytes();
    int code = p.waitFor();
    double wall = (System.nanoTime() - t0) / 1e9;
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed with exit " + code);
    }
    JsonNode j = org.neuristor.io.Json.mapper().readTree(stdout);
    return new double[] {wall, j.get("wall_s").asDouble()};
  }

  private static String row(String name, double cold, double build, double run, double total, double rate) {
    return String.format(Locale.ROOT, "%-34s %9s %9s %9s %9s %9s", name, f3(cold), f3(build), f3(run), f3(total),
        Double.isNaN(rate) ? "" : String.format(Locale.ROOT, "%.2f", rate));
  }

  private static String f3(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
  }

  static long heapUsed() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /** Cold run, then best of {@code reps} after two warm-ups (fewer for large networks). */
  static Ours ours(Path file, int threads, int reps) throws IOException {
    String text = Files.readString(file);
    boolean json = file.toString().endsWith(".json");
    double cold = Double.NaN;
    double bestBuild = Double.POSITIVE_INFINITY;
    double bestRun = Double.POSITIVE_INFINITY;
    int warm = reps >= 3 ? 2 : 0;
    Network last = null;
    double heapPerSyn = 0;
    double estPerSyn = 0;
    for (int r = 0; r < 1 + warm + reps; r++) {
      last = null;
      long h0 = heapUsed();
      long t0 = System.nanoTime();
      NetworkFile.Loaded l = NetworkFile.parse(file.toString(), text, json, threads);
      long t1 = System.nanoTime();
      Network net = l.network();
      if (r == 0) {
        long h1 = heapUsed();
        heapPerSyn = (h1 - h0) / (double) net.synapses();
        MemoryEstimate e = net.memoryEstimate();
        estPerSyn = e.bytes() / e.synapses();
      }
      long t2 = System.nanoTime();
      net.run(l.durationSeconds());
      long t3 = System.nanoTime();
      net.close();
      double build = (t1 - t0) / 1e9;
      double run = (t3 - t2) / 1e9;
      if (r == 0) {
        cold = build + run;
      } else if (r > warm || reps < 3) {
        bestBuild = Math.min(bestBuild, build);
        bestRun = Math.min(bestRun, run);
      }
      last = net;
      System.err.printf(Locale.ROOT, "%s threads %d rep %d: build %.3f s run %.3f s%n", file.getFileName(), threads, r,
          build, run);
    }
    long spikes = 0;
    long neurons = 0;
    for (Network.PopulationStats s : last.stats()) {
      spikes += s.spikes();
      neurons += s.size();
    }
    long events = 0;
    for (Projection pr : last.projections()) {
      int[] rp = pr.rowPointers();
      Population pre = pr.pre();
      for (int j = 0; j < pre.size(); j++) {
        events += pre.spikeTotal(j) * (rp[j + 1] - rp[j]);
      }
    }
    double rate = spikes / (double) neurons / last.time();
    return new Ours(cold, bestBuild, bestRun, rate, spikes, last.synapses(), events, heapPerSyn,
        last.synapseBytes() / (double) last.synapses(), estPerSyn, threads);
  }

  /** Brian2 cpp_standalone compiled once: the script's JSON and the run of its binary with the smallest loop. */
  record BrianBest(JsonNode script, BrianStandalone.Run best) {}

  /**
   * Compiles Brian2's COBA of {@code n} neurons once ({@code threads} OpenMP threads, 0: single-threaded code) and
   * runs its binary {@code reps} times (same seed: the same network each time); null when Brian2 is missing.
   */
  static BrianBest brianBest(Path script, int n, int threads, int reps) throws IOException, InterruptedException {
    try (BrianStandalone b2 = BrianStandalone.compile(script, n, threads)) {
      if (b2 == null) {
        return null;
      }
      BrianStandalone.Run best = null;
      for (int r = 0; r < reps; r++) {
        BrianStandalone.Run x = b2.run();
        System.err.printf(Locale.ROOT, "brian2 cpp_standalone n=%d threads %d binary run %d: loop %.3f s, binary"
            + " %.3f s, %d spikes%n", n, threads, r, x.loopS(), x.binaryS(), x.spikes());
        if (best == null || x.loopS() < best.loopS()) {
          best = x;
        }
      }
      return new BrianBest(b2.script(), best);
    }
  }

  /** Best (smallest loop time) of n Brian2 runs with different seeds would change the network: same seed. */
  static JsonNode best(Path script, int n, String target, int seed, int reps, int threads) throws IOException {
    JsonNode best = null;
    for (int r = 0; r < reps; r++) {
      JsonNode j = brian(script, n, target, seed, threads);
      if (j != null && (best == null || j.get("run_s").asDouble() < best.get("run_s").asDouble())) {
        best = j;
      }
    }
    return best;
  }

  /** One run of the script in a temporary directory, deleted after. */
  static JsonNode brian(Path script, int n, String target, int seed, int threads) throws IOException {
    Path work = Files.createTempDirectory("brian2-coba");
    try {
      return brianScript(script, n, target, seed, threads, work);
    } finally {
      deleteTree(work);
    }
  }

  /**
   * Runs {@code brian2_coba.py} in {@code work} (cpp_standalone: its project in {@code work/standalone}, kept);
   * the JSON line it prints, or null (with its output on stderr) when it fails or Brian2 is missing.
   */
  static JsonNode brianScript(Path script, int n, String target, int seed, int threads, Path work) {
    try {
      ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString(), String.valueOf(n), "80", target,
          String.valueOf(seed), "1.0", work.resolve("standalone").toString(), String.valueOf(threads));
      pb.directory(work.toFile());
      pb.redirectErrorStream(true);
      Process pr = pb.start();
      String json = null;
      StringBuilder log = new StringBuilder();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(pr.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith("{")) {
            json = line;
          } else {
            log.append(line).append('\n');
          }
        }
      }
      if (!pr.waitFor(3600, TimeUnit.SECONDS) || pr.exitValue() != 0 || json == null) {
        System.err.println("brian2 " + target + " n=" + n + " failed:\n" + log);
        return null;
      }
      System.err.println("brian2 " + target + " n=" + n + ": " + json);
      return org.neuristor.io.Json.mapper().readTree(json);
    } catch (IOException e) {
      System.err.println("brian2 not available: " + e.getMessage());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> w = Files.walk(dir)) {
      for (Path p : w.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static Path extractScript() throws IOException {
    Path f = Files.createTempFile("brian2_coba", ".py");
    try (InputStream in = NetworkComparison.class.getResourceAsStream("/bench/brian2_coba.py")) {
      Files.copy(in, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return f;
  }
}
