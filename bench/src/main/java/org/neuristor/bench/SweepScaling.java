package org.neuristor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.neuristor.sweep.LocalEngine;
import org.neuristor.sweep.PointResult;
import org.neuristor.sweep.ResultsLog;
import org.neuristor.sweep.SweepSpec;

/**
 * Sweep engine throughput: {@code java -cp bench/target/benchmarks.jar org.neuristor.bench.SweepScaling
 * [SPEC] [--points N] [--spark]} from the repository root (default spec: examples/sweep-lif-mc.yaml,
 * about 0.1 s of simulation per point).
 *
 * <ol>
 *   <li>In process, the first {@code N} points (default 200) as a plain single-threaded loop over
 *       {@link PointResult#evaluate}, then through {@link LocalEngine} with 2 threads (writing the
 *       crash-safe CSV); each after a warm-up of 2 x 2 cores points; prints points/s, the speed-up, and the
 *       loop thread's own CPU time and allocation per point (both independent of the machine's load).
 *       {@code bench/sweeps/fv-20.yaml} and {@code fv-1000.yaml} are the 20- and 1,000-point cases.
 *   <li>With {@code --spark}: the whole spec end to end as a user runs it, {@code neuristor sweep
 *       SPEC} (local engine, all cores) against {@code neuristor sweep SPEC --engine spark --master
 *       local[2]} (child JVM, Spark session start included), each in a fresh JVM with a fresh output
 *       folder; prints both wall times and the ratio (Spark overhead).
 * </ol>
 */
public final class SweepScaling {
  private SweepScaling() {}

  public static void main(String[] args) throws Exception {
    Path spec = Path.of("examples/sweep-lif-mc.yaml");
    int points = 200;
    boolean spark = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--points" -> points = Integer.parseInt(args[++i]);
        case "--spark" -> spark = true;
        default -> spec = Path.of(args[i]);
      }
    }
    SweepSpec s = SweepSpec.load(spec);
    int requested = Math.min(points, s.size());
    int cores = Runtime.getRuntime().availableProcessors();
    // warm-up: JIT the whole simulation path (points from the far end of the spec, on 2 threads)
    java.util.stream.IntStream.range(0, Math.min(40, s.size())).parallel()
        .forEach(i -> PointResult.evaluate(s, s.size() - 1 - i));
    Path tmp = Files.createTempDirectory("sweep-bench");
    try {
      SweepSpec sub = SweepSpec.parse(spec.toString(), s.text().replaceFirst("samples:\\s*\\d+",
          "samples: " + requested), spec.toAbsolutePath().getParent());
      // a spec without random samples (a grid) keeps all its points: loop and engine both run them all
      int n = sub.size();
      // alternate the two, best of 2 each, so JIT and machine noise do not favour either
      double loop = Double.POSITIVE_INFINITY;
      double engine = Double.POSITIVE_INFINITY;
      double loopCpu = 0;
      double engineCpu = 0;
      double threadCpu = 0;
      double allocated = 0;
      com.sun.management.ThreadMXBean tm = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
          .getThreadMXBean();
      for (int rep = 0; rep < 2; rep++) {
        long c0 = cpuNanos();
        long tc0 = tm.getCurrentThreadCpuTime();
        long a0 = tm.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          PointResult.evaluate(sub, i);
        }
        double w = (System.nanoTime() - t0) / 1e9;
        if (w < loop) {
          loop = w;
          loopCpu = (cpuNanos() - c0) / 1e9;
          threadCpu = (tm.getCurrentThreadCpuTime() - tc0) / 1e9;
          allocated = tm.getCurrentThreadAllocatedBytes() - a0;
        }
        try (ResultsLog log = ResultsLog.open(tmp.resolve("engine" + rep), sub)) {
          long c1 = cpuNanos();
          long t1 = System.nanoTime();
          LocalEngine.run(sub, log, 2, null);
          double e = (System.nanoTime() - t1) / 1e9;
          if (e < engine) {
            engine = e;
            engineCpu = (cpuNanos() - c1) / 1e9;
          }
        }
      }
      System.out.printf(Locale.ROOT, "sweep %s, %d points, %d cores, load average %s%n", s.name(), n, cores,
          loadAverage());
      System.out.printf(Locale.ROOT, "  single-threaded loop     %8.2f s  %7.2f points/s  process CPU %.1f ms/point"
          + "  (its thread: CPU %.1f ms/point, allocated %.2f MB/point)%n", loop, n / loop, 1e3 * loopCpu / n,
          1e3 * threadCpu / n, allocated / 1e6 / n);
      System.out.printf(Locale.ROOT, "  local engine, 2 threads  %8.2f s  %7.2f points/s  process CPU %.1f ms/point"
          + "  speed-up %.2fx%n", engine, n / engine, 1e3 * engineCpu / n, loop / engine);
      if (spark) {
        double local = cli(tmp.resolve("cli-local"), spec, List.of());
        double sp = cli(tmp.resolve("cli-spark"), spec, List.of("--engine", "spark", "--master", "local[2]"));
        System.out.printf(Locale.ROOT, "end to end, %d points (fresh JVMs), load average now %s:%n", s.size(),
            loadAverage());
        System.out.printf(Locale.ROOT, "  neuristor sweep (local engine)          %8.2f s%n", local);
        System.out.printf(Locale.ROOT, "  neuristor sweep --engine spark local[2] %8.2f s  overhead %.2fx%n", sp,
            sp / local);
      }
    } finally {
      try (Stream<Path> w = Files.walk(tmp)) {
        w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** CPU time of this JVM (all threads, JIT and GC included). */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** The 1-minute load average (other processes on the machine distort every timing). */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  private static double cli(Path out, Path spec, List<String> extra) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true", "-jar", "cli/target/neuristor.jar", "sweep", spec.toString(), "--out",
        out.toString(), "--no-plot"));
    cmd.addAll(extra);
    return WholeProcess.time(cmd, null);
  }
}
