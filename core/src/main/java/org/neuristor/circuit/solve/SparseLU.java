package org.neuristor.circuit.solve;

import java.util.Arrays;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.sparse.csc.decomposition.lu.LuUpLooking_DSCC;

/**
 * Sparse LU for large circuits (ladders, crossbars), backed by EJML's up-looking sparse LU with
 * partial pivoting. The compressed-column structure is built once from the {@link MatrixPattern}.
 * EJML cannot lock the symbolic analysis of a pivoting LU, so each factorization is complete; a
 * matrix identical to the last factored one (a linear circuit at a repeated step size) reuses the
 * factors.
 */
public final class SparseLU implements LinearSolver {
  private final int n;
  private final double[] values;
  private final int[] position;
  private final DMatrixSparseCSC matrix;
  private final LuUpLooking_DSCC lu = new LuUpLooking_DSCC(null);
  private final double[] work;
  private final double[] factored;
  private boolean valid;

  public SparseLU(MatrixPattern pattern) {
    this.n = pattern.dimension();
    int nz = pattern.size();
    this.values = new double[nz];
    this.position = new int[nz];
    this.factored = new double[nz];
    matrix = new DMatrixSparseCSC(n, n, nz);
    int[] pos = pattern.compressedColumns(matrix.col_idx, matrix.nz_rows);
    System.arraycopy(pos, 0, position, 0, nz);
    matrix.nz_length = nz;
    matrix.indicesSorted = true;
    work = new double[n];
  }

  @Override
  public double[] values() {
    return values;
  }

  @Override
  public String kind() {
    return "sparse";
  }

  @Override
  public void factor() {
    if (valid && java.util.Arrays.equals(values, factored)) {
      return; // same matrix as last time (linear circuit, same step): reuse the factors
    }
    valid = false;
    double[] nzv = matrix.nz_values;
    for (int h = 0; h < values.length; h++) {
      nzv[position[h]] = values[h];
    }
    boolean ok;
    try {
      ok = lu.decompose(matrix) && !lu.isSingular();
    } catch (RuntimeException e) {
      ok = false;
    }
    if (!ok) {
      throw new SingularMatrixException(findEmptyPivot());
    }
    System.arraycopy(values, 0, factored, 0, values.length);
    valid = true;
  }

  private int findEmptyPivot() {
    // Best effort: a column with no non-zero value points at the floating unknown.
    for (int c = 0; c < n; c++) {
      boolean any = false;
      for (int k = matrix.col_idx[c]; k < matrix.col_idx[c + 1]; k++) {
        if (matrix.nz_values[k] != 0.0) {
          any = true;
          break;
        }
      }
      if (!any) {
        return c;
      }
    }
    return 0;
  }

  /**
   * Solves with the factors directly (dense right-hand side): P A = L U with L unit-diagonal
   * (diagonal stored first in each column) and U's diagonal stored last in each column, as in
   * CSparse's cs_lu, whose algorithm EJML's up-looking LU follows.
   */
  @Override
  public void solve(double[] b) {
    int[] pinv = lu.getPinv();
    DMatrixSparseCSC l = lu.getL();
    DMatrixSparseCSC u = lu.getU();
    double[] x = work;
    for (int i = 0; i < n; i++) {
      x[pinv[i]] = b[i];
    }
    int[] lp = l.col_idx;
    int[] li = l.nz_rows;
    double[] lx = l.nz_values;
    for (int j = 0; j < n; j++) {
      double xj = x[j] / lx[lp[j]];
      x[j] = xj;
      if (xj != 0.0) {
        for (int p = lp[j] + 1; p < lp[j + 1]; p++) {
          x[li[p]] -= lx[p] * xj;
        }
      }
    }
    int[] up = u.col_idx;
    int[] ui = u.nz_rows;
    double[] ux = u.nz_values;
    for (int j = n - 1; j >= 0; j--) {
      double xj = x[j] / ux[up[j + 1] - 1];
      x[j] = xj;
      if (xj != 0.0) {
        for (int p = up[j]; p < up[j + 1] - 1; p++) {
          x[ui[p]] -= ux[p] * xj;
        }
      }
    }
    System.arraycopy(x, 0, b, 0, n);
  }
}
