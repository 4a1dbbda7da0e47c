package org.neuristor.crossbar;

import org.neuristor.circuit.solve.MatrixPattern;
import org.neuristor.circuit.solve.RefactoringSparseLU;

/**
 * Exact read of a linear crossbar by the project's sparse LU ({@link RefactoringSparseLU}:
 * minimum-degree ordering, Gilbert-Peierls factorization) on the nodal matrix of all
 * {@code 2 rows cols} wire nodes. A reference for {@link LinearRead}: same equations, solved
 * directly; the fill of the factors grows like {@code N log N} for these grid-like graphs, so it
 * is meant for arrays up to a few hundred rows.
 */
public final class DirectRead {
  private final ArrayGeometry geo;

  public DirectRead(ArrayGeometry geometry) {
    this.geo = geometry;
  }

  /** Column currents into the sense amplifiers (NaN for floating columns); see {@link LinearRead#read}. */
  public void read(double[] g, double[] rowVolts, double[] colVolts, double[] colCurrents) {
    int nr = geo.rows();
    int nc = geo.cols();
    int n = nr * nc;
    // unknown k = i nc + j: row node R(i,j); n + k: column node C(i,j)
    MatrixPattern pat = new MatrixPattern(2 * n);
    double wr = 1 / geo.wireRowOhm();
    double wc = 1 / geo.wireColOhm();
    double gd = 1 / (geo.driverOhm() + geo.wireRowOhm());
    double gs = 1 / (geo.senseOhm() + geo.wireColOhm());
    for (int k = 0; k < n; k++) {
      pat.entry(k, k);
      pat.entry(n + k, n + k);
      pat.entry(k, n + k);
      pat.entry(n + k, k);
      if (k % nc > 0) {
        pat.entry(k, k - 1);
        pat.entry(k - 1, k);
      }
      if (k >= nc) {
        pat.entry(n + k, n + k - nc);
        pat.entry(n + k - nc, n + k);
      }
    }
    pat.freeze();
    RefactoringSparseLU lu = new RefactoringSparseLU(pat);
    double[] a = lu.values();
    double[] b = new double[2 * n];
    for (int k = 0; k < n; k++) {
      int i = k / nc;
      int j = k % nc;
      add(pat, a, k, n + k, g[k]);
      if (j > 0) {
        add(pat, a, k, k - 1, wr);
      }
      if (i > 0) {
        add(pat, a, n + k, n + k - nc, wc);
      }
      if (j == 0 && !Double.isNaN(rowVolts[i])) {
        a[pat.entry(k, k)] += gd;
        b[k] += gd * rowVolts[i];
      }
      if (i == nr - 1 && !Double.isNaN(colVolts[j])) {
        a[pat.entry(n + k, n + k)] += gs;
        b[n + k] += gs * colVolts[j];
      }
    }
    lu.factor();
    lu.solve(b);
    for (int j = 0; j < nc; j++) {
      colCurrents[j] = Double.isNaN(colVolts[j]) ? Double.NaN : gs * (b[n + (nr - 1) * nc + j] - colVolts[j]);
    }
  }

  /** Stamps a conductance between unknowns p and q. */
  private static void add(MatrixPattern pat, double[] a, int p, int q, double c) {
    a[pat.entry(p, p)] += c;
    a[pat.entry(q, q)] += c;
    a[pat.entry(p, q)] -= c;
    a[pat.entry(q, p)] -= c;
  }
}
