package org.neuristor;

/**
 * The ringing after a spike in a sampled signal, for tests: the spike's peak (the largest sample), the lowest
 * sample after it (the undershoot's trough), the highest sample after that (the rebound) and the last sample,
 * each as an index into the samples.
 */
public record Ringing(int peak, int trough, int rebound, int end) {
  public static Ringing of(double[] x) {
    int p = 0;
    for (int i = 0; i < x.length; i++) {
      p = x[i] > x[p] ? i : p;
    }
    int lo = p;
    for (int i = p; i < x.length; i++) {
      lo = x[i] < x[lo] ? i : lo;
    }
    int hi = lo;
    for (int i = lo; i < x.length; i++) {
      hi = x[i] > x[hi] ? i : hi;
    }
    return new Ringing(p, lo, hi, x.length - 1);
  }

  /** The four points (time, value): peak, trough, rebound, end. */
  public double[][] points(double[] t, double[] x) {
    return new double[][] {{t[peak], x[peak]}, {t[trough], x[trough]}, {t[rebound], x[rebound]}, {t[end], x[end]}};
  }
}
