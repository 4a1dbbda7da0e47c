package org.neuristor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.neuristor.network.Channel;
import org.neuristor.network.Network;
import org.neuristor.network.NetworkFile;
import org.neuristor.network.Population;

/**
 * A long silent run, warm in-process: {@code java -jar bench/target/benchmarks.jar quiet [FILE] [--runs N]
 * [--window STEPS]} (default {@code examples/coba-quiet.yaml}: COBA without its bias, a 25 ms burst, then 10 s of
 * silence). Each run builds the network afresh and steps it on one thread in windows of STEPS steps (default
 * 10,000), timing each window by the thread's CPU time; it prints the median per window over the runs (after one
 * untimed run for the JIT), the channel states that are subnormal at the end, and the ratio of the last windows to
 * the early silent ones: the cost of decaying states that reached the subnormal doubles (x86 multiplies those
 * through a microcode assist), ~1 when the network flushes them. Only public API: the same class run with another
 * build's core first on the class path measures that build.
 */
final class QuietRun {
  private QuietRun() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of("examples", "coba-quiet.yaml");
    int runs = 3;
    int window = 10_000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--window" -> window = Integer.parseInt(args[++i]);
        default -> file = Path.of(args[i]);
      }
    }
    String text = Files.readString(file);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[][] perStep = null;
    long subnormal = 0;
    for (int r = -1; r < runs; r++) {
      NetworkFile.Loaded l = NetworkFile.parse(file.toString(), text, false, 1);
      Network net = l.network();
      int windows = (int) (Math.round(l.durationSeconds() / net.dt()) / window);
      if (perStep == null) {
        perStep = new double[windows][runs];
      }
      for (int w = 0; w < windows; w++) {
        long c0 = mx.getCurrentThreadCpuTime();
        net.runSteps(window, null);
        long c1 = mx.getCurrentThreadCpuTime();
        if (r >= 0) {
          perStep[w][r] = (c1 - c0) / 1e3 / window;
        }
      }
      subnormal = subnormalStates(net);
    }
    System.out.printf(Locale.ROOT, "%s, one thread, warm in-process: thread CPU per step (us), median of %d runs"
        + " (load average %s)%n", file, runs, SweepScaling.loadAverage());
    double[] med = new double[perStep.length];
    for (int w = 0; w < perStep.length; w++) {
      double[] v = perStep[w].clone();
      Arrays.sort(v);
      med[w] = v[v.length / 2];
      System.out.printf(Locale.ROOT, "  steps %7d-%7d  %8.2f%n", (long) w * window, (long) (w + 1) * window, med[w]);
    }
    int n = med.length;
    int third = Math.max(1, n / 3);
    double early = WholeProcess.median(Arrays.copyOfRange(med, 1, Math.min(n, 1 + third)));
    double late = WholeProcess.median(Arrays.copyOfRange(med, n - third, n));
    System.out.printf(Locale.ROOT, "  last %d windows / windows 2-%d: %.2fx; subnormal channel states at the end: %d;"
        + " loop total %.3f s%n", third, 1 + third, late / early, subnormal, Arrays.stream(med).sum() * window / 1e6);
  }

  private static long subnormalStates(Network net) {
    long c = 0;
    for (Population p : net.populations()) {
      for (Channel ch : p.channels()) {
        for (double x : ch.state()) {
          if (x != 0 && Math.abs(x) < Double.MIN_NORMAL) {
            c++;
          }
        }
      }
    }
    return c;
  }
}
