package org.neuristor.util;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs lists of independent tasks on this thread or on a pool of daemon threads, waiting for all of them. */
public final class Tasks {
  private Tasks() {}

  /** A fixed pool of {@code threads} daemon threads named {@code name}. */
  public static ExecutorService daemonPool(int threads, String name) {
    return Executors.newFixedThreadPool(threads, r -> {
      Thread th = new Thread(r, name);
      th.setDaemon(true);
      return th;
    });
  }

  /**
   * Runs the tasks in order on this thread ({@code pool} null) or on {@code pool}, and returns when all are done.
   * A task's RuntimeException is rethrown as it is, any other exception (or an interruption) as an
   * IllegalStateException.
   */
  public static void run(ExecutorService pool, List<Callable<Void>> tasks) {
    try {
      if (pool == null) {
        for (Callable<Void> c : tasks) {
          c.call();
        }
      } else {
        for (Future<Void> f : pool.invokeAll(tasks)) {
          f.get();
        }
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
