package org.neuristor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;
import org.neuristor.crossbar.ArrayGeometry;
import org.neuristor.crossbar.DirectRead;
import org.neuristor.crossbar.IrDropStudy;
import org.neuristor.crossbar.LinearRead;

/**
 * Exact IR-drop reads of a 784 x 600 1R array (the 784-300-10 network's first layer as differential
 * pairs) with NeuroSim Ag:a-Si conductances (uniform in [3.08e-9, 3.85e-8] S): {@link LinearRead}
 * per read, one thread, for wire resistances 1 to 100 Ohm per segment and 60 digit-like inputs (20 %
 * of the rows at 0.5 V, the rest at 0 V), after 30 warm-up reads; CPU time of the reading thread
 * (immune to other processes' load), median. Then the project's sparse LU
 * ({@link DirectRead}) on square arrays against the line solver.
 * Run: {@code java -jar benchmarks.jar crossbar [--lu-max N]}.
 */
public final class CrossbarReadBench {
  private CrossbarReadBench() {}

  static double[] cells(int n, long seed) {
    return IrDropStudy.uniformCells(n, 3.0769e-9, 3.8462e-8, seed);
  }

  static double[] input(int rows, SplittableRandom r) {
    double[] v = new double[rows];
    for (int i = 0; i < rows; i++) {
      v[i] = r.nextDouble() < 0.2 ? 0.5 : 0;
    }
    return v;
  }

  public static void main(String[] args) {
    int luMax = 256;
    for (int k = 0; k < args.length - 1; k++) {
      if (args[k].equals("--lu-max")) {
        luMax = Integer.parseInt(args[k + 1]);
      }
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int rows = 784;
    int cols = 600;
    System.out.printf(Locale.ROOT, "exact read of a %d x %d 1R array (one thread, 60 reads, medians)%n", rows, cols);
    System.out.printf(Locale.ROOT, "%10s %8s %12s %16s %16s%n", "wire_ohm", "iters", "cpu_ms", "first_order_err",
        "ideal_err");
    for (IrDropStudy.Row row : IrDropStudy.run(rows, cols, 3.0769e-9, 3.8462e-8, 0.5, 0, 0,
        new double[] {1, 2.5, 10, 100}, 60, 30, 1, null)) {
      System.out.printf(Locale.ROOT, "%10.1f %8.1f %12.1f %16.3e %16.3e%n", row.wireOhm(), row.iterations(),
          row.cpuMillis(), row.firstOrderMaxError(), row.idealMaxError());
    }
    System.out.printf(Locale.ROOT, "%nsparse LU (direct) vs line solver, n x n, wire 2.5 Ohm, one read each (CPU ms)%n");
    System.out.printf(Locale.ROOT, "%6s %12s %12s %14s%n", "n", "lu_ms", "line_ms", "max_rel_diff");
    for (int n = 32; n <= luMax; n *= 2) {
      ArrayGeometry geo = ArrayGeometry.of(n, n, 2.5, 0, 0);
      double[] gn = cells(n * n, 3);
      double[] v = input(n, new SplittableRandom(5));
      v[0] = 0.5;
      double[] u = new double[n];
      double[] a = new double[n];
      double[] b = new double[n];
      DirectRead dr = new DirectRead(geo);
      for (int w = 0; w < 2; w++) {
        dr.read(gn, v, u, a); // warm-up
      }
      long c0 = mx.getCurrentThreadCpuTime();
      dr.read(gn, v, u, a);
      double luMs = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
      LinearRead lr = new LinearRead(geo).tolerance(1e-12);
      lr.conductances(gn);
      for (int w = 0; w < 5; w++) {
        lr.coldStart();
        lr.read(v, u, b);
      }
      lr.coldStart();
      c0 = mx.getCurrentThreadCpuTime();
      lr.read(v, u, b);
      double lineMs = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
      double d = 0;
      for (int j = 0; j < n; j++) {
        d = Math.max(d, Math.abs(a[j] - b[j]) / Math.abs(a[j]));
      }
      System.out.printf(Locale.ROOT, "%6d %12.1f %12.2f %14.2e%n", n, luMs, lineMs, d);
    }
  }
}
