package org.neuristor.network;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The worker threads of one {@link Network#runSteps} call (threads - 1 of them; the caller works
 * too): started for the call and stopped at its end, so nothing outlives it. Steps are separated by
 * a spin-then-park barrier rather than a fork/join per step, whose cost (tens of us) would dominate
 * small steps.
 *
 * <p>Each step the caller bumps the volatile epoch (publishing the last step's spikes), wakes parked
 * workers, runs thread 0's tasks, then waits until every worker has posted the epoch as done
 * (dynamic mode: everyone claims tasks from a counter, and the caller waits for the count of
 * finished tasks). Which thread runs which task does not matter for the results: tasks write
 * disjoint neuron ranges, and each neuron's sums have a fixed order.
 */
final class StepWorkers {
  /** Runs one task of the plan. */
  @FunctionalInterface
  interface Task {
    void run(int task);
  }

  /**
   * Spins (~30-80 us) before a waiting thread yields or parks: longer than a balanced hand-over
   * takes, short enough not to starve a descheduled partner on a busy host (with 2^14 spins, COBA
   * on 2 threads took 25 s instead of 1.2 s with 20 runnable processes on 2 cores).
   */
  private static final int SPINS = 1 << 10;
  private final ChunkPlan plan;
  private final Task task;
  private final Thread[] workers;
  private final Worker[] state;
  private volatile long epoch;
  private volatile boolean stopped;
  private volatile Throwable failure;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger done = new AtomicInteger();

  StepWorkers(ChunkPlan plan, Task task) {
    this.plan = plan;
    this.task = task;
    int n = plan.threads() - 1;
    workers = new Thread[n];
    state = new Worker[n];
    for (int i = 0; i < n; i++) {
      state[i] = new Worker(plan.threadTasks[i + 1]);
      workers[i] = new Thread(state[i], "neuristor-network-" + i);
      workers[i].setDaemon(true);
      workers[i].start();
    }
  }

  /** Dynamic mode: claims and runs tasks until none is left. */
  private void claim() {
    int nt = plan.tasks();
    int t;
    while ((t = next.getAndIncrement()) < nt) {
      try {
        task.run(t);
      } catch (Throwable x) {
        failure = x;
      }
      done.incrementAndGet();
    }
  }

  private final class Worker implements Runnable {
    final int[] tasks;
    volatile boolean parked;
    volatile long doneEpoch;

    Worker(int[] tasks) {
      this.tasks = tasks;
    }

    @Override
    public void run() {
      long seen = 0;
      while (true) {
        long e;
        int spins = 0;
        while ((e = epoch) == seen) {
          if (++spins < SPINS) {
            Thread.onSpinWait();
          } else {
            parked = true;
            if (epoch == seen) {
              LockSupport.park(this);
            }
            parked = false;
          }
        }
        seen = e;
        if (stopped) {
          return;
        }
        if (plan.dynamic) {
          claim();
        } else {
          try {
            for (int t : tasks) {
              task.run(t);
            }
          } catch (Throwable x) {
            failure = x;
          }
        }
        doneEpoch = e;
      }
    }
  }

  /** Runs every task of one step; rethrows a task's failure. */
  void step() {
    boolean dynamic = plan.dynamic;
    if (dynamic) {
      done.set(0); // before next: a worker still claiming from the last step may take a task at once
      next.set(0);
    }
    long e = epoch + 1;
    epoch = e;
    for (int i = 0; i < workers.length; i++) {
      if (state[i].parked) {
        LockSupport.unpark(workers[i]);
      }
    }
    if (dynamic) {
      claim();
      int nt = plan.tasks();
      int spins = 0;
      while (done.get() < nt) {
        if (++spins < SPINS) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
    } else {
      for (int t : plan.threadTasks[0]) {
        task.run(t);
      }
    }
    for (int i = 0; !dynamic && i < workers.length; i++) {
      int spins = 0;
      while (state[i].doneEpoch != e) {
        if (++spins < SPINS) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
    }
    Throwable f = failure;
    if (f != null) {
      if (f instanceof RuntimeException r) {
        throw r;
      }
      if (f instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(f);
    }
  }

  /** Stops and joins the workers. */
  void stop() {
    stopped = true;
    epoch = epoch + 1;
    for (Thread t : workers) {
      LockSupport.unpark(t);
    }
    for (Thread t : workers) {
      try {
        t.join();
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
