package org.neuristor.studio;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The studio's simulations, run off the request threads: at most {@code workers} at a time, up to
 * {@code capacity} more waiting, each cancellable. A job may belong to a <em>slot</em> (one view of
 * one page, e.g. the neuron plot): submitting a new job to a slot cancels the slot's previous job,
 * so that moving a slider stops the run of the previous slider position.
 *
 * <p>Cancellation is cooperative: the job's {@link Control} is marked, a waiting job never starts,
 * and a running simulation stops at its next progress report (every 2,000 time steps of a
 * transient, see {@code TransientAnalysis.Progress}) or between the runs of a protocol. The job's
 * state becomes {@code cancelled} at once either way.
 */
final class JobQueue implements AutoCloseable {

  /** Life cycle of a job. */
  enum State {
    queued, running, done, failed, cancelled
  }

  /** Thrown inside a job's work to stop it once it has been cancelled. */
  static final class Cancelled extends RuntimeException {
    Cancelled() {
      super("cancelled", null, false, false);
    }
  }

  /** What a running job sees: whether it was cancelled, and where it reports progress and what it is doing. */
  static final class Control {
    private volatile boolean cancelled;
    /** The last report, fraction and stage together, so that a reader never pairs one's fraction with another's stage. */
    private volatile Report report = new Report(0, null);

    /**
     * A progress report.
     *
     * @param fraction 0..1
     * @param stage what the job is doing out of how many ({@code "device 7 of 50"}), or null
     */
    record Report(double fraction, String stage) {
      /**
       * Seconds left at the pace so far ({@code ranMillis} for the fraction done), or NaN before 5% is done: an
       * estimate from fewer runs than that swings too much to show.
       */
      double remainingSeconds(double ranMillis) {
        return fraction >= 0.05 && fraction < 1 ? ranMillis / 1e3 * (1 - fraction) / fraction : Double.NaN;
      }
    }

    /** Throws {@link Cancelled} once the job has been cancelled. */
    void check() {
      if (cancelled) {
        throw new Cancelled();
      }
    }

    /** Records progress (0..1) and stops the job if it was cancelled. */
    void progress(double fraction) {
      progress(fraction, report.stage());
    }

    /**
     * Records progress (0..1) and what the job is doing out of how many ({@code "device 7 of 50"}), and stops the
     * job if it was cancelled.
     */
    void progress(double fraction, String stage) {
      report = new Report(Math.max(0, Math.min(1, fraction)), stage);
      check();
    }

    boolean cancelled() {
      return cancelled;
    }

    /** The last report. */
    Report report() {
      return report;
    }
  }

  /** The work of a job: returns its output or throws a user error. */
  @FunctionalInterface
  interface Work {
    Output run(Control control) throws Exception;
  }

  /** One submitted simulation. */
  static final class Job {
    final String id;
    final String slot;
    final long submittedNanos = System.nanoTime();
    final Control control = new Control();
    final CompletableFuture<Job> finished = new CompletableFuture<>();
    private volatile State state = State.queued;
    private volatile Output output;
    private volatile String error;
    private volatile int exitCode;
    private volatile long startedNanos;
    private volatile long endedNanos;
    private volatile long cpuNanos = -1;
    private Runnable task;

    Job(String id, String slot) {
      this.id = id;
      this.slot = slot;
    }

    State state() {
      return state;
    }

    Output output() {
      return output;
    }

    String error() {
      return error;
    }

    int exitCode() {
      return exitCode;
    }

    /** Milliseconds from submission to the end (or to now while it runs). */
    double serverMillis() {
      long end = endedNanos == 0 ? System.nanoTime() : endedNanos;
      return (end - submittedNanos) / 1e6;
    }

    /** Milliseconds the work itself ran (0 if it never started). */
    double runMillis() {
      if (startedNanos == 0) {
        return 0;
      }
      long end = endedNanos == 0 ? System.nanoTime() : endedNanos;
      return (end - startedNanos) / 1e6;
    }

    /**
     * CPU time of the job's own thread while the work ran, in milliseconds (NaN before it ends or
     * when it never ran). Protocol runs also use other threads (parallel inputs), which this omits.
     */
    double cpuMillis() {
      return cpuNanos < 0 ? Double.NaN : cpuNanos / 1e6;
    }

    /** Sets the final state once; later calls (a cancelled run that ends afterwards) are ignored. */
    private synchronized boolean end(State s, Output out, String message, int code) {
      if (state == State.done || state == State.failed || state == State.cancelled) {
        return false;
      }
      endedNanos = System.nanoTime();
      output = out;
      error = message;
      exitCode = code;
      state = s;
      finished.complete(this);
      return true;
    }
  }

  private final ThreadPoolExecutor pool;
  private final Map<String, Job> slots = new ConcurrentHashMap<>();
  private final Map<String, Job> jobs;
  private final SecureRandom random = new SecureRandom();
  private final int capacity;

  /**
   * @param workers simulations run at the same time
   * @param capacity jobs that may wait beyond those (further submissions are refused)
   * @param remembered finished jobs kept for their results and CSV downloads
   */
  JobQueue(int workers, int capacity, int remembered) {
    this.capacity = capacity;
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(capacity),
        r -> {
          Thread t = new Thread(r, "studio-sim-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.jobs = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Job> e) {
        return size() > remembered && e.getValue().finished.isDone();
      }
    });
  }

  /**
   * Queues {@code work}; cancels the slot's previous job first.
   *
   * @throws RejectedExecutionException when {@code capacity} jobs already wait
   */
  Job submit(String slot, Work work) {
    byte[] b = new byte[8];
    random.nextBytes(b);
    Job job = new Job(HexFormat.of().formatHex(b), slot);
    if (slot != null) {
      Job previous = slots.put(slot, job);
      if (previous != null) {
        cancel(previous);
      }
    }
    job.task = () -> execute(job, work);
    jobs.put(job.id, job);
    try {
      pool.execute(job.task);
    } catch (RejectedExecutionException e) {
      jobs.remove(job.id);
      if (slot != null) {
        slots.remove(slot, job);
      }
      throw new RejectedExecutionException("the studio is busy: " + capacity + " simulations are waiting; "
          + "try again in a moment");
    }
    return job;
  }

  Job get(String id) {
    return jobs.get(id);
  }

  /** Cancels a job: a waiting job never runs, a running one stops at its next progress report. */
  void cancel(Job job) {
    job.control.cancelled = true;
    if (job.task != null) {
      pool.remove(job.task);
    }
    if (job.slot != null) {
      slots.remove(job.slot, job);
    }
    job.end(State.cancelled, null, "cancelled", 0);
  }

  /** Jobs running now. */
  int running() {
    return pool.getActiveCount();
  }

  /** Jobs waiting for a worker. */
  int waiting() {
    return pool.getQueue().size();
  }

  private void execute(Job job, Work work) {
    if (job.control.cancelled) {
      return;
    }
    job.startedNanos = System.nanoTime();
    job.state = State.running;
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu0 = cpu.getCurrentThreadCpuTime();
    try {
      Output out;
      try {
        out = work.run(job.control);
      } finally {
        job.cpuNanos = cpu0 < 0 ? -1 : cpu.getCurrentThreadCpuTime() - cpu0;
      }
      if (job.control.cancelled) {
        job.end(State.cancelled, null, "cancelled", 0);
      } else {
        job.end(State.done, out, null, 0);
      }
    } catch (Cancelled e) {
      job.end(State.cancelled, null, "cancelled", 0);
    } catch (Throwable t) {
      Errors.Reported r = Errors.report(t);
      job.end(State.failed, null, r.message(), r.exitCode());
    } finally {
      if (job.slot != null) {
        slots.remove(job.slot, job);
      }
    }
  }

  @Override
  public void close() {
    for (Job j : jobs.values().toArray(new Job[0])) {
      j.control.cancelled = true;
    }
    pool.shutdownNow();
  }
}
