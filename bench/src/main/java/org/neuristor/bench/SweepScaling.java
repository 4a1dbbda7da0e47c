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
import org.neuristor.util.ThreadCpu;

/**
 * Sweep engine throughput: {@code java -cp bench/target/benchmarks.jar org.neuristor.bench.SweepScaling
 * [SPEC] [--points N] [--reps R] [--warmup W] [--round K] [--pairs P] [--detail] [--spark]} from the repository root
 * (default spec: examples/sweep-lif-mc.yaml, about 0.1 s of simulation per point).
 *
 * <ol>
 *   <li>In process, the first {@code N} points (default 200) three ways, alternated, best wall of {@code --reps R}
 *       (default 2) each, after a warm-up through the engine on 2 threads in rounds of 40 points until the JIT
 *       compiler threads take under 2% of a round's CPU ({@code --settled PCT}) in 3 rounds in a row (at most
 *       {@code --warmup W} points, default 2000) and, for up to 200 points, one
 *       untimed run of the engine on 1 and 2 threads: a plain single-threaded loop over
 *       {@link PointResult#evaluate} (no CSV), {@link LocalEngine} on 1 thread and on 2 threads (both writing the
 *       crash-safe CSV, as {@code neuristor sweep --threads 1|2}). Prints points/s, the speed-up, and the CPU per
 *       point split into the threads that ran points, the JIT compiler threads and the garbage collector (read
 *       per thread, so independent of the machine's load), and allocation per point. The ceiling printed is
 *       what 2 idle cores could give at those CPU costs: 2 x one thread's worker CPU / two threads' process CPU.
 *       For the 2-thread run it also prints where its wall time went beyond its CPU: workers idle at the end
 *       (the point order's imbalance) and workers waiting for a core while running points (the run queue), and
 *       for both engine runs the host's steal time and the CPU other processes used meanwhile.
 *       {@code bench/sweeps/fv-20.yaml} and {@code fv-1000.yaml} are the issue's 20- and 1,000-point cases.
 *   <li>Paired rounds: the engine on 1 thread and on 2 threads back to back over the same block of at most
 *       {@code --round K} consecutive points (default 40; the blocks cover the sweep, each a sweep resumed with the
 *       other points already in its CSV), the order alternating (1-2, 2-1, ...), for whole passes over the blocks
 *       and at least {@code --pairs P} rounds (default 20). A whole sweep on 1 thread and then on 2 runs minutes
 *       apart for 1,000 points, and this host's speed moves in minutes; a round's two runs see the same moment.
 *       Prints the median of the per-round speed-ups with quartiles, the summed walls' ratio, the per-round CPU,
 *       ceiling and run-queue figures and the steal time per phase; {@code --detail} prints every round.
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

  /**
   * The warm-up ends after this many rounds in a row under {@link #JIT_SETTLED}: one such round (the bound until round
   * 12) was often followed by timed runs with 1-12 ms of JIT per 40 ms point (fv-20, load under 1).
   */
  static final int SETTLED_ROUNDS = 3;

  public static void main(String[] args) throws Exception {
    Path spec = Path.of("examples/sweep-lif-mc.yaml");
    int points = 200;
    int reps = 2;
    int warmup = 2000;
    boolean spark = false;
    int round = 40;
    int pairs = 20;
    boolean detail = false;
    double settled = JIT_SETTLED;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--points" -> points = Integer.parseInt(args[++i]);
        case "--spark" -> spark = true;
        case "--reps" -> reps = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--round" -> round = Integer.parseInt(args[++i]);
        case "--pairs" -> pairs = Integer.parseInt(args[++i]);
        case "--detail" -> detail = true;
        case "--settled" -> settled = Double.parseDouble(args[++i]) / 100;
        default -> spec = Path.of(args[i]);
      }
    }
    if (reps < 1 || round < 1 || pairs < 1) {
      System.err.println("SweepScaling: --reps, --round and --pairs take a count of at least 1");
      System.exit(2);
    }
    SweepSpec s = SweepSpec.load(spec);
    int requested = Math.min(points, s.size());
    int cores = Runtime.getRuntime().availableProcessors();
    // warm-up until the JIT has settled: rounds of up to 40 points (from the far end of the spec) through the
    // engine on 2 threads, writing a CSV as the timed runs do, until the compiler threads take under `settled` of
    // the CPU in SETTLED_ROUNDS rounds in a row, at most `warmup` points. Points run their set-up code (netlist
    // parsing, building the MNA system) once each, so the JIT keeps compiling it for hundreds of points; timed while
    // it does, one thread gets the compiler's work done on the idle second core and two threads pay for it: that
    // measures the JIT, not the engine
    Path tmp = Files.createTempDirectory("sweep-bench");
    int warmed = 0;
    double jitShare = 1;
    int calm = 0;
    List<PointResult> placeholders = java.util.stream.IntStream.range(0, s.size())
        .mapToObj(i -> new PointResult(i, java.util.Map.of(), java.util.Map.of(), "not in this warm-up round", 0))
        .toList();
    for (int w = 0; warmed < warmup && calm < SETTLED_ROUNDS; w++) {
      int from = warmed;
      int[] these = java.util.stream.IntStream.range(0, Math.min(40, s.size()))
          .map(k -> s.size() - 1 - (from + k) % s.size()).toArray();
      java.util.Map<String, double[]> vm0 = vmThreads();
      long c0 = cpuNanos();
      try (ResultsLog log = openBlock(tmp.resolve("warm-up" + w), s, placeholders, these)) {
        LocalEngine.run(s, log, 2, null);
      }
      warmed += these.length;
      double cpu = (cpuNanos() - c0) / 1e9;
      jitShare = cpu > 0 ? vmThreadsCpu(vm0, vmThreads())[0] / cpu : 0;
      calm = jitShare < settled ? calm + 1 : 0;
      if (detail) {
        System.out.printf(Locale.ROOT, "    warm-up %d points: JIT %.1f%% of the round's CPU%n", warmed, 100 * jitShare);
      }
    }
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
        loop.measure(perThread -> {
          for (int i = 0; i < n; i++) {
            PointResult.evaluate(sub, i);
          }
          perThread.accept(null);
        });
        for (Phase e : List.of(one, two)) {
          e.measure(perThread -> {
            try (ResultsLog log = ResultsLog.open(tmp.resolve("engine" + runs[0]++), sub)) {
              LocalEngine.run(sub, log, e == one ? 1 : 2, r -> perThread.accept(null));
            }
          });
        }
        if (detail) {
          for (Phase p : List.of(loop, one, two)) {
            System.out.println(detailLine("whole sweep " + rep + ", " + p.name, p.runs.get(rep), n));
          }
        }
      }
      String loadAfterPhases = loadAverage();
      // paired rounds: the engine on 1 and on 2 threads back to back over the same block of points, alternating
      // which goes first; a block is a resumed sweep whose other points are already in the CSV (the rows of the
      // first 1-thread run), as `neuristor sweep` resumes a folder
      List<PointResult> rows = ResultsLog.read(ResultsLog.csvPath(tmp.resolve("engine0"), sub), sub);
      int[][] block = blocks(n, round);
      int rounds = rounds(pairs, block.length);
      Phase pairedOne = new Phase("1 thread");
      Phase pairedTwo = new Phase("2 threads");
      int probeReps = HostProbe.calibrate(0.03);
      List<HostProbe.Result> probes = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        int[] these = block[r % block.length];
        for (int t : roundOrder(r)) {
          if (t == roundOrder(r)[1]) {
            // between the round's two runs: the host's own 2-thread speed-up at this moment
            probes.add(HostProbe.measure(probeReps));
            if (detail) {
              HostProbe.Result p = probes.get(r);
              System.out.printf(Locale.ROOT, "    round %d, host probe: %.1f ms on 1 thread, %.1f ms on 2 (CPU %.1f and "
                  + "%.1f ms per thread): %.2fx%n", r, 1e3 * p.wall1(), 1e3 * p.wall2(), 1e3 * p.cpu1(), 1e3 * p.cpu2(),
                  p.speedUp());
            }
          }
          try (ResultsLog log = openBlock(tmp.resolve("round" + r + "-" + t), sub, rows, these)) {
            (t == 1 ? pairedOne : pairedTwo).measure(perThread ->
                LocalEngine.run(sub, log, t, x -> perThread.accept(null)));
          }
          if (detail) {
            System.out.println(detailLine(String.format(Locale.ROOT, "round %d, points %d-%d, %d thread%s", r, these[0],
                these[these.length - 1], t, t == 1 ? "" : "s"), (t == 1 ? pairedOne : pairedTwo).runs.get(r),
                these.length));
          }
        }
      }
      System.out.printf(Locale.ROOT, "sweep %s, %d points, %d cores, load average %s after the whole-sweep runs, %s "
          + "after the paired rounds (warm-up %d points, JIT %.1f%% of the last warm-up round's CPU, %s)%n", s.name(), n,
          cores, loadAfterPhases, loadAverage(), warmed, 100 * jitShare, calm >= SETTLED_ROUNDS ? "settled: under "
          + 100 * settled + "% in " + SETTLED_ROUNDS + " rounds in a row" : "not settled: --warmup reached");
      System.out.printf(Locale.ROOT, "whole sweep, the three alternated, best wall of %d each (the figure printed "
          + "before round 13):%n", reps);
      System.out.println("  CPU per point in ms: workers = the threads running points; JIT = compiler threads; GC = "
          + "collector and VM threads (Linux)");
      for (Phase p : List.of(loop, one, two)) {
        Run b = p.best;
        System.out.printf(Locale.ROOT, "  %-30s %7.2f s %7.2f points/s  process %5.1f = workers %5.1f + JIT %5.1f"
            + " + GC %4.1f + other %4.1f  alloc %.2f MB/point%n", p.name, b.wall, n / b.wall, ms(b.process, n),
            ms(b.workers, n), ms(b.jit, n), ms(b.gc, n), ms(b.process - b.workers - b.jit - b.gc, n),
            b.allocated / 1e6 / n);
      }
      System.out.printf(Locale.ROOT, "  every run's wall (s): 1 thread %s; 2 threads %s%n", one.walls(), two.walls());
      Run b2 = two.best;
      System.out.printf(Locale.ROOT, "  2 threads, where the wall went beyond the CPU: workers idle at the end (one "
          + "still on its last point) %.0f ms, workers waiting for a core while running points %.0f ms (sums over the "
          + "workers; a run of %.0f ms)%n", 1e3 * b2.idleAtEnd, 1e3 * b2.runQueue, 1e3 * b2.wall);
      System.out.printf(Locale.ROOT, "  machine during the best runs: steal %.2f s (1 thread) and %.2f s (2 threads), "
          + "other processes' CPU %.2f s and %.2f s%n", one.best.steal, b2.steal, one.best.others, b2.others);
      System.out.printf(Locale.ROOT, "  speed-up, 2 threads: %.2fx the engine on 1 thread, %.2fx the plain loop (best "
          + "walls; each run's pair, 1 thread then 2 seconds later: %s)%n", one.best.wall / b2.wall,
          loop.best.wall / b2.wall, pairRatios(one.runs, two.runs));
      System.out.printf(Locale.ROOT, "  on 2 idle cores at these CPU costs at most %.2fx (2 x one thread's worker CPU "
          + "/ two threads' process CPU)%n", 2 * one.best.workers / b2.process);
      printRounds(pairedOne.runs, pairedTwo.runs, probes, block, rounds);
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
   * One timed run of the points. {@code process}, {@code workers}, {@code jit} and {@code gc} are CPU seconds: the
   * whole JVM, the threads that ran points (each read by itself after every point), the JIT compiler threads and
   * the collector and VM threads. {@code idleAtEnd}: summed over the workers, the time from a worker's last point to
   * the end (the end's imbalance). {@code runQueue}: summed over the workers, the time they were ready to run but
   * waited for a core ({@code /proc/thread-self/schedstat}; where that is missing, a worker's wall time to its last
   * point minus its CPU). {@code steal}: the CPU time the hypervisor gave to other guests while this machine's
   * cores wanted it, {@code others}: the CPU time other processes of this machine used, both summed over the cores
   * ({@code /proc/stat}, in ticks of 10 ms; NaN off Linux).
   */
  record Run(double wall, double process, double workers, double jit, double gc, double allocated, double idleAtEnd,
      double runQueue, double steal, double others) {}

  /** One way of running the points: its runs, in order, and the one with the best wall time. */
  static final class Phase {
    final String name;
    final List<Run> runs = new ArrayList<>();
    Run best;

    Phase(String name) {
      this.name = name;
    }

    interface Body {
      /** Runs the points; calls {@code perThread} on each worker thread after each point (and may at the end). */
      void run(java.util.function.Consumer<Void> perThread) throws Exception;
    }

    Run measure(Body body) throws Exception {
      com.sun.management.ThreadMXBean tm = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
          .getThreadMXBean();
      java.util.Map<Long, long[]> seen = new java.util.concurrent.ConcurrentHashMap<>();
      long self = Thread.currentThread().getId();
      long[] self0 = {tm.getCurrentThreadCpuTime(), tm.getCurrentThreadAllocatedBytes(), runQueueNanos()};
      java.util.Map<String, double[]> vm0 = vmThreads();
      long[] stat0 = procStat();
      long c0 = cpuNanos();
      long t0 = System.nanoTime();
      body.run(x -> seen.put(Thread.currentThread().getId(), new long[] {tm.getCurrentThreadCpuTime(),
          tm.getCurrentThreadAllocatedBytes(), runQueueNanos(), System.nanoTime()}));
      long t1 = System.nanoTime();
      long c1 = cpuNanos();
      long[] stat1 = procStat();
      double[] vm = vmThreadsCpu(vm0, vmThreads());
      double process = (c1 - c0) / 1e9;
      double workers = 0;
      double allocated = 0;
      double idleAtEnd = 0;
      double runQueue = 0;
      for (java.util.Map.Entry<Long, long[]> e : seen.entrySet()) {
        // the calling thread was running before; the engine's workers start at 0
        boolean caller = e.getKey() == self;
        long[] v = e.getValue();
        double cpu = (v[0] - (caller ? self0[0] : 0)) / 1e9;
        workers += cpu;
        allocated += v[1] - (caller ? self0[1] : 0);
        idleAtEnd += (t1 - v[3]) / 1e9;
        runQueue += v[2] >= 0 && self0[2] >= 0 ? (v[2] - (caller ? self0[2] : 0)) / 1e9
            : Math.max(0, (v[3] - t0) / 1e9 - cpu);
      }
      double[] machine = machineDelta(stat0, stat1);
      Run r = new Run((t1 - t0) / 1e9, process, workers, vm[0], vm[1], allocated, idleAtEnd, runQueue, machine[0],
          machine[1] - process);
      runs.add(r);
      if (best == null || r.wall < best.wall) {
        best = r;
      }
      return r;
    }

    /** Every run's wall time in seconds, in order. */
    List<Double> walls() {
      return runs.stream().map(Run::wall).toList();
    }
  }

  /**
   * The results log of a sweep resumed in a fresh folder {@code dir} with every row of {@code rows} already recorded
   * except those of {@code points}: the engine then runs just those points, as {@code neuristor sweep} runs the
   * pending points of a folder.
   */
  static ResultsLog openBlock(Path dir, SweepSpec spec, List<PointResult> rows, int[] points) {
    java.util.Set<Integer> mine = java.util.Arrays.stream(points).boxed().collect(java.util.stream.Collectors.toSet());
    ResultsLog log = ResultsLog.open(dir, spec);
    for (PointResult row : rows) {
      if (!mine.contains(row.index())) {
        log.appendLine(row.index(), row.csvLine(spec));
      }
    }
    return log;
  }

  /** A round is quiet when other processes used less than this share of one core during its two runs. */
  static final double QUIET = 0.05;

  /** "2.01x 1.95x": each whole-sweep repetition's 1-thread wall over its 2-thread wall. */
  static String pairRatios(List<Run> one, List<Run> two) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(one.size(), two.size()); i++) {
      sb.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2fx", one.get(i).wall / two.get(i).wall));
    }
    return sb.toString();
  }

  /** Prints the paired rounds' figures: per-round ratios with their spread, CPU, waiting and the machine. */
  static void printRounds(List<Run> one, List<Run> two, List<HostProbe.Result> probes, int[][] block, int rounds) {
    int k = block[0].length;
    double[] ratio = new double[rounds];
    double[] cpu1 = new double[rounds];
    double[] cpu2 = new double[rounds];
    double[] cpuRatio = new double[rounds];
    double[] ceiling = new double[rounds];
    double[] wait1 = new double[rounds];
    double[] wait2 = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      int m = block[r % block.length].length;
      Run a = one.get(r);
      Run b = two.get(r);
      ratio[r] = a.wall / b.wall;
      cpu1[r] = ms(a.workers, m);
      cpu2[r] = ms(b.workers, m);
      cpuRatio[r] = 100 * (b.workers / a.workers - 1);
      ceiling[r] = 2 * a.workers / b.process;
      wait1[r] = ms(a.runQueue, m);
      wait2[r] = ms(b.runQueue, m);
    }
    double[] probe = probes.stream().mapToDouble(HostProbe.Result::speedUp).toArray();
    double[] probeCpu = probes.stream().mapToDouble(p -> 100 * (p.cpu2() / p.cpu1() - 1)).toArray();
    double[] relative = new double[rounds];
    List<Integer> quiet = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      relative[r] = ratio[r] / probe[r];
      Run a = one.get(r);
      Run b = two.get(r);
      if ((a.others + b.others) / (a.wall + b.wall) < QUIET) {
        quiet.add(r);
      }
    }
    double wall1 = sum(one, Run::wall);
    double wall2 = sum(two, Run::wall);
    System.out.printf(Locale.ROOT, "paired rounds: the engine on 1 thread and on 2 threads over the same %s points, back "
        + "to back (1 then 2, then 2 then 1, ...), %d rounds (%d block%s covering the sweep, %d pass%s), so that both "
        + "see the machine at the same moment:%n", block.length == 1 ? "" + k : "~" + k, rounds, block.length,
        block.length == 1 ? "" : "s", rounds / block.length, rounds / block.length == 1 ? "" : "es");
    System.out.printf(Locale.ROOT, "  speed-up per round (1-thread wall / 2-thread wall): %s; all rounds summed %.2f s "
        + "/ %.2f s = %.2fx%n", spread(ratio, "%.2fx"), wall1, wall2, wall1 / wall2);
    System.out.printf(Locale.ROOT, "  workers' CPU per point (ms): 1 thread %s; 2 threads %s; 2 threads against 1 in "
        + "the same round: %s%n", spread(cpu1, "%.1f"), spread(cpu2, "%.1f"), spread(cpuRatio, "%+.1f%%"));
    System.out.printf(Locale.ROOT, "  on 2 idle cores at each round's CPU costs at most (2 x one thread's worker CPU / "
        + "two threads' process CPU): %s%n", spread(ceiling, "%.2fx"));
    System.out.printf(Locale.ROOT, "  workers waiting for a core while running points (ms per point, summed over the "
        + "workers; run queue): 1 thread %s; 2 threads %s%n", spread(wait1, "%.1f"), spread(wait2, "%.1f"));
    System.out.printf(Locale.ROOT, "  machine, all rounds summed: steal %.2f s during the 1-thread runs and %.2f s "
        + "during the 2-thread runs; other processes' CPU %.2f s and %.2f s (in %.2f s and %.2f s of wall on 2 "
        + "cores)%n", sum(one, Run::steal), sum(two, Run::steal), sum(one, Run::others), sum(two, Run::others), wall1,
        wall2);
    System.out.printf(Locale.ROOT, "  host probe between each round's two runs (a compute loop on private data, no JVM "
        + "work, on 1 thread and then on 2 at once: what this machine gives two threads that share nothing): speed-up %s;"
        + " a loop's CPU on 2 threads against 1: %s%n", spread(probe, "%.2fx"), spread(probeCpu, "%+.1f%%"));
    System.out.printf(Locale.ROOT, "  the probe's loop on 1 thread, CPU ms (the same work every round, so this is the host's"
        + " speed): %s%n", spread(probes.stream().mapToDouble(p -> 1e3 * p.cpu1()).toArray(), "%.1f"));
    System.out.printf(Locale.ROOT, "  the engine's speed-up over the probe's in the same round: %s%n",
        spread(relative, "%.2f"));
    if (quiet.isEmpty()) {
      System.out.printf(Locale.ROOT, "  no round had other processes under %.0f%% of a core%n", 100 * QUIET);
    } else {
      double[] q = quiet.stream().mapToDouble(r -> ratio[r]).toArray();
      double[] qp = quiet.stream().mapToDouble(r -> probe[r]).toArray();
      System.out.printf(Locale.ROOT, "  the %d round%s in which other processes used under %.0f%% of a core: speed-up "
          + "%s; host probe %s%n", quiet.size(), quiet.size() == 1 ? "" : "s", 100 * QUIET, spread(q, "%.2fx"),
          spread(qp, "%.2fx"));
    }
  }

  /** One run's line for {@code --detail}: wall, then per point the workers' CPU, JIT, process CPU and run queue. */
  static String detailLine(String what, Run x, int points) {
    return String.format(Locale.ROOT, "    %s: %.3f s, workers %.1f ms/point, JIT %.1f, process %.1f, run queue %.1f, "
        + "steal %.2f s, others %.2f s", what, x.wall, ms(x.workers, points), ms(x.jit, points), ms(x.process, points),
        ms(x.runQueue, points), x.steal, x.others);
  }

  /** Milliseconds per point. */
  static double ms(double seconds, int n) {
    return 1e3 * seconds / n;
  }

  /**
   * The points of each paired round: {@code n} points split into consecutive blocks of at most {@code size},
   * as equal as possible.
   */
  static int[][] blocks(int n, int size) {
    if (n < 1 || size < 1) {
      throw new IllegalArgumentException(n + " points in blocks of " + size);
    }
    int count = (n + size - 1) / size;
    int[][] out = new int[count][];
    for (int b = 0; b < count; b++) {
      int from = (int) ((long) b * n / count);
      int to = (int) ((long) (b + 1) * n / count);
      out[b] = java.util.stream.IntStream.range(from, to).toArray();
    }
    return out;
  }

  /**
   * The thread counts of paired round {@code r}, in the order they run: 1 then 2 in even rounds, 2 then 1 in odd
   * ones, so that a machine speeding up or slowing down during a round favours neither.
   */
  static int[] roundOrder(int r) {
    return r % 2 == 0 ? new int[] {1, 2} : new int[] {2, 1};
  }

  /** Paired rounds for at least {@code pairs} rounds over {@code blocks} blocks: whole passes over the blocks. */
  static int rounds(int pairs, int blocks) {
    return blocks * Math.max(1, (pairs + blocks - 1) / blocks);
  }

  /** The summary of paired rounds' per-round values: median with quartiles, as the other benches print it. */
  static String spread(double[] v, String format) {
    return String.format(Locale.ROOT, "median " + format + " (quartiles " + format + " to " + format + ", range "
        + format + " to " + format + ")", WholeProcess.median(v), WholeProcess.quantile(v, 0.25),
        WholeProcess.quantile(v, 0.75), WholeProcess.quantile(v, 0), WholeProcess.quantile(v, 1));
  }

  /** The values of {@code f} over the runs. */
  static double[] each(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
    return runs.stream().mapToDouble(f).toArray();
  }

  /** The sum of {@code f} over the runs. */
  static double sum(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
    return runs.stream().mapToDouble(f).sum();
  }

  /**
   * The aggregate CPU line of {@code /proc/stat} ({@code cpu user nice system idle iowait irq softirq steal ...},
   * ticks summed over the cores), or null where it cannot be read.
   */
  static long[] procStat() {
    try (java.io.BufferedReader r = Files.newBufferedReader(Path.of("/proc/stat"))) {
      return parseCpuLine(r.readLine());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The numbers of {@code /proc/stat}'s first line ({@code cpu  3746880 2509 202568 ...}). */
  static long[] parseCpuLine(String line) {
    String[] f = line.trim().split("\\s+");
    if (!f[0].equals("cpu") || f.length < 9) {
      throw new IllegalArgumentException("not the aggregate cpu line of /proc/stat: " + line);
    }
    long[] v = new long[f.length - 1];
    for (int i = 1; i < f.length; i++) {
      v[i - 1] = Long.parseLong(f[i]);
    }
    return v;
  }

  /** Linux's clock ticks of /proc/stat (USER_HZ, 100 on every common architecture). */
  static final double TICK = 0.01;

  /**
   * Seconds between two {@link #procStat} readings, summed over the cores: {steal, busy}, busy being user, nice,
   * system, irq and softirq (every process's CPU, this one's included); NaN when either reading is missing.
   */
  static double[] machineDelta(long[] before, long[] after) {
    if (before == null || after == null) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double steal = (after[7] - before[7]) * TICK;
    long busy = 0;
    for (int i : new int[] {0, 1, 2, 5, 6}) {
      busy += after[i] - before[i];
    }
    return new double[] {steal, busy * TICK};
  }

  /** This thread's time so far waiting on a run queue for a core, in ns (second field of schedstat); -1 if unknown. */
  static long runQueueNanos() {
    try {
      return parseRunQueue(Files.readString(Path.of("/proc/thread-self/schedstat")));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The run-queue wait of a schedstat line ({@code on-cpu-ns waiting-ns timeslices}). */
  static long parseRunQueue(String schedstat) {
    return Long.parseLong(schedstat.trim().split(" ")[1]);
  }

  /**
   * CPU seconds so far of this JVM's JIT compiler threads and garbage collector (and VM) threads, by thread id,
   * from {@code /proc/self/task/*} (Linux; empty elsewhere).
   */
  static java.util.Map<String, double[]> vmThreads() {
    java.util.Map<String, double[]> out = new java.util.HashMap<>();
    ThreadCpu.threads(ThreadCpu::compiler).forEach((id, p) -> put(out, id, p, 0));
    ThreadCpu.threads(c -> c.startsWith("GC Thread") || c.startsWith("G1 ") || c.startsWith("VM Thread"))
        .forEach((id, p) -> put(out, id, p, 1));
    return out;
  }

  /** Puts thread {@code id}'s CPU seconds into slot {@code k} (0 JIT, 1 GC and VM) unless it has ended. */
  private static void put(java.util.Map<String, double[]> out, String id, Path schedstat, int k) {
    long ns = ThreadCpu.nanos(schedstat);
    if (ns >= 0) {
      double[] v = new double[2];
      v[k] = ns / 1e9;
      out.put(id, v);
    }
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
