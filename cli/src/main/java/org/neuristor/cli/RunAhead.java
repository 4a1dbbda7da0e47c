package org.neuristor.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.neuristor.netlist.CircuitCompiler;
import org.neuristor.netlist.DeckRunner;

/**
 * {@code neuristor run NETLIST ...} started before its command line is parsed: on a thread of its own the netlist
 * is compiled and, if it has analyses and no {@code .control} block, run with the options a plain {@code run} uses
 * (no {@code --save}, {@code --updown}, {@code --every} or {@code --at-tstep}), its CSV formatted meanwhile, while
 * the main thread builds picocli's model and parses the arguments (about 0.1 s of a cold start that the run no
 * longer waits for). {@link RunCommand} then takes the compiled netlist if it is the same file, and the results if
 * it was started with the same options; otherwise it cancels the run-ahead and runs as usual. Errors are those of
 * the command: a compile or simulation failure is thrown again, unchanged, by {@link #compiled} or {@link #result}
 * when the command asks for what failed (so a usage error of the command line still wins). The run-ahead writes no
 * file and prints nothing; the process exits without waiting for it.
 */
final class RunAhead {
  private final Path netlist;
  private final CountDownLatch compiledLatch = new CountDownLatch(1);
  private final CountDownLatch doneLatch = new CountDownLatch(1);
  private volatile RunCommand.Recording recording;
  private volatile boolean cancelled;
  private volatile boolean served;
  // written before a latch is counted down, read after waiting for it
  private CircuitCompiler.Compiled compiled;
  private Throwable compileFailure;
  private Done done;
  private Throwable runFailure;

  /** What the run-ahead produced: the deck's results and the recording that formatted their CSV. */
  record Done(DeckRunner.Result result, RunCommand.Recording recording) {}

  private RunAhead(Path netlist) {
    this.netlist = netlist;
  }

  /**
   * Starts the run-ahead for {@code args} when they are {@code run NETLIST ...} with an existing file and none of
   * the options that change what a run computes or that only print help; else returns null. This is a guess: the
   * command checks its parsed options before it uses anything.
   */
  static RunAhead start(String[] args) {
    if (args.length < 2 || !args[0].equals("run") || args[1].startsWith("-")) {
      return null;
    }
    for (int i = 2; i < args.length; i++) {
      String a = args[i];
      for (String o : List.of("--save", "--updown", "--every", "--at-tstep", "-h", "--help", "-V", "--version")) {
        if (a.startsWith(o)) {
          return null;
        }
      }
    }
    Path p;
    try {
      p = Path.of(args[1]);
    } catch (InvalidPathException e) {
      return null;
    }
    if (!Files.isRegularFile(p)) {
      return null;
    }
    RunAhead r = new RunAhead(p);
    Thread t = new Thread(r::execute, "run-ahead");
    t.setDaemon(true);
    t.start();
    return r;
  }

  private void execute() {
    CircuitCompiler.Compiled c = null;
    try {
      c = CircuitCompiler.compile(netlist);
      compiled = c;
    } catch (RuntimeException | Error e) {
      compileFailure = e;
    } finally {
      compiledLatch.countDown();
    }
    try {
      if (c != null && c.control().isEmpty() && !c.analyses().isEmpty()) {
        RunCommand.Recording rec = new RunCommand.Recording(c.saves(), true);
        recording = rec;
        if (!cancelled && SparseWarmUp.serves(c)) {
          SparseWarmUp.run();
        }
        if (!cancelled) {
          done = new Done(
              DeckRunner.run(c, new DeckRunner.Options(Path.of(""), List.of(), false, 1, false, rec, true)), rec);
        }
      }
    } catch (RuntimeException | Error e) {
      runFailure = e;
      cancel();
    } finally {
      doneLatch.countDown();
    }
  }

  /**
   * The compiled netlist if the run-ahead compiled {@code file} (waits for it; a compile failure is thrown again),
   * else null (and the run-ahead is cancelled).
   */
  CircuitCompiler.Compiled compiled(Path file) {
    if (!netlist.equals(file)) {
      cancel();
      return null;
    }
    await(compiledLatch);
    rethrow(compileFailure);
    return compiled;
  }

  /** The netlist the run-ahead compiled (after {@link #compiled} returned it), else null. */
  CircuitCompiler.Compiled compiledNetlist() {
    return compiledLatch.getCount() == 0 ? compiled : null;
  }

  /**
   * The results of running the compiled netlist with a plain {@code run}'s options (waits for them; a simulation
   * failure is thrown again), or null if the run-ahead did not run it (a {@code .control} block, no analysis).
   */
  Done result() {
    if (cancelled) {
      return null;
    }
    await(doneLatch);
    rethrow(compileFailure);
    rethrow(runFailure);
    served = done != null;
    return done;
  }

  /** Whether {@link #result} handed the run-ahead's results to the command. */
  boolean served() {
    return served;
  }

  /** Stops the run-ahead (its results are not wanted). */
  void cancel() {
    cancelled = true;
    RunCommand.Recording rec = recording;
    if (rec != null) {
      rec.cancel();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the run", e);
    }
  }

  private static void rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
  }
}
