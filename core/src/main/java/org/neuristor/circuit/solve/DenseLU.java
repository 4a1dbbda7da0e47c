package org.neuristor.circuit.solve;

/**
 * Dense LU factorization with partial pivoting, for the small systems of neuron circuits (5-50
 * unknowns). Row-major storage reused across calls; factor and solve allocate nothing.
 */
public final class DenseLU implements LinearSolver {
  private final int n;
  private final MatrixPattern pattern;
  private final double[] values;
  private final double[] a;
  private final int[] perm;
  private final int[] offsets;
  private final double[] work;
  private final int[] cols;
  private final double[] factored;
  private boolean valid;

  public DenseLU(MatrixPattern pattern) {
    this.pattern = pattern;
    this.n = pattern.dimension();
    this.values = new double[pattern.size()];
    this.a = new double[n * n];
    this.perm = new int[n];
    this.work = new double[n];
    this.cols = new int[n];
    this.factored = new double[pattern.size()];
    this.offsets = new int[pattern.size()];
    for (int h = 0; h < pattern.size(); h++) {
      offsets[h] = pattern.row(h) * n + pattern.col(h);
    }
  }

  @Override
  public double[] values() {
    return values;
  }

  @Override
  public String kind() {
    return "dense";
  }

  @Override
  public void factor() {
    // One pass: compare with the factored matrix, copy, and know whether anything changed.
    double[] vs = values;
    double[] f = factored;
    boolean same = valid;
    for (int h = 0; h < vs.length; h++) {
      double x = vs[h];
      if (Double.doubleToRawLongBits(x) != Double.doubleToRawLongBits(f[h])) {
        same = false;
        f[h] = x;
      }
    }
    if (same) {
      return; // same matrix as last time: reuse the factors
    }
    valid = false;
    java.util.Arrays.fill(a, 0.0);
    for (int h = 0; h < vs.length; h++) {
      a[offsets[h]] += vs[h];
    }
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int k = 0; k < n; k++) {
      int p = k;
      double max = Math.abs(a[k * n + k]);
      for (int i = k + 1; i < n; i++) {
        double v = Math.abs(a[i * n + k]);
        if (v > max) {
          max = v;
          p = i;
        }
      }
      if (!(max > 1e-300)) {
        throw new SingularMatrixException(k);
      }
      if (p != k) {
        int rk = k * n;
        int rp = p * n;
        for (int j = 0; j < n; j++) {
          double t = a[rk + j];
          a[rk + j] = a[rp + j];
          a[rp + j] = t;
        }
        int t = perm[k];
        perm[k] = perm[p];
        perm[p] = t;
      }
      double pivot = a[k * n + k];
      int rk = k * n;
      // MNA rows are sparse: update only the pivot row's nonzero columns (same result, fewer operations)
      int nz = 0;
      for (int j = k + 1; j < n; j++) {
        if (a[rk + j] != 0.0) {
          cols[nz++] = j;
        }
      }
      for (int i = k + 1; i < n; i++) {
        int ri = i * n;
        double l = a[ri + k];
        if (l != 0.0) {
          l /= pivot;
          a[ri + k] = l;
          for (int q = 0; q < nz; q++) {
            int j = cols[q];
            a[ri + j] -= l * a[rk + j];
          }
        }
      }
    }
    valid = true;
  }

  @Override
  public void solve(double[] b) {
    for (int i = 0; i < n; i++) {
      work[i] = b[perm[i]];
    }
    for (int i = 0; i < n; i++) {
      double s = work[i];
      int ri = i * n;
      for (int j = 0; j < i; j++) {
        s -= a[ri + j] * work[j];
      }
      work[i] = s;
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = work[i];
      int ri = i * n;
      for (int j = i + 1; j < n; j++) {
        s -= a[ri + j] * work[j];
      }
      work[i] = s / a[ri + i];
    }
    System.arraycopy(work, 0, b, 0, n);
  }

  /** Unused by the solver but handy for tests. */
  MatrixPattern pattern() {
    return pattern;
  }
}
