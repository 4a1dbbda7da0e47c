package org.neuristor.bench;

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
import org.neuristor.neuron.Method;
import org.neuristor.neuron.ModelKind;
import org.neuristor.neuron.NeuronKernel;
import org.neuristor.neuron.NeuronModel;
import org.neuristor.neuron.Noise;
import org.neuristor.neuron.Spikes;

/**
 * Population update cost of Neuristor against Brian2 in one run: {@code java -cp
 * bench/target/benchmarks.jar org.neuristor.bench.PopulationComparison [--quick] [--no-brian]}.
 *
 * <p>For LIF (exact, dt 0.1 ms, 2 nA), AdEx (RK2, dt 0.1 ms, 1 nA) and HH (exponential Euler, dt
 * 0.01 ms, 10 uA/cm^2; RK4 shown for reference) populations of 10^5 and 10^6 neurons, it times
 * {@code steps} steps of the Java kernel (one thread; best of three after a warm-up run of the same
 * length) and runs {@code brian2_populations.py} with the same model, method, dt, input and step
 * count for Brian2's runtime target (numpy) and its cpp_standalone target (loop time reported by
 * Brian2 itself, compilation excluded). Prints ns per neuron per step and the ratios
 * Brian2/Neuristor (above 1: Neuristor faster).
 */
public final class PopulationComparison {
  private PopulationComparison() {}

  record Case(String brianModel, ModelKind kind, Method method, double dtMs, double input, long work) {}

  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    boolean brian = !List.of(args).contains("--no-brian");
    List<Case> cases = List.of(new Case("lif", ModelKind.LIF, Method.EXACT, 0.1, 2.0, quick ? 100_000_000L : 1_000_000_000L),
        new Case("adex", ModelKind.ADEX, Method.RK2, 0.1, 1000, quick ? 50_000_000L : 500_000_000L),
        new Case("hh", ModelKind.HH, Method.EXP_EULER, 0.01, 10, quick ? 20_000_000L : 100_000_000L),
        new Case(null, ModelKind.HH, Method.RK4, 0.01, 10, quick ? 20_000_000L : 100_000_000L));
    int[] sizes = quick ? new int[] {100_000} : new int[] {100_000, 1_000_000};
    Path script = extractScript();
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "%-6s %-10s %9s %6s | %10s %10s %10s | %9s %9s", "model", "method", "n",
        "steps", "neuristor", "b2 numpy", "b2 cpp", "numpy/us", "cpp/us"));
    lines.add(String.format(Locale.ROOT, "%-6s %-10s %9s %6s | %10s %10s %10s | %9s %9s", "", "", "", "",
        "ns/nrn/st", "ns/nrn/st", "ns/nrn/st", "", ""));
    for (int n : sizes) {
      for (Case c : cases) {
        int steps = (int) Math.max(50, c.work() / n);
        double ours = timeNeuristor(c, n, steps);
        double numpy = Double.NaN;
        double cpp = Double.NaN;
        if (brian && c.brianModel() != null) {
          numpy = timeBrian(script, c.brianModel(), n, steps, "numpy");
          cpp = timeBrian(script, c.brianModel(), n, steps, "cpp_standalone");
        }
        String row = String.format(Locale.ROOT, "%-6s %-10s %9d %6d | %10.3f %10s %10s | %9s %9s",
            c.kind().cliName(), c.method().cliName(), n, steps, ours, fmt(numpy), fmt(cpp), ratio(numpy, ours),
            ratio(cpp, ours));
        System.err.println(row);
        lines.add(row);
      }
    }
    System.out.println();
    lines.forEach(System.out::println);
    System.out.println("(ratios = Brian2 time / Neuristor time: above 1 means Neuristor is faster)");
  }

  /** Best of three timed runs of {@code steps} steps, after a warm-up run; ns per neuron-step. */
  static double timeNeuristor(Case c, int n, int steps) {
    NeuronKernel p = NeuronModel.of(c.kind()).kernel(n, c.dtMs(), c.method(), Noise.NONE, 1);
    double[] input = new double[n];
    java.util.Arrays.fill(input, c.input() * c.kind().currentToSi());
    double dt = c.dtMs() * 1e-3;
    Spikes out = new Spikes(1024);
    long k = 0;
    long spikes = 0;
    double best = Double.POSITIVE_INFINITY;
    for (int rep = 0; rep < 4; rep++) {
      long t0 = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        out.clear();
        p.step(k * dt, dt, input, out);
        k++;
        spikes += out.count();
      }
      double ns = (System.nanoTime() - t0) / ((double) n * steps);
      if (rep > 0) {
        best = Math.min(best, ns);
      }
    }
    if (spikes < 0) {
      System.out.println(spikes); // keeps the loop observable
    }
    return best;
  }

  static double timeBrian(Path script, String model, int n, int steps, String target) {
    try {
      Path work = Files.createTempDirectory("brian2-bench");
      ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString(), model, String.valueOf(n),
          String.valueOf(steps), target, work.resolve("standalone").toString());
      pb.directory(work.toFile());
      pb.redirectErrorStream(true);
      Process pr = pb.start();
      String json = null;
      try (BufferedReader r = new BufferedReader(new InputStreamReader(pr.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith("{")) {
            json = line;
          }
        }
      }
      if (!pr.waitFor(1800, TimeUnit.SECONDS) || pr.exitValue() != 0 || json == null) {
        System.err.println("brian2 " + model + " " + target + " failed");
        return Double.NaN;
      }
      return org.neuristor.io.Json.mapper().readTree(json).get("ns_per_neuron_step").asDouble();
    } catch (IOException e) {
      System.err.println("brian2 not available: " + e.getMessage());
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
  }

  private static Path extractScript() throws IOException {
    Path f = Files.createTempFile("brian2_populations", ".py");
    try (InputStream in = PopulationComparison.class.getResourceAsStream("/bench/brian2_populations.py")) {
      Files.copy(in, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return f;
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String ratio(double brian, double ours) {
    return Double.isNaN(brian) ? "n/a" : String.format(Locale.ROOT, "%.2fx", brian / ours);
  }
}
