package org.neuristor.circuit.solve;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.interfaces.linsol.LinearSolverSparse;
import org.ejml.sparse.FillReducing;
import org.ejml.sparse.csc.factory.LinearSolverFactory_DSCC;

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
  private final LinearSolverSparse<DMatrixSparseCSC, DMatrixRMaj> solver;
  private final DMatrixRMaj rhs;
  private final DMatrixRMaj sol;
  private final double[] factored;
  private boolean valid;

  public SparseLU(MatrixPattern pattern) {
    this.n = pattern.dimension();
    int nz = pattern.size();
    this.values = new double[nz];
    this.position = new int[nz];
    this.factored = new double[nz];
    Integer[] order = new Integer[nz];
    for (int h = 0; h < nz; h++) {
      order[h] = h;
    }
    Arrays.sort(order, (p, q) -> {
      int c = Integer.compare(pattern.col(p), pattern.col(q));
      return c != 0 ? c : Integer.compare(pattern.row(p), pattern.row(q));
    });
    matrix = new DMatrixSparseCSC(n, n, nz);
    int[] colIdx = matrix.col_idx;
    for (int k = 0; k < nz; k++) {
      int h = order[k];
      position[h] = k;
      matrix.nz_rows[k] = pattern.row(h);
      colIdx[pattern.col(h) + 1]++;
    }
    for (int c = 0; c < n; c++) {
      colIdx[c + 1] += colIdx[c];
    }
    matrix.nz_length = nz;
    matrix.indicesSorted = true;
    solver = LinearSolverFactory_DSCC.lu(FillReducing.NONE);
    rhs = new DMatrixRMaj(n, 1);
    sol = new DMatrixRMaj(n, 1);
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
      ok = solver.setA(matrix);
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

  @Override
  public void solve(double[] b) {
    System.arraycopy(b, 0, rhs.data, 0, n);
    solver.solve(rhs, sol);
    System.arraycopy(sol.data, 0, b, 0, n);
  }
}
