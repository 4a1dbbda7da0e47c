package org.neuristor.sweep;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs the pending points of a sweep on worker threads of this JVM, appending each finished point to
 * the results log as soon as it is done (so an interrupted sweep resumes where it stopped).
 *
 * <p>One thread runs the points in index order. Several threads each take one point at a time
 * whenever they are free (so a slow point or a busy core never holds up points queued behind it), the
 * next point being the one {@link PointOrder} expects to cost most, learned from the points already
 * finished: the sweep does not end with one worker alone on its costliest point. Rows are the same
 * whatever the thread count and order (each point's values and seed depend on its index only); the
 * results log is rewritten in point order at the end.
 */
public final class LocalEngine {
  private LocalEngine() {}

  /**
   * Runs every point not yet in {@code log}.
   *
   * @param threads worker threads (&lt;= 0: all cores)
   * @param onPoint called after each point is recorded (e.g. to advance a progress bar), from the worker
   *     thread that ran it; may be null
   * @return the number of points run
   */
  public static int run(SweepSpec spec, ResultsLog log, int threads, Consumer<PointResult> onPoint) {
    List<Integer> todo = log.pending();
    int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    if (todo.isEmpty()) {
      return 0;
    }
    if (n == 1 || todo.size() == 1) {
      for (int i : todo) {
        record(spec, log, i, onPoint);
      }
      return todo.size();
    }
    PointOrder order = new PointOrder(todo);
    AtomicReference<Throwable> failure = new AtomicReference<>(); // the first failure; the others stop
    Thread[] workers = new Thread[Math.min(n, todo.size())];
    for (int w = 0; w < workers.length; w++) {
      workers[w] = new Thread(() -> {
        try {
          for (int i; (i = next(order, failure)) >= 0; ) {
            order.finished(i, record(spec, log, i, onPoint).wallSeconds());
          }
        } catch (RuntimeException | Error e) {
          failure.compareAndSet(null, e);
        }
      }, "sweep-" + (w + 1));
      workers[w].setDaemon(true);
      workers[w].start();
    }
    try {
      for (Thread t : workers) {
        t.join();
      }
    } catch (InterruptedException e) {
      failure.compareAndSet(null, e);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("sweep interrupted", e);
    }
    Throwable c = failure.get();
    if (c != null) {
      throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
    }
    return todo.size();
  }

  /** The next point, or -1 when all are handed out or a worker failed (the others stop after their point). */
  private static int next(PointOrder order, AtomicReference<Throwable> failure) {
    return failure.get() != null ? -1 : order.next();
  }

  private static PointResult record(SweepSpec spec, ResultsLog log, int index, Consumer<PointResult> onPoint) {
    PointResult r = PointResult.evaluate(spec, index);
    log.append(r);
    if (onPoint != null) {
      onPoint.accept(r);
    }
    return r;
  }
}
