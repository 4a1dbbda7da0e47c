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
 * (code generation + compilation, the binary's process wall time, and Brian2's own measurement of
 * the simulation loop) and the runtime (Cython) target (network construction and run(); run once
 * untimed first so that its compiled code is cached). Mean rates are printed side by side: the
 * networks are random draws of the same statistics, so rates agree statistically, not exactly.
 *
 * <p>Then, unless {@code --no-cli}: {@code ./neuristor network run examples/coba.yaml} as whole processes (run
 * from the repository root), R times (default 5, 2 with {@code --quick}) alternated with Brian2 cpp_standalone:
 * the loop each reports (ours: the {@code wall_s} of the command, a cold JVM) and the ratio of the two loops,
 * pair by pair ({@link #commandLine}); {@code --cli-only} prints only that table.
 *
 * <p>{@code --scaling} runs examples/coba.yaml, coba-40k.yaml and coba-400k.yaml (each neuron keeps
 * ~80 inputs) and prints neurons, synapses, synaptic events (exact: sum over spikes of the
 * spiking neuron's out-degree), wall time, ns per event and measured heap bytes per synapse
 * against the up-front estimate; {@code --brian-scaling} adds cpp_standalone for the same sizes.
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
        + " (%d cores, Java %s, load average at start %s)", cores, System.getProperty("java.vm.version"), loadAverage()));
    out.add(String.format(Locale.ROOT, "%-34s %9s %9s %9s %9s %9s", "engine", "cold (s)", "build (s)", "run (s)",
        "total (s)", "rate (Hz)"));
    Path coba = examples.resolve("coba.yaml");
    int reps = quick ? 3 : 5;
    List<String> cli = new ArrayList<>();
    if (!a.contains("--no-cli")) {
      int pairs = a.contains("--runs") ? Integer.parseInt(a.get(a.indexOf("--runs") + 1)) : quick ? 2 : 5;
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
      JsonNode cpp = best(script, 4000, "cpp_standalone", 1, quick ? 1 : 3, 0);
      if (cpp != null) {
        out.add(row("brian2 cpp_standalone: compile", Double.NaN, cpp.get("build_s").asDouble(), Double.NaN,
            Double.NaN, Double.NaN));
        out.add(row("brian2 cpp_standalone: binary", Double.NaN, Double.NaN, cpp.get("run_s").asDouble(),
            cpp.get("binary_s").asDouble(), cpp.get("rate_hz").asDouble()));
      }
      JsonNode omp = null;
      if (cores > 1) {
        omp = best(script, 4000, "cpp_standalone", 1, quick ? 1 : 3, cores);
        if (omp != null) {
          out.add(row("brian2 cpp_standalone, " + cores + " OpenMP thr", Double.NaN, Double.NaN,
              omp.get("run_s").asDouble(), omp.get("binary_s").asDouble(), omp.get("rate_hz").asDouble()));
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
            + " build+run %.2fx", cpp.get("run_s").asDouble() / one.runS,
            cpp.get("binary_s").asDouble() / (one.buildS + one.runS)));
      }
      if (omp != null && all != null) {
        out.add(String.format(Locale.ROOT, "speed-up vs cpp_standalone (both %d threads): loop %.2fx, binary vs"
            + " build+run %.2fx", cores, omp.get("run_s").asDouble() / all.runS,
            omp.get("binary_s").asDouble() / (all.buildS + all.runS)));
      }
      if (cy != null) {
        out.add(String.format(Locale.ROOT, "speed-up vs runtime (1 thread): loop %.2fx, build+run %.2fx",
            cy.get("run_s").asDouble() / one.runS,
            (cy.get("build_s").asDouble() + cy.get("run_s").asDouble()) / (one.buildS + one.runS)));
      }
    }
    out.add("(cold = first build + run in a fresh JVM, JIT included; build/run = best of " + reps
        + " after 2 warm-ups; brian2 run = its own loop timing, binary = process wall time)");
    if (a.contains("--scaling")) {
      out.add("");
      out.add("load average before scaling: " + loadAverage());
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
          JsonNode cpp = brian(script, sizes[f], "cpp_standalone", 1, 0);
          if (cpp != null) {
            out.add(String.format(Locale.ROOT, "%-9d %7s %11d %11d %12s %9.2f %9.3f %9.3f (brian2 cpp_standalone;"
                + " binary %.3f s)", sizes[f], "b2cpp", cpp.get("synapses").asLong(), cpp.get("spikes").asLong(), "",
                cpp.get("rate_hz").asDouble(), cpp.get("build_s").asDouble(), cpp.get("run_s").asDouble(),
                cpp.get("binary_s").asDouble()));
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

  /**
   * What a user sees: {@code ./neuristor network run coba.yaml --json} (the Must-show command: spike CSV files
   * and the default raster PNG written) and the same with {@code --no-plot}, as whole processes, with their own
   * loop figure ({@code wall_s}, the cold simulation loop of that process), against Brian2 cpp_standalone's loop
   * ({@code device._last_run_time}) and binary, the three alternated run by run; medians, and the median of the
   * per-pair loop ratios (Brian2's loop over the loop of the run with the plot before it).
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
    double[] whole = new double[pairs];
    double[] loop = new double[pairs];
    double[] wholeNoPlot = new double[pairs];
    double[] loopNoPlot = new double[pairs];
    double[] bLoop = new double[pairs];
    double[] bBinary = new double[pairs];
    double[] ratio = new double[pairs];
    int b = 0;
    for (int r = 0; r < pairs; r++) {
      double[] w = cliRun(plotCmd);
      whole[r] = w[0];
      loop[r] = w[1];
      double[] v = cliRun(noPlotCmd);
      wholeNoPlot[r] = v[0];
      loopNoPlot[r] = v[1];
      System.err.printf(Locale.ROOT, "network run (whole process) %d: %.3f s, loop %.3f s; --no-plot %.3f s, loop %.3f s%n",
          r, w[0], w[1], v[0], v[1]);
      JsonNode cpp = brian ? brian(script, 4000, "cpp_standalone", 1, 0) : null;
      if (cpp != null) {
        bLoop[b] = cpp.get("run_s").asDouble();
        bBinary[b] = cpp.get("binary_s").asDouble();
        ratio[b] = bLoop[b] / loop[r];
        b++;
      }
    }
    deleteTree(dir);
    out.add(String.format(Locale.ROOT, "Whole process, as a user runs it (%d rounds alternated, medians; load average %s)",
        pairs, loadAverage()));
    out.add(String.format(Locale.ROOT, "%-52s %9s %9s", "", "loop (s)", "whole (s)"));
    out.add(String.format(Locale.ROOT, "%-52s %9.3f %9.3f", "./neuristor network run coba.yaml --json (raster PNG)",
        WholeProcess.median(loop), WholeProcess.median(whole)));
    out.add(String.format(Locale.ROOT, "%-52s %9.3f %9.3f", "./neuristor network run coba.yaml --no-plot --json",
        WholeProcess.median(loopNoPlot), WholeProcess.median(wholeNoPlot)));
    if (b > 0) {
      out.add(String.format(Locale.ROOT, "%-52s %9.3f %9.3f", "brian2 cpp_standalone (loop; binary, no compile)",
          WholeProcess.median(java.util.Arrays.copyOf(bLoop, b)), WholeProcess.median(java.util.Arrays.copyOf(bBinary, b))));
      out.add(String.format(Locale.ROOT, "loop speed-up, ours cold from the command line vs brian2 cpp_standalone: %.2fx"
          + " (median of pairs; asked: >= 2x)", WholeProcess.median(java.util.Arrays.copyOf(ratio, b))));
    }
    out.add(String.format(Locale.ROOT, "(our loop: the wall_s the command prints, a cold JVM; whole: process start to exit,"
        + " spike CSV files (and the raster PNG) written; asked: < 0.5 s)"));
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

  /** The 1-minute load average (other processes share the cores and memory bandwidth). */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
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

  /** Best (smallest loop time) of n Brian2 runs with different seeds would change the network: same seed. */
  static JsonNode best(Path script, int n, String target, int seed, int reps, int threads) {
    JsonNode best = null;
    for (int r = 0; r < reps; r++) {
      JsonNode j = brian(script, n, target, seed, threads);
      if (j != null && (best == null || j.get("run_s").asDouble() < best.get("run_s").asDouble())) {
        best = j;
      }
    }
    return best;
  }

  static JsonNode brian(Path script, int n, String target, int seed, int threads) {
    try {
      Path work = Files.createTempDirectory("brian2-coba");
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
      deleteTree(work);
      return org.neuristor.io.Json.mapper().readTree(json);
    } catch (IOException e) {
      System.err.println("brian2 not available: " + e.getMessage());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
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
