package org.neuristor.network;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.neuristor.io.CsvWriter;
import org.neuristor.io.LocatedTree;
import org.neuristor.util.ThreadCpu;

/**
 * Runs a miniature of a network file ({@link NetworkFile#miniature}: every population cut to a fiftieth,
 * 16 to 256 neurons) on a background thread while the command line is parsed and the real network is
 * built, so that the JIT has compiled the step kernels (integration, threshold, delivery, monitors) by the
 * time the real run starts: a run of a few seconds otherwise spends its first thousands of steps in the
 * interpreter and in profiling code. Then it formats the miniature's spikes as the CSV writer does, for the
 * same reason.
 *
 * <p>The miniature is a separate network with its own arrays and random streams; nothing it does reaches the
 * real run, whose results are bit-for-bit the same with or without it (and with or without the load-ahead below). Any error of the miniature (a file
 * that does not parse, a list connection outside the smaller populations) ends the warm-up silently: the
 * real load reports it. {@link #close()} stops the miniature's steps (within one chunk of {@link #CHUNK}
 * steps) and its CSV formatting (within one round), so that nothing of the warm-up runs beside the real loop;
 * the thread is a daemon and never delays the end of the process.
 *
 * <p>Started with {@code loadAhead}, the warm-up also loads the real network ({@link NetworkFile#load} with the
 * file's own thread count) after its steps and CSV rounds, while the command line is still being parsed (on a cold start
 * picocli takes longer than the miniature's steps): the command then takes it ({@link #loaded}) instead of loading
 * the file itself. The same call on another thread, so the same network. If the command asks before the load
 * started, it loads the file itself and the warm-up never does; if the load is under way, it waits for it; a file
 * that fails to load is loaded again by the command, which reports the error.
 */
public final class WarmUp implements AutoCloseable {
  /** Steps of the miniature between two looks at the stop flag. */
  static final int CHUNK = 20;
  /**
   * Most steps the miniatures run in all. Enough for every step kernel (integration, threshold scan, delivery,
   * monitors, the step itself) to reach C2's thresholds on the miniature, so that the real loop starts on C2
   * code. With 5,000 steps (round 8) only the integration and the scan did: compile logs of COBA's command
   * show the task, update, delivery, collect and monitor kernels queued for C2 4-70 ms after the real loop
   * started, which then ran their C1 code meanwhile, with C2 compiling beside it. Once compiled, the steps are
   * cheap (COBA's 80-neuron miniature: warm-up thread CPU 114-137 ms with 20,000 steps, 99-109 ms with 5,000,
   * 3 runs each, load 6). The step listener is called outside the per-step methods ({@link Network#runSteps}),
   * so their code compiled on the miniature (no listener) serves the real run. COBA's literal command against
   * 5,000 steps (alternated whole processes, rotated order, load 4.7-7): loop wall_s median 0.69x, 0.84x and
   * 0.83x in three calls (12, 16 and 12 runs each), whole process 0.98x, 0.91x and 1.04x; C2 compiling during
   * the loop 22 vs 46 ms of CPU (10 runs each, load 6.7). Quiet, against round 8's build (5,000 steps): loop
   * 0.90-0.94x, whole process 1.02-1.07x (16 runs each, four calls): the extra steps cost start-up time; 10,000
   * steps gave the loop 0.98x and the whole process 1.00-1.02x (README, speed).
   */
  static final long MAX_STEPS = 20_000;
  /** Steps of one miniature (fewer if its file asks for fewer); then a fresh one is built. */
  static final long ROUND = 1_000;
  /** Times the last miniature's spike list is formatted as CSV after the steps. */
  static final int CSV_ROUNDS = 40;
  /**
   * Calls of the LIF kernels over a real block of neurons early in the miniature's run ({@link #profileKernels}): more
   * than the invocations after which C2 compiles a method (Tier4MinInvocationThreshold, 600, times the launcher's
   * CompileThresholdScaling of 2 for network jobs), so that C2 compiles them from these calls' trip counts.
   */
  static final int KERNEL_CALLS = 1_500;
  /**
   * Miniature steps before those calls: by then C1 has compiled the kernels with their profiling (a few hundred
   * calls), so the calls run compiled code and are counted in the profile (interpreted calls cost ~10x and count
   * in no profile), while C2 has not yet compiled the kernels from the miniature's own calls (~1,200 calls).
   */
  static final int KERNEL_AFTER = 200;
  /** Most the command's thread waits, after the miniature, for the JIT's compiler threads to go idle. */
  static final long JIT_WAIT_MILLIS = 100;
  /** Polls of 1 ms in a row with the compiler threads idle that end that wait. */
  static final int JIT_IDLE_POLLS = 2;
  /** Compiler threads' CPU time within one poll below which they count as idle. */
  static final long JIT_BUSY_NANOS = 200_000;

  /** States of the load-ahead: not started; started (loading, or done when {@link #aheadDone} is); never to be done. */
  private static final int AHEAD_FREE = 0;
  private static final int AHEAD_LOADING = 1;
  private static final int AHEAD_CLAIMED = 2;

  private final Thread thread;
  private final Path file;
  private volatile boolean stop;
  private volatile long steps;
  private volatile int kernelNeurons;
  private final AtomicInteger ahead;
  private final CountDownLatch aheadDone = new CountDownLatch(1);
  /** Counted down when the miniature's steps and CSV rounds have ended (done, stopped or failed). */
  private final CountDownLatch warm = new CountDownLatch(1);
  /** The network loaded ahead (null if it failed); written before {@link #aheadDone} counts down. */
  private NetworkFile.Loaded aheadLoaded;

  private WarmUp(Path file, boolean loadAhead) {
    this.file = file;
    this.ahead = new AtomicInteger(loadAhead ? AHEAD_FREE : AHEAD_CLAIMED);
    thread = new Thread(() -> run(file), "neuristor-warm-up");
    thread.setDaemon(true);
  }

  /** Starts warming up on the network file at {@code file} (YAML, or JSON if it ends in .json); returns at once. */
  public static WarmUp start(Path file) {
    return start(file, false);
  }

  /**
   * As {@link #start(Path)}; with {@code loadAhead} the real network is also loaded after the miniature's steps
   * (for a command that will load {@code file} with the file's own thread count: {@link #loaded}).
   */
  public static WarmUp start(Path file, boolean loadAhead) {
    WarmUp w = new WarmUp(file, loadAhead);
    w.thread.start();
    return w;
  }

  /**
   * The network of {@code file} as {@code NetworkFile.load(file, threadsOverride)} loads it, if the warm-up loaded
   * it ahead (waits while it is loading), else null: then the caller loads it, and the warm-up never will. Null too
   * for another file, a thread override, a load that failed (the caller's own load reports the error) or a second
   * call.
   */
  public NetworkFile.Loaded loaded(Path file, int threadsOverride) {
    boolean same = threadsOverride <= 0 && this.file.equals(file);
    if (ahead.compareAndSet(AHEAD_FREE, AHEAD_CLAIMED) || ahead.get() == AHEAD_CLAIMED || !same) {
      return null;
    }
    try {
      aheadDone.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    NetworkFile.Loaded l = aheadLoaded;
    aheadLoaded = null; // handed over once
    return l;
  }

  /** Steps the miniature has run so far. */
  public long steps() {
    return steps;
  }

  /** Waits for the warm-up to end (for tests). */
  void join() throws InterruptedException {
    thread.join();
  }

  /** Stops the miniature's steps (the real run is about to start); returns at once. */
  @Override
  public void close() {
    stop = true;
  }

  /**
   * Called just before the real run of {@code steps} steps of {@code net}: waits for the miniature's steps and CSV
   * rounds to end if the real run is more work (steps times neurons) than what the miniature has left (its
   * remaining steps times its neurons, {@link NetworkFile#miniatureSize}), so that the run starts on the code they
   * compile; else stops them at once ({@link #close}). Either way nothing of the warm-up runs beside the real loop
   * (the load-ahead has ended or was claimed by then). Without the wait a command line parsed faster than the
   * miniature runs (NetworkCommand.Run.plain) would start COBA's loop on interpreted and C1 code. After the wait it
   * also waits for the JIT's compiler threads to go idle ({@link #awaitJitIdle}, at most {@link #JIT_WAIT_MILLIS}):
   * the kernels the miniature queued for C2 last are then installed when the loop starts, not compiled beside it
   * while it runs their C1 code.
   */
  public void beforeRun(Network net, long steps) {
    long real = 0;
    long mini = 0;
    for (Population p : net.populations()) {
      real += p.size;
      mini += NetworkFile.miniatureSize(p.size);
    }
    if (steps > 0 && (double) steps * real > (double) Math.max(0, MAX_STEPS - this.steps) * mini) {
      try {
        warm.await();
        awaitJitIdle();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    close();
  }

  /**
   * Waits (at most {@link #JIT_WAIT_MILLIS}) until the JIT's compiler threads have been idle for {@link #JIT_IDLE_POLLS}
   * polls of 1 ms in a row (less than {@link #JIT_BUSY_NANOS} of their CPU time per poll), so that the kernels the
   * miniature queued for C2 last are compiled and installed before the real loop starts rather than compiled beside
   * it while it runs their C1 code. Read from Linux's per-thread CPU times ({@code /proc/self/task/<id>/schedstat} of
   * HotSpot's "C1/C2 CompilerThread"s); elsewhere (no such files) it returns at once.
   */
  static void awaitJitIdle() throws InterruptedException {
    List<Path> compilers = compilerThreads();
    if (compilers.isEmpty()) {
      return;
    }
    long end = System.nanoTime() + JIT_WAIT_MILLIS * 1_000_000L;
    long last = cpuNanos(compilers);
    for (int idle = 0; idle < JIT_IDLE_POLLS && System.nanoTime() < end; ) {
      Thread.sleep(1);
      long now = cpuNanos(compilers);
      idle = now - last < JIT_BUSY_NANOS ? idle + 1 : 0;
      last = now;
    }
  }

  /** The schedstat files of this JVM's compiler threads ({@link ThreadCpu}); empty off Linux. */
  static List<Path> compilerThreads() {
    return new ArrayList<>(ThreadCpu.threads(ThreadCpu::compiler).values());
  }

  /** The CPU time of the given threads (a thread that ended counts 0). */
  private static long cpuNanos(List<Path> schedstats) {
    long sum = 0;
    for (Path p : schedstats) {
      sum += Math.max(0, ThreadCpu.nanos(p));
    }
    return sum;
  }

  private void run(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String name = file.toString();
      LocatedTree.Node root = LocatedTree.parse(name, text, name.toLowerCase(Locale.ROOT).endsWith(".json"));
      LocatedTree.Node tree = NetworkFile.miniatureTree(root);
      boolean kernels = true;
      // the CSV writer's stream is buffered as the files' streams are (AtomicFiles), so its calls see one class
      OutputStream sink = new BufferedOutputStream(OutputStream.nullOutputStream(), 1 << 16);
      Network net = null;
      while (!stop && steps < MAX_STEPS) {
        // a fresh miniature every ROUND steps: the branches of a network's first steps (nobody refractory
        // yet, monitors growing) are then also taken in profiled code, and the real run's first steps do
        // not send the compiled kernels back to the interpreter
        NetworkFile.Loaded mini = NetworkFile.miniature(name, tree);
        net = mini.network();
        long round = Math.min(ROUND, Math.round(mini.durationSeconds() / net.dt()));
        if (round == 0) {
          break;
        }
        for (long done = 0; done < round && !stop; done += CHUNK) {
          net.runSteps(Math.min(CHUNK, round - done), null);
          steps += Math.min(CHUNK, round - done);
          if (kernels && steps >= KERNEL_AFTER) {
            kernels = false;
            profileKernels(net, NetworkFile.largestPopulation(root));
          }
        }
      }
      if (net == null) {
        return;
      }
      // then the last miniature's spikes through the CSV writer, so that writing the real spike files after the
      // run is compiled code too; stopped with the steps, so that nothing of the warm-up runs beside the real
      // loop (work on the other core slows it: COBA's loop took 2x the CPU with a larger miniature's CSV
      // rounds running beside it; with this stop, 16 alternated processes at load 12-14: loop wall_s median
      // 0.158 s vs 0.247 s, loop thread CPU 64 vs 67 ms)
      for (int r = 0; r < CSV_ROUNDS && !stop; r++) {
        for (SpikeMonitor m : net.spikeMonitors()) {
          CsvWriter.writeColumns(sink, "warm-up", SpikeMonitor.HEADER, m.times(), m.neuronColumn());
        }
      }
      warm.countDown();
      // last, so that the JIT state at the real loop's start is what the steps and CSV rounds leave (as without it)
      loadAhead();
    } catch (Exception | StackOverflowError e) {
      // only a warm-up: the real load reports what is wrong with the file
    } finally {
      warm.countDown();
    }
  }

  /**
   * After the miniature's first {@link #KERNEL_AFTER} steps, if it has a LIF population: the LIF kernels whose loops
   * run over a block of a population's neurons ({@link LifPopulation#profileKernels}) run {@link #KERNEL_CALLS} times
   * over as many neurons as the real network's blocks have (its largest population, at most
   * {@link LifPopulation#BLOCK}). C2 unrolls a loop no further than the trip count its profile shows, and the
   * miniature's populations (16 to 256 neurons) alone profile COBA's loops at ~40 neurons a call where the real run's
   * blocks have 512 (compile logs: the forward-Euler loop compiled to 864 bytes from the miniature, 1,216 from these
   * calls or from the real network). COBA's loop after these calls: ~0.93x the thread CPU
   * (docs/network-performance.md, round 20).
   */
  private void profileKernels(Network mini, int largest) {
    for (Population p : mini.populations()) {
      if (p instanceof LifPopulation) {
        kernelNeurons = Math.min(LifPopulation.BLOCK, largest);
        LifPopulation.profileKernels(kernelNeurons, KERNEL_CALLS);
        return;
      }
    }
  }

  /** Neurons per call of the LIF kernels' profiling calls ({@link #profileKernels}); 0 if they did not run. */
  int kernelNeurons() {
    return kernelNeurons;
  }

  /** Loads the real network unless the command has claimed the load (see {@link #loaded}). */
  private void loadAhead() {
    if (!ahead.compareAndSet(AHEAD_FREE, AHEAD_LOADING)) {
      return;
    }
    try {
      aheadLoaded = NetworkFile.load(file, 0);
    } catch (RuntimeException | StackOverflowError e) {
      // the command loads the file again and reports the error
    } finally {
      aheadDone.countDown();
    }
  }
}
