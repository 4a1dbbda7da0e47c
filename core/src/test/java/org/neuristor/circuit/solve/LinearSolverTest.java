package org.neuristor.circuit.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dense and sparse LU against each other on seeded random MNA-like matrices: conductance blocks
 * plus voltage-source branch rows with zero diagonals (which force real pivoting), refactored with
 * new values on the same pattern.
 */
class LinearSolverTest {

  static Stream<Long> seeds() {
    return LongStream.range(1, 21).boxed();
  }

  /** Builds the pattern and fills values of an MNA-like matrix; returns the pattern. */
  static MatrixPattern mna(SplittableRandom r, int nodes, int sources, double[][] dense) {
    int n = nodes + sources;
    MatrixPattern p = new MatrixPattern(n);
    for (int k = 0; k < 3 * nodes; k++) {
      int a = r.nextInt(nodes);
      int b = r.nextInt(nodes);
      double g = Math.pow(10, -6 + 6 * r.nextDouble());
      dense[a][a] += g;
      dense[b][b] += g;
      if (a != b) {
        dense[a][b] -= g;
        dense[b][a] -= g;
      }
    }
    for (int i = 0; i < nodes; i++) {
      dense[i][i] += 1e-9;
    }
    for (int s = 0; s < sources; s++) {
      int a = r.nextInt(nodes);
      int row = nodes + s;
      dense[a][row] += 1;
      dense[row][a] += 1;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (dense[i][j] != 0 || i == j) {
          p.entry(i, j);
        }
      }
    }
    p.freeze();
    return p;
  }

  static void fill(LinearSolver s, MatrixPattern p, double[][] dense) {
    double[] v = s.values();
    for (int h = 0; h < p.size(); h++) {
      v[h] = dense[p.row(h)][p.col(h)];
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void sparseMatchesDense(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int nodes = 20 + r.nextInt(80);
    int sources = 1 + r.nextInt(5);
    double[][] a = new double[nodes + sources][nodes + sources];
    MatrixPattern p = mna(r, nodes, sources, a);
    // distinct source nodes make the matrix regular; skip draws that repeat a node
    DenseLU dense = new DenseLU(p);
    SparseLU sparse = new SparseLU(p);
    RefactoringSparseLU klu = new RefactoringSparseLU(p);
    for (int round = 0; round < 3; round++) {
      fill(dense, p, a);
      fill(sparse, p, a);
      fill(klu, p, a);
      double[] b1 = new double[a.length];
      for (int i = 0; i < b1.length; i++) {
        b1[i] = r.nextDouble() - 0.5;
      }
      double[] b2 = b1.clone();
      double[] b3 = b1.clone();
      try {
        dense.factor();
      } catch (SingularMatrixException e) {
        return;
      }
      sparse.factor();
      klu.factor();
      dense.solve(b1);
      sparse.solve(b2);
      klu.solve(b3);
      for (int i = 0; i < b1.length; i++) {
        assertThat(b2[i]).isCloseTo(b1[i], org.assertj.core.data.Offset.offset(1e-8 * (1 + Math.abs(b1[i]))));
        assertThat(b3[i]).isCloseTo(b1[i], org.assertj.core.data.Offset.offset(1e-8 * (1 + Math.abs(b1[i]))));
      }
      // new values on the same pattern
      for (double[] row : a) {
        for (int j = 0; j < row.length; j++) {
          row[j] *= 1 + 0.1 * r.nextDouble();
        }
      }
    }
    // rounds after the first reuse the pivot order (numeric refactorization) unless a pivot degraded
    assertThat(klu.counts()[0] + klu.counts()[1]).isEqualTo(3);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void singularMatrixIsReported(long seed) {
    MatrixPattern p = new MatrixPattern(3);
    p.entry(0, 1);
    p.entry(1, 0);
    p.freeze();
    for (LinearSolver s : new LinearSolver[] {new DenseLU(p), new SparseLU(p), new RefactoringSparseLU(p)}) {
      s.values()[p.entry(0, 1)] = 1;
      s.values()[p.entry(1, 0)] = 1;
      assertThatThrownBy(s::factor).isInstanceOf(SingularMatrixException.class);
    }
  }

  /** A star (one hub node tied to every other) fills in completely in natural order; minimum degree keeps it fill-free. */
  @org.junit.jupiter.api.Test
  void minimumDegreeOrderingAvoidsTheFillOfAStar() {
    int n = 200;
    MatrixPattern p = new MatrixPattern(n);
    double[][] a = new double[n][n];
    for (int i = 1; i < n; i++) {
      a[0][i] = a[i][0] = -1;
      a[i][i] = 2;
      a[0][0] += 1;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (a[i][j] != 0) {
          p.entry(i, j);
        }
      }
    }
    p.freeze();
    RefactoringSparseLU klu = new RefactoringSparseLU(p);
    fill(klu, p, a);
    klu.factor();
    assertThat(klu.order()).endsWith(0, n - 1); // the hub goes last but one (a tie with the last leaf)
    assertThat(klu.factorNonZeros()).isEqualTo(p.size() + n); // L and U hold A's entries plus L's unit diagonal
    double[] b = new double[n];
    b[5] = 1;
    klu.solve(b);
    double[] ax = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        ax[i] += a[i][j] * b[j];
      }
    }
    for (int i = 0; i < n; i++) {
      assertThat(ax[i]).isCloseTo(i == 5 ? 1 : 0, org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  /** When new values make a reused pivot vanish, the solver pivots afresh and still solves exactly. */
  @org.junit.jupiter.api.Test
  void aPivotThatVanishesOnRefactoringTriggersNewPivoting() {
    MatrixPattern p = new MatrixPattern(2);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        p.entry(i, j);
      }
    }
    p.freeze();
    RefactoringSparseLU klu = new RefactoringSparseLU(p);
    double[][] first = {{4, 1}, {1, 3}};
    double[][] second = {{0, 1}, {1, 3}};
    for (double[][] a : new double[][][] {first, second}) {
      fill(klu, p, a);
      klu.factor();
      double[] b = {1, 2};
      klu.solve(b);
      assertThat(a[0][0] * b[0] + a[0][1] * b[1]).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(a[1][0] * b[0] + a[1][1] * b[1]).isCloseTo(2, org.assertj.core.data.Offset.offset(1e-12));
    }
    assertThat(klu.counts()).containsExactly(2, 0);
  }
}
