package org.neuristor.network;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.neuristor.io.CsvWriter;
import org.neuristor.io.LocatedTree;

/**
 * Runs a miniature of a network file ({@link NetworkFile#miniature}: every population cut to a fiftieth,
 * 16 to 256 neurons) on a background thread while the command line is parsed and the real network is
 * built, so that the JIT has compiled the step kernels (integration, threshold, delivery, monitors) by the
 * time the real run starts: a run of a few seconds otherwise spends its first thousands of steps in the
 * interpreter and in profiling code. Then it formats the miniature's spikes as the CSV writer does, for the
 * same reason.
 *
 * <p>The miniature is a separate network with its own arrays and random streams; nothing it does reaches the
 * real run, whose results are bit-for-bit the same with or without it. Any error of the miniature (a file
 * that does not parse, a list connection outside the smaller populations) ends the warm-up silently: the
 * real load reports it. {@link #close()} stops the miniature's steps (within one chunk of {@link #CHUNK}
 * steps) and its CSV formatting (within one round), so that nothing of the warm-up runs beside the real loop;
 * the thread is a daemon and never delays the end of the process.
 *
 * <p>Started with {@link #startAhead}, it also loads the real file ({@link NetworkFile#load} with no thread
 * override) once the miniature's steps and CSV rounds are done, if the command has not asked for it yet: the real
 * network is then built while the command line is still being parsed, and {@link #take} hands it over (or the
 * error its load threw, unchanged). Loading last, in the warm-up's slack, keeps the warm-up as it was (a load
 * before the miniature made COBA's loop slower: net6, round 6).
 */
public final class WarmUp implements AutoCloseable {
  /** Steps of the miniature between two looks at the stop flag. */
  static final int CHUNK = 20;
  /** Most steps the miniatures run in all. */
  static final long MAX_STEPS = 20_000;
  /** Steps of one miniature (fewer if its file asks for fewer); then a fresh one is built. */
  static final long ROUND = 1_000;
  /** Times the last miniature's spike list is formatted as CSV after the steps. */
  static final int CSV_ROUNDS = 40;

  private final Thread thread;
  private final Path file;
  private final boolean ahead;
  private volatile boolean stop;
  private volatile long steps;
  /** The real load's state, guarded by {@code this}: see {@link #take}. */
  private Ahead state = Ahead.NONE;
  private NetworkFile.Loaded loaded;
  private Throwable failure;

  private enum Ahead { NONE, LOADING, DONE, TAKEN }

  private WarmUp(Path file, boolean ahead) {
    this.file = file;
    this.ahead = ahead;
    thread = new Thread(() -> run(file), "neuristor-warm-up");
    thread.setDaemon(true);
  }

  /** Starts warming up on the network file at {@code file} (YAML, or JSON if it ends in .json); returns at once. */
  public static WarmUp start(Path file) {
    WarmUp w = new WarmUp(file, false);
    w.thread.start();
    return w;
  }

  /**
   * As {@link #start}, and after the miniature's steps and CSV rounds the real file is loaded ahead with no thread
   * override, for {@link #take} (unless the command asked for it first).
   */
  public static WarmUp startAhead(Path file) {
    WarmUp w = new WarmUp(file, true);
    w.thread.start();
    return w;
  }

  /**
   * The network the command would get from {@code NetworkFile.load(file, threadsOverride)}, loaded ahead; null if
   * there is none (not started with {@link #startAhead}, another file or a thread override, already taken, or the
   * load not begun yet: then it never begins, and the caller loads the file itself). If the load ahead is under
   * way, waits for it. A load that failed throws the same exception here. A network loaded ahead and not taken
   * (another file, a thread override) is closed.
   */
  public NetworkFile.Loaded take(Path file, int threadsOverride) {
    boolean same = ahead && threadsOverride == 0 && this.file.equals(file);
    NetworkFile.Loaded l;
    Throwable t;
    synchronized (this) {
      while (state == Ahead.LOADING) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          state = Ahead.TAKEN; // the load ahead closes what it built when it ends
          return null;
        }
      }
      Ahead was = state;
      state = Ahead.TAKEN;
      if (was != Ahead.DONE) {
        return null;
      }
      l = loaded;
      t = failure;
      loaded = null;
      failure = null;
    }
    if (!same) {
      if (l != null) {
        l.network().close();
      }
      return null;
    }
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return l;
  }

  /** On the warm-up thread: the real load, unless the command asked first. */
  private void loadAhead() {
    synchronized (this) {
      if (state != Ahead.NONE) {
        return;
      }
      state = Ahead.LOADING;
    }
    NetworkFile.Loaded l = null;
    Throwable t = null;
    try {
      l = NetworkFile.load(file, 0);
    } catch (RuntimeException | Error e) {
      t = e;
    }
    boolean drop;
    synchronized (this) {
      drop = state == Ahead.TAKEN; // the command gave up waiting
      if (!drop) {
        loaded = l;
        failure = t;
        state = Ahead.DONE;
      }
      notifyAll();
    }
    if (drop && l != null) {
      l.network().close();
    }
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

  private void run(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String name = file.toString();
      LocatedTree.Node tree = NetworkFile.miniatureTree(name, text, name.toLowerCase(Locale.ROOT).endsWith(".json"));
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
      // last, the real load, if the command has not asked for it yet: only in the warm-up's slack, so that it
      // takes nothing from what the warm-up does without it
      if (ahead) {
        loadAhead();
      }
    } catch (Exception | StackOverflowError e) {
      // only a warm-up: the real load reports what is wrong with the file
    }
  }
}
