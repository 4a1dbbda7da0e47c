package org.neuristor.crossbar;

import java.util.Arrays;
import org.neuristor.NeuristorException;

/**
 * Exact read of a linear (1R or 1T1R) crossbar with wire resistance, driver and sense resistance
 * ({@link ArrayGeometry}): the node voltages of every row and column wire, and the column currents.
 *
 * <p>Nodal analysis gives, with row-wire voltages r and column-wire voltages c (one of each per
 * cross-point) and the cell conductances G as a diagonal coupling,
 *
 * <pre>
 *   [ A_R   -G ] [r]   [b_R]      A_R: one tridiagonal block per row wire (segments, cells, driver)
 *   [ -G   A_C ] [c] = [b_C]      A_C: one tridiagonal block per column wire (segments, cells, sense)
 * </pre>
 *
 * a symmetric positive definite system of {@code 2 rows cols} unknowns. Because G couples each row
 * node to exactly one column node, the column unknowns are eliminated exactly with tridiagonal
 * solves, leaving the Schur complement {@code S = A_R - G A_C^-1 G} (SPD) on the row nodes:
 * {@code S r = b_R + G A_C^-1 b_C}, then {@code c = A_C^-1 (b_C + G r)}. S is solved by conjugate
 * gradients preconditioned with the row-wire blocks {@code A_R} (Thomas algorithm, factors kept
 * between reads), i.e. an alternating row/column line solve accelerated by CG. Every iteration costs
 * two tridiagonal sweeps over the array and no fill-in is ever formed; the eigenvalues of
 * {@code A_R^-1 S} lie in {@code (1 - rho^2, 1]}, rho the coupling of the lines through the cells
 * (small when cells are much less conductive than wires, so a few iterations suffice).
 *
 * <p>Stopping rule: the Kirchhoff residual of S (amperes at the row nodes) below
 * {@code tolerance x ||G (V_i - U_j)||_2}, the norm of the ideal cell currents (default 1e-10). Reads
 * are warm-started from the previous solution. One instance is a workspace: not thread-safe,
 * allocation-free per read. Floating lines (NaN voltage) are allowed as long as the network keeps a
 * path to a driven line.
 */
public final class LinearRead {
  private final ArrayGeometry geo;
  private final int nr;
  private final int nc;
  private final int n;
  private final double wr;
  private final double wc;
  private final double[] g;
  private final double[] gd;
  private final double[] gs;
  private final double[] dR;
  private final double[] fR;
  private final double[] fC;
  private final double[] x;
  private final double[] res;
  private final double[] z;
  private final double[] p;
  private final double[] q;
  private final double[] t;
  private final double[] bs;
  private double tolerance = 1e-10;
  private int maxIterations = 500;
  private boolean factored;
  private boolean warm;
  private int lastIterations;
  private double lastResidual;

  /** A workspace for arrays of this geometry (wire resistance must be &gt; 0; see {@link #ideal} otherwise). */
  public LinearRead(ArrayGeometry geometry) {
    if (geometry.wireRowOhm() == 0) {
      throw NeuristorException.input("the line solver needs wire resistance > 0 (the ideal read is a plain product)");
    }
    this.geo = geometry;
    this.nr = geometry.rows();
    this.nc = geometry.cols();
    this.n = nr * nc;
    this.wr = 1 / geometry.wireRowOhm();
    this.wc = 1 / geometry.wireColOhm();
    g = new double[n];
    gd = new double[nr];
    gs = new double[nc];
    dR = new double[n];
    fR = new double[n];
    fC = new double[n];
    x = new double[n];
    res = new double[n];
    z = new double[n];
    p = new double[n];
    q = new double[n];
    t = new double[n];
    bs = new double[n];
  }

  public ArrayGeometry geometry() {
    return geo;
  }

  /** Stopping tolerance relative to the ideal cell currents (default 1e-10). */
  public LinearRead tolerance(double relative) {
    if (!(relative > 0) || relative >= 1) {
      throw new IllegalArgumentException("tolerance must be in (0, 1), got " + relative);
    }
    this.tolerance = relative;
    return this;
  }

  /** Iteration limit (default 500); a read that does not converge within it throws. */
  public LinearRead maxIterations(int k) {
    this.maxIterations = k;
    return this;
  }

  /** Sets the cell conductances (S, row-major {@code i cols + j}, all &gt;= 0); copied. */
  public void conductances(double[] siemens) {
    if (siemens.length != n) {
      throw new IllegalArgumentException("conductances " + siemens.length + " != " + nr + " x " + nc);
    }
    for (int k = 0; k < n; k++) {
      double v = siemens[k];
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw NeuristorException.input("cell conductance must be finite and >= 0, got " + v + " at cell " + k);
      }
    }
    System.arraycopy(siemens, 0, g, 0, n);
    factored = false;
  }

  /** The cell conductances in use (live; call {@link #conductances} to change them). */
  double[] cells() {
    return g;
  }

  /** Iterations of the last read. */
  public int iterations() {
    return lastIterations;
  }

  /** Relative residual reached by the last read. */
  public double residual() {
    return lastResidual;
  }

  /** Forgets the previous solution (the next read starts from the ideal-wire guess). */
  public void coldStart() {
    warm = false;
  }

  private void termination(double[] rowVolts, double[] colVolts) {
    boolean changed = !factored;
    for (int i = 0; i < nr; i++) {
      double v = Double.isNaN(rowVolts[i]) ? 0 : 1 / (geo.driverOhm() + geo.wireRowOhm());
      changed |= v != gd[i];
      gd[i] = v;
    }
    for (int j = 0; j < nc; j++) {
      double v = Double.isNaN(colVolts[j]) ? 0 : 1 / (geo.senseOhm() + geo.wireColOhm());
      changed |= v != gs[j];
      gs[j] = v;
    }
    if (changed) {
      factor();
      warm = false;
    }
  }

  /** LDL^T pivots of every row and column wire block (Thomas algorithm). */
  private void factor() {
    for (int i = 0; i < nr; i++) {
      int o = i * nc;
      double prev = 0;
      for (int j = 0; j < nc; j++) {
        double d = g[o + j] + (j > 0 ? wr : 0) + (j < nc - 1 ? wr : 0) + (j == 0 ? gd[i] : 0);
        dR[o + j] = d;
        double piv = j == 0 ? d : d - wr * wr * prev;
        if (!(piv > 0)) {
          throw NeuristorException.input("row " + i + " of the crossbar has no conductive path (floating line?)");
        }
        prev = 1 / piv;
        fR[o + j] = prev;
      }
    }
    for (int i = 0; i < nr; i++) {
      int o = i * nc;
      for (int j = 0; j < nc; j++) {
        double d = g[o + j] + (i > 0 ? wc : 0) + (i < nr - 1 ? wc : 0) + (i == nr - 1 ? gs[j] : 0);
        double piv = i == 0 ? d : d - wc * wc * fC[o - nc + j];
        if (!(piv > 0)) {
          throw NeuristorException.input("column " + j + " of the crossbar has no conductive path (floating line?)");
        }
        fC[o + j] = 1 / piv;
      }
    }
    factored = true;
  }

  /** dst := A_R^-1 src (every row wire, Thomas algorithm); returns src . dst. */
  private double solveRows(double[] src, double[] dst) {
    double acc = 0;
    for (int i = 0; i < nr; i++) {
      int o = i * nc;
      double prev = src[o];
      dst[o] = prev;
      for (int j = 1; j < nc; j++) {
        prev = src[o + j] + wr * fR[o + j - 1] * prev;
        dst[o + j] = prev;
      }
      int e = o + nc - 1;
      prev *= fR[e];
      dst[e] = prev;
      acc += src[e] * prev;
      for (int k = e - 1; k >= o; k--) {
        prev = (dst[k] + wr * prev) * fR[k];
        dst[k] = prev;
        acc += src[k] * prev;
      }
    }
    return acc;
  }

  /** In place: v := A_C^-1 v (every column wire, swept row by row so memory is read in order). */
  private void solveColumns(double[] v) {
    for (int i = 1; i < nr; i++) {
      int o = i * nc;
      for (int j = 0; j < nc; j++) {
        v[o + j] += wc * fC[o - nc + j] * v[o - nc + j];
      }
    }
    int last = (nr - 1) * nc;
    for (int j = 0; j < nc; j++) {
      v[last + j] *= fC[last + j];
    }
    for (int i = nr - 2; i >= 0; i--) {
      int o = i * nc;
      for (int j = 0; j < nc; j++) {
        v[o + j] = (v[o + j] + wc * v[o + nc + j]) * fC[o + j];
      }
    }
  }

  /**
   * p := z + beta p (skipped when z is null), then y := S p = A_R p - G A_C^-1 G p (uses t), in two
   * sweeps over the array; returns p . y.
   */
  private double applySchur(double[] z, double beta, double[] pv, double[] y) {
    for (int j = 0; j < nc; j++) {
      double pj = z == null ? pv[j] : z[j] + beta * pv[j];
      pv[j] = pj;
      t[j] = g[j] * pj;
    }
    for (int i = 1; i < nr; i++) {
      int o = i * nc;
      for (int k = o; k < o + nc; k++) {
        double pk = z == null ? pv[k] : z[k] + beta * pv[k];
        pv[k] = pk;
        t[k] = g[k] * pk + wc * fC[k - nc] * t[k - nc];
      }
    }
    double acc = 0;
    for (int i = nr - 1; i >= 0; i--) {
      int o = i * nc;
      if (i == nr - 1) {
        for (int k = o; k < o + nc; k++) {
          t[k] *= fC[k];
        }
      } else {
        for (int k = o; k < o + nc; k++) {
          t[k] = (t[k] + wc * t[k + nc]) * fC[k];
        }
      }
      for (int j = 0; j < nc; j++) {
        int k = o + j;
        double a = dR[k] * pv[k];
        if (j > 0) {
          a -= wr * pv[k - 1];
        }
        if (j < nc - 1) {
          a -= wr * pv[k + 1];
        }
        double yk = a - g[k] * t[k];
        y[k] = yk;
        acc += pv[k] * yk;
      }
    }
    return acc;
  }

  /**
   * Reads the array: rows driven at {@code rowVolts} (NaN: floating), column sense amplifiers at
   * {@code colVolts} (NaN: floating). Writes into {@code colCurrents} the current flowing from each
   * column wire into its sense amplifier (A; NaN for floating columns).
   *
   * @return iterations used
   */
  public int read(double[] rowVolts, double[] colVolts, double[] colCurrents) {
    if (rowVolts.length != nr || colVolts.length != nc || colCurrents.length != nc) {
      throw new IllegalArgumentException("read vectors must have rows = " + nr + " and cols = " + nc + " entries");
    }
    termination(rowVolts, colVolts);
    // right-hand side of the Schur system: b_R + G A_C^-1 b_C
    Arrays.fill(t, 0);
    boolean colSources = false;
    int last = (nr - 1) * nc;
    for (int j = 0; j < nc; j++) {
      if (gs[j] > 0 && colVolts[j] != 0) {
        t[last + j] = gs[j] * colVolts[j];
        colSources = true;
      }
    }
    if (colSources) {
      solveColumns(t);
      for (int k = 0; k < n; k++) {
        bs[k] = g[k] * t[k];
      }
    } else {
      Arrays.fill(bs, 0);
    }
    double scale = 0;
    for (int i = 0; i < nr; i++) {
      double vi = Double.isNaN(rowVolts[i]) ? 0 : rowVolts[i];
      bs[i * nc] += gd[i] * vi;
      for (int j = 0; j < nc; j++) {
        double uj = Double.isNaN(colVolts[j]) ? 0 : colVolts[j];
        double c = g[i * nc + j] * (vi - uj);
        scale += c * c;
      }
    }
    scale = Math.sqrt(scale);
    if (!warm) {
      for (int i = 0; i < nr; i++) {
        Arrays.fill(x, i * nc, (i + 1) * nc, Double.isNaN(rowVolts[i]) ? 0 : rowVolts[i]);
      }
    }
    int it = 0;
    double rnorm = 0;
    if (scale > 0) {
      applySchur(null, 0, x, q);
      double rr = 0;
      for (int k = 0; k < n; k++) {
        double v = bs[k] - q[k];
        res[k] = v;
        rr += v * v;
      }
      rnorm = Math.sqrt(rr);
      double rz = 0;
      while (rnorm > tolerance * scale) {
        if (it == maxIterations) {
          throw new NeuristorException("crossbar read: conjugate gradients did not reach a relative residual of "
              + tolerance + " in " + maxIterations + " iterations (reached " + rnorm / scale + ")", 3);
        }
        double rzNew = solveRows(res, z);
        double pq = it == 0 ? applySchur(z, 0, p, q) : applySchur(z, rzNew / rz, p, q);
        rz = rzNew;
        double alpha = rz / pq;
        rr = 0;
        for (int k = 0; k < n; k++) {
          x[k] += alpha * p[k];
          double v = res[k] - alpha * q[k];
          res[k] = v;
          rr += v * v;
        }
        rnorm = Math.sqrt(rr);
        it++;
      }
    } else {
      Arrays.fill(x, 0);
    }
    // column nodes: c = A_C^-1 (b_C + G r)
    for (int k = 0; k < n; k++) {
      t[k] = g[k] * x[k];
    }
    for (int j = 0; j < nc; j++) {
      if (gs[j] > 0) {
        t[last + j] += gs[j] * colVolts[j];
      }
    }
    solveColumns(t);
    for (int j = 0; j < nc; j++) {
      colCurrents[j] = gs[j] > 0 ? gs[j] * (t[last + j] - colVolts[j]) : Double.NaN;
    }
    warm = true;
    lastIterations = it;
    lastResidual = scale > 0 ? rnorm / scale : 0;
    return it;
  }

  /** Row-wire node voltages of the last read (live, row-major). */
  public double[] rowNodeVolts() {
    return x;
  }

  /** Column-wire node voltages of the last read (live, row-major; valid until the next read). */
  public double[] colNodeVolts() {
    return t;
  }

  /**
   * The ideal read (no wire, driver or sense resistance): {@code I_j = sum_i G_ij (V_i - U_j)} over
   * driven rows; floating lines carry no current in this limit only if nothing else is floating,
   * so both vectors must be fully driven.
   */
  public static void ideal(double[] g, int rows, int cols, double[] rowVolts, double[] colVolts, double[] colCurrents) {
    java.util.Arrays.fill(colCurrents, 0, cols, 0);
    for (int i = 0; i < rows; i++) {
      double vi = rowVolts[i];
      if (Double.isNaN(vi)) {
        throw NeuristorException.input("the ideal read needs every row driven");
      }
      int o = i * cols;
      for (int j = 0; j < cols; j++) {
        colCurrents[j] += g[o + j] * (vi - colVolts[j]);
      }
    }
    for (int j = 0; j < cols; j++) {
      if (Double.isNaN(colVolts[j])) {
        throw NeuristorException.input("the ideal read needs every column sensed");
      }
    }
  }
}
