package org.neuristor.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs the pending points of a sweep on a fixed pool of threads, appending each finished point to
 * the results log as soon as it is done (so an interrupted sweep resumes where it stopped).
 */
public final class LocalEngine {
  private LocalEngine() {}

  /**
   * Runs every point not yet in {@code log}.
   *
   * @param threads worker threads (&lt;= 0: all cores)
   * @param onPoint called after each point is recorded (e.g. to advance a progress bar); may be null
   * @return the number of points run
   */
  public static int run(SweepSpec spec, ResultsLog log, int threads, Consumer<PointResult> onPoint) {
    List<Integer> todo = log.pending();
    int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    if (todo.isEmpty()) {
      return 0;
    }
    if (n == 1) {
      for (int i : todo) {
        record(spec, log, i, onPoint);
      }
      return todo.size();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, todo.size()), r -> {
      Thread t = new Thread(r, "sweep");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int i : todo) {
        fs.add(pool.submit(() -> record(spec, log, i, onPoint)));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("sweep interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
    } finally {
      pool.shutdownNow();
    }
    return todo.size();
  }

  private static void record(SweepSpec spec, ResultsLog log, int index, Consumer<PointResult> onPoint) {
    PointResult r = PointResult.evaluate(spec, index);
    log.append(r);
    if (onPoint != null) {
      onPoint.accept(r);
    }
  }
}
