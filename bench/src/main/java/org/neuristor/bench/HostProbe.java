package org.neuristor.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;

/**
 * What this machine gives two threads that share nothing: a fixed compute loop (LU factorisations of a private
 * 40 x 40 matrix, no allocation, no locks, nothing written that another thread reads) on one thread, then the same
 * loop on two threads at once. On two real idle cores the two run in the time of one (speed-up 2); on a virtual
 * machine whose two vCPUs the host puts on one physical core's hyperthreads, or on cores other guests keep busy,
 * each thread's loop takes more CPU time and the speed-up falls, without any steal time showing in the guest.
 * A sweep engine on two threads cannot scale better than this loop does at the same moment.
 */
final class HostProbe {
  private HostProbe() {}

  static final int N = 40;

  /**
   * One probe: {@code wall1} the wall time of one thread running the loop, {@code wall2} that of two threads each
   * running it at once (from the common start to the later end), {@code cpu1} and {@code cpu2} a thread's CPU time
   * for one loop (on 2 threads, the mean of the two).
   */
  record Result(double wall1, double wall2, double cpu1, double cpu2) {
    /** Work done per second on 2 threads over work done per second on 1. */
    double speedUp() {
      return 2 * wall1 / wall2;
    }
  }

  /** {@code reps} LU factorisations of a fixed diagonally dominant matrix; returns a checksum (keeps the work). */
  static double work(int reps, double[] a, double[] m) {
    double sum = 0;
    for (int r = 0; r < reps; r++) {
      for (int i = 0; i < N * N; i++) {
        a[i] = m[i];
      }
      for (int k = 0; k < N; k++) {
        double inv = 1 / a[k * N + k];
        for (int i = k + 1; i < N; i++) {
          double f = a[i * N + k] * inv;
          a[i * N + k] = f;
          for (int j = k + 1; j < N; j++) {
            a[i * N + j] -= f * a[k * N + j];
          }
        }
      }
      sum += a[N * N - 1];
    }
    return sum;
  }

  /** The matrix every loop factorises: 1 off the diagonal, N + 1 on it. */
  static double[] matrix() {
    double[] m = new double[N * N];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        m[i * N + j] = i == j ? N + 1 : 1;
      }
    }
    return m;
  }

  /** The number of factorisations that take one thread about {@code seconds} of CPU (after warming the loop up). */
  static int calibrate(double seconds) throws InterruptedException {
    int reps = 1000;
    for (int i = 0; i < 10; i++) {
      run(reps, 1);
    }
    double cpu = run(reps, 1)[1];
    return Math.max(1, (int) Math.round(reps * seconds / Math.max(cpu, 1e-6)));
  }

  /** One thread's loop, then two threads' at once. */
  static Result measure(int reps) throws InterruptedException {
    double[] one = run(reps, 1);
    double[] two = run(reps, 2);
    return new Result(one[0], two[0], one[1], two[1]);
  }

  /** {wall from the common start to the last thread's end, mean CPU per thread} of {@code threads} running the loop. */
  static double[] run(int reps, int threads) throws InterruptedException {
    com.sun.management.ThreadMXBean tm = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    long[] end = new long[threads];
    long[] cpu = new long[threads];
    double[] sink = new double[threads];
    Thread[] ts = new Thread[threads];
    double[] m = matrix();
    for (int t = 0; t < threads; t++) {
      int me = t;
      ts[t] = new Thread(() -> {
        double[] a = new double[N * N];
        ready.countDown();
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        long c0 = tm.getCurrentThreadCpuTime();
        sink[me] = work(reps, a, m);
        cpu[me] = tm.getCurrentThreadCpuTime() - c0;
        end[me] = System.nanoTime();
      }, "host-probe-" + t);
      ts[t].start();
    }
    ready.await();
    long t0 = System.nanoTime();
    go.countDown();
    for (Thread t : ts) {
      t.join();
    }
    long last = t0;
    double c = 0;
    for (int t = 0; t < threads; t++) {
      last = Math.max(last, end[t]);
      c += cpu[t] / 1e9;
      if (!(sink[t] > 0)) {
        throw new IllegalStateException("host probe: no result");
      }
    }
    return new double[] {(last - t0) / 1e9, c / threads};
  }
}
