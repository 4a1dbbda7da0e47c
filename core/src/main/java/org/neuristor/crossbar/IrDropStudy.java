package org.neuristor.crossbar;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.neuristor.NeuristorException;

/**
 * How wrong the fast reads are, and what the exact one costs, against wire resistance: a
 * {@code rows x cols} 1R array with conductances drawn uniformly in {@code [gMin, gMax]}, read with
 * digit-like inputs (each row at {@code readVolts} with probability 0.2, else 0 V; columns at 0 V)
 * exactly ({@link LinearRead}, one thread, warm-started from the previous read), by one first-order
 * pass ({@link FirstOrderRead}) and as the ideal product. Errors are relative to the exact column
 * currents, maximum over all columns and inputs, and root mean square. Time is the reading thread's
 * CPU time (not affected by other processes), median over the reads after {@code warmup} reads.
 */
public final class IrDropStudy {
  private IrDropStudy() {}

  /**
   * One wire resistance.
   *
   * @param wireOhm wire resistance per cell segment
   * @param iterations mean CG iterations of the exact read
   * @param cpuMillis median CPU time of one exact read (ms)
   * @param firstOrderMaxError max relative error of the first-order read
   * @param firstOrderRmsError rms relative error of the first-order read
   * @param idealMaxError max relative error of the ideal product
   * @param idealRmsError rms relative error of the ideal product
   */
  public record Row(double wireOhm, double iterations, double cpuMillis, double firstOrderMaxError,
      double firstOrderRmsError, double idealMaxError, double idealRmsError) {}

  /** Conductances uniform in [gMin, gMax] from the seed. */
  public static double[] uniformCells(int n, double gMin, double gMax, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] g = new double[n];
    for (int k = 0; k < n; k++) {
      g[k] = gMin + r.nextDouble() * (gMax - gMin);
    }
    return g;
  }

  /** Runs the study; {@code progress} (may be null) gets one tick per wire resistance. */
  public static List<Row> run(int rows, int cols, double gMin, double gMax, double readVolts, double driverOhm,
      double senseOhm, double[] wireOhms, int reads, int warmup, long seed, Runnable progress) {
    if (reads < 1 || warmup < 0) {
      throw NeuristorException.input("reads must be >= 1 and warm-up reads >= 0");
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] g = uniformCells(rows * cols, gMin, gMax, seed);
    List<Row> out = new ArrayList<>();
    for (double rw : wireOhms) {
      ArrayGeometry geo = ArrayGeometry.of(rows, cols, rw, driverOhm, senseOhm);
      LinearRead lr = new LinearRead(geo);
      lr.conductances(g);
      FirstOrderRead fo = new FirstOrderRead(geo);
      double[] u = new double[cols];
      double[] exact = new double[cols];
      double[] approx = new double[cols];
      double[] ideal = new double[cols];
      double[] v = new double[rows];
      SplittableRandom r = new SplittableRandom(seed + 1);
      double[] cpu = new double[reads];
      double iters = 0;
      double foMax = 0;
      double foSq = 0;
      double idMax = 0;
      double idSq = 0;
      long count = 0;
      for (int k = -warmup; k < reads; k++) {
        boolean any = false;
        for (int i = 0; i < rows; i++) {
          v[i] = r.nextDouble() < 0.2 ? readVolts : 0;
          any |= v[i] != 0;
        }
        if (!any) {
          v[0] = readVolts;
        }
        long c0 = mx.getCurrentThreadCpuTime();
        int it = lr.read(v, u, exact);
        long c1 = mx.getCurrentThreadCpuTime();
        if (k < 0) {
          continue;
        }
        cpu[k] = (c1 - c0) / 1e6;
        iters += it;
        fo.read(g, v, u, approx, 1);
        fo.read(g, v, u, ideal, 0);
        for (int j = 0; j < cols; j++) {
          double ef = Math.abs(approx[j] - exact[j]) / Math.abs(exact[j]);
          double ei = Math.abs(ideal[j] - exact[j]) / Math.abs(exact[j]);
          foMax = Math.max(foMax, ef);
          idMax = Math.max(idMax, ei);
          foSq += ef * ef;
          idSq += ei * ei;
          count++;
        }
      }
      Arrays.sort(cpu);
      out.add(new Row(rw, iters / reads, cpu[reads / 2], foMax, Math.sqrt(foSq / count), idMax,
          Math.sqrt(idSq / count)));
      if (progress != null) {
        progress.run();
      }
    }
    return out;
  }
}
