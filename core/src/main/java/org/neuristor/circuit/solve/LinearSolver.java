package org.neuristor.circuit.solve;

/**
 * A square linear solver over a fixed sparsity pattern: the caller writes matrix values through
 * handles obtained from the {@link MatrixPattern}, then factors and solves. Implementations reuse
 * all storage between calls; {@link #factor()} and {@link #solve(double[])} allocate nothing.
 */
public interface LinearSolver {

  /** Values of the matrix, one per pattern handle; the caller fills them before {@link #factor()}. */
  double[] values();

  /**
   * Factors the current values.
   *
   * @throws SingularMatrixException if a pivot is zero or tiny; it names the unknown index
   */
  void factor();

  /** Solves A x = b in place: on return {@code b} holds x. */
  void solve(double[] b);

  /** A short name for reports ("dense", "sparse"). */
  String kind();
}
