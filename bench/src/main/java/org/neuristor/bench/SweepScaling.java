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
 * [SPEC] [--points N] [--reps R] [--warmup W] [--spark]} from the repository root (default spec:
 * examples/sweep-lif-mc.yaml, about 0.1 s of simulation per point).
 *
 * <ol>
 *   <li>In process, the first {@code N} points (default 200) three ways, alternated, best wall of {@code --reps R}
 *       (default 2) each, after a warm-up on 2 threads in rounds of 40 points until the JIT compiler threads take
 *       under 2% of a round's CPU (at most {@code --warmup W} points, default 2000) and, for up to 200 points, one
 *       untimed run of the engine on 1 and 2 threads: a plain single-threaded loop over
 *       {@link PointResult#evaluate} (no CSV), {@link LocalEngine} on 1 thread and on 2 threads (both writing the
 *       crash-safe CSV, as {@code neuristor sweep --threads 1|2}). Prints points/s, the speed-up, and the CPU per
 *       point split into the threads that ran points, the JIT compiler threads and the garbage collector (read
 *       per thread, so independent of the machine's load), and allocation per point. The ceiling printed last is
 *       what 2 idle cores could give at those CPU costs: 2 x one thread's worker CPU / two threads' process CPU.
 *       For the 2-thread run it also prints where its wall time went beyond its CPU: workers idle at the end
 *       (the point order's imbalance) and workers waiting for a core while running points (load, JIT, GC).
 *       {@code bench/sweeps/fv-20.yaml} and {@code fv-1000.yaml} are the issue's 20- and 1,000-point cases.
 *   <li>With {@code --spark}: the whole spec end to end as a user runs it, {@code neuristor sweep
 *       SPEC} (local engine, all cores) against {@code neuristor sweep SPEC --engine spark --master
 *       local[2]} (child JVM, Spark session start included), each in a fresh JVM with a fresh output
 *       folder; prints both wall times and the ratio (Spark overhead).
 * </ol>
 */
public final class SweepScaling {
  private SweepScaling() {}

  /**
   * The warm-up ends when the compiler threads take less than this share of a round's CPU. At 5% (the first
   * version) fv-20's timed phases still carried 3-12 ms of JIT per 36 ms point (C2 compiling the per-point set-up
   * code: netlist reading, expression parsing, unit checks, topology), which with two workers lands on their cores
   * (with one, on the idle second core): 2 x 36 / (2 x 36 + 2 x 3) gives at most 1.85x on 20 points.
   */
  static final double JIT_SETTLED = 0.02;

  public static void main(String[] args) throws Exception {
    Path spec = Path.of("examples/sweep-lif-mc.yaml");
    int points = 200;
    int reps = 2;
    int warmup = 2000;
    boolean spark = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--points" -> points = Integer.parseInt(args[++i]);
        case "--spark" -> spark = true;
        case "--reps" -> reps = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        default -> spec = Path.of(args[i]);
      }
    }
    SweepSpec s = SweepSpec.load(spec);
    int requested = Math.min(points, s.size());
    int cores = Runtime.getRuntime().availableProcessors();
    // warm-up until the JIT has settled: rounds of 40 points (from the far end of the spec, on 2 threads) until
    // the compiler threads take under 5% of a round's CPU, at most `warmup` points. Points run their set-up code
    // (netlist parsing, building the MNA system) once each, so the JIT keeps compiling it for hundreds of points;
    // timed while it does, one thread gets the compiler's work done on the idle second core and two threads pay
    // for it: that measures the JIT, not the engine
    int warmed = 0;
    double jitShare = 1;
    while (warmed < warmup && jitShare > JIT_SETTLED) {
      java.util.Map<String, double[]> vm0 = vmThreads();
      long c0 = cpuNanos();
      int from = warmed;
      java.util.stream.IntStream.range(0, 40).parallel()
          .forEach(k -> PointResult.evaluate(s, s.size() - 1 - (from + k) % s.size()));
      warmed += 40;
      double cpu = (cpuNanos() - c0) / 1e9;
      jitShare = cpu > 0 ? vmThreadsCpu(vm0, vmThreads())[0] / cpu : 0;
    }
    Path tmp = Files.createTempDirectory("sweep-bench");
    try {
      SweepSpec sub = SweepSpec.parse(spec.toString(), s.text().replaceFirst("samples:\\s*\\d+",
          "samples: " + requested), spec.toAbsolutePath().getParent());
      // a spec without random samples (a grid) keeps all its points: loop and engine both run them all
      int n = sub.size();
      // the three alternated, best wall of `reps` each, so that JIT and machine noise favour none
      Phase loop = new Phase("single-threaded loop (no CSV)");
      Phase one = new Phase("local engine, 1 thread");
      Phase two = new Phase("local engine, 2 threads");
      int[] runs = {0};
      // small sweeps: one untimed alternation first, so that the engine's own code (worker threads, point order,
      // the results log's CSV) is compiled before the timed ones, as the points' code is by the warm-up
      for (int rep = n <= 200 ? -1 : 0; rep < reps; rep++) {
        if (rep < 0) {
          for (int t = 1; t <= 2; t++) {
            try (ResultsLog log = ResultsLog.open(tmp.resolve("untimed" + t), sub)) {
              LocalEngine.run(sub, log, t, null);
            }
          }
          continue;
        }
        loop.measure(n, perThread -> {
          for (int i = 0; i < n; i++) {
            PointResult.evaluate(sub, i);
          }
          perThread.accept(null);
        });
        for (Phase e : List.of(one, two)) {
          e.measure(n, perThread -> {
            try (ResultsLog log = ResultsLog.open(tmp.resolve("engine" + runs[0]++), sub)) {
              LocalEngine.run(sub, log, e == one ? 1 : 2, r -> perThread.accept(null));
            }
          });
        }
      }
      System.out.printf(Locale.ROOT, "sweep %s, %d points, %d cores, load average %s (best wall of %d, alternated;"
          + " warm-up %d points, JIT %.0f%% of the last warm-up round's CPU)%n", s.name(), n, cores, loadAverage(),
          reps, warmed, 100 * jitShare);
      System.out.println("  CPU per point in ms: workers = the threads running points; JIT = compiler threads; GC = "
          + "collector and VM threads (Linux)");
      for (Phase p : List.of(loop, one, two)) {
        System.out.printf(Locale.ROOT, "  %-30s %7.2f s %7.2f points/s  process %5.1f = workers %5.1f + JIT %5.1f"
            + " + GC %4.1f + other %4.1f  alloc %.2f MB/point%n", p.name, p.wall, n / p.wall, p.ms(p.process, n),
            p.ms(p.workers, n), p.ms(p.jit, n), p.ms(p.gc, n), p.ms(p.process - p.workers - p.jit - p.gc, n),
            p.allocated / 1e6 / n);
      }
      System.out.printf(Locale.ROOT, "  every run's wall (s): 1 thread %s; 2 threads %s%n", one.walls, two.walls);
      System.out.printf(Locale.ROOT, "  2 threads, where the wall went beyond the CPU: workers idle at the end (one "
          + "still on its last point) %.0f ms, workers waiting for a core while running points %.0f ms (sums over the "
          + "workers; a run of %.0f ms)%n", 1e3 * two.idleAtEnd, 1e3 * two.waiting, 1e3 * two.wall);
      System.out.printf(Locale.ROOT, "  speed-up, 2 threads: %.2fx the engine on 1 thread, %.2fx the plain loop%n",
          one.wall / two.wall, loop.wall / two.wall);
      System.out.printf(Locale.ROOT, "  on 2 idle cores at these CPU costs at most %.2fx (2 x one thread's worker CPU "
          + "/ two threads' process CPU)%n", 2 * one.workers / two.process);
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

  /**
   * One way of running the points: the best wall time of its runs and, from that run, the process CPU split
   * into the threads that ran points (each such thread's CPU and allocation read by itself after every point),
   * the JIT compiler threads and the garbage collector threads.
   */
  static final class Phase {
    final String name;
    double wall = Double.POSITIVE_INFINITY;
    double process;
    double workers;
    double jit;
    double gc;
    double allocated;
    /** Sum over the workers of the time from a worker's last point to the end (the end's imbalance). */
    double idleAtEnd;
    /** Every run's wall time, in order. */
    final List<Double> walls = new ArrayList<>();
    /** Sum over the workers of wall minus CPU while they ran points (off a core: load, or the JIT and GC). */
    double waiting;

    Phase(String name) {
      this.name = name;
    }

    interface Body {
      /** Runs the points; calls {@code perThread} on each worker thread after each point (and may at the end). */
      void run(java.util.function.Consumer<Void> perThread) throws Exception;
    }

    void measure(int n, Body body) throws Exception {
      com.sun.management.ThreadMXBean tm = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
          .getThreadMXBean();
      java.util.Map<Long, long[]> seen = new java.util.concurrent.ConcurrentHashMap<>();
      java.util.Map<Long, Long> lastAt = new java.util.concurrent.ConcurrentHashMap<>();
      long self = Thread.currentThread().getId();
      long[] self0 = {tm.getCurrentThreadCpuTime(), tm.getCurrentThreadAllocatedBytes()};
      java.util.Map<String, double[]> vm0 = vmThreads();
      long c0 = cpuNanos();
      long t0 = System.nanoTime();
      body.run(x -> {
        seen.put(Thread.currentThread().getId(), new long[] {tm.getCurrentThreadCpuTime(),
            tm.getCurrentThreadAllocatedBytes()});
        lastAt.put(Thread.currentThread().getId(), System.nanoTime());
      });
      long t1 = System.nanoTime();
      double w = (t1 - t0) / 1e9;
      double c = (cpuNanos() - c0) / 1e9;
      double[] vm = vmThreadsCpu(vm0, vmThreads());
      walls.add(w);
      if (w >= wall) {
        return;
      }
      wall = w;
      process = c;
      workers = 0;
      allocated = 0;
      idleAtEnd = 0;
      waiting = 0;
      for (java.util.Map.Entry<Long, long[]> e : seen.entrySet()) {
        // the calling thread was running before; the engine's workers start at 0
        boolean caller = e.getKey() == self;
        double cpu = (e.getValue()[0] - (caller ? self0[0] : 0)) / 1e9;
        workers += cpu;
        allocated += e.getValue()[1] - (caller ? self0[1] : 0);
        double busy = (lastAt.get(e.getKey()) - t0) / 1e9;
        idleAtEnd += (t1 - lastAt.get(e.getKey())) / 1e9;
        waiting += Math.max(0, busy - cpu);
      }
      jit = vm[0];
      gc = vm[1];
    }

    double ms(double seconds, int n) {
      return 1e3 * seconds / n;
    }
  }

  /**
   * CPU seconds so far of this JVM's JIT compiler threads and garbage collector (and VM) threads, by thread id,
   * from {@code /proc/self/task/*} (Linux; empty elsewhere).
   */
  static java.util.Map<String, double[]> vmThreads() {
    java.util.Map<String, double[]> out = new java.util.HashMap<>();
    try (java.nio.file.DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path t : tasks) {
        try {
          String comm = Files.readString(t.resolve("comm")).trim();
          double sec = Long.parseLong(Files.readString(t.resolve("schedstat")).trim().split(" ")[0]) / 1e9;
          if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            out.put(t.getFileName().toString(), new double[] {sec, 0});
          } else if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread")) {
            out.put(t.getFileName().toString(), new double[] {0, sec});
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended while being read
        }
      }
    } catch (IOException | RuntimeException e) {
      return java.util.Map.of();
    }
    return out;
  }

  /**
   * JIT and GC CPU seconds between two {@link #vmThreads} readings: threads started in between count from 0;
   * a thread that ended in between (the JVM stops idle compiler threads) is missed.
   */
  static double[] vmThreadsCpu(java.util.Map<String, double[]> before, java.util.Map<String, double[]> after) {
    double[] d = new double[2];
    for (java.util.Map.Entry<String, double[]> e : after.entrySet()) {
      double[] b = before.getOrDefault(e.getKey(), new double[2]);
      d[0] += e.getValue()[0] - b[0];
      d[1] += e.getValue()[1] - b[1];
    }
    return d;
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
