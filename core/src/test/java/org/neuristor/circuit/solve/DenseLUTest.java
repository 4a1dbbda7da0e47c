package org.neuristor.circuit.solve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The dense LU runs a fixed elimination schedule (generated code or loops) and pivots again only when
 * partial pivoting would choose differently: its solutions must equal those of plain dense elimination
 * with partial pivoting bit for bit, through value changes that move the pivots.
 */
class DenseLUTest {

  /** Plain dense Gaussian elimination with partial pivoting (first largest pivot wins); null if singular. */
  static double[] reference(double[][] m, double[] rhs) {
    int n = m.length;
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], 0, a, i * n, n);
    }
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int k = 0; k < n; k++) {
      int p = k;
      double max = Math.abs(a[k * n + k]);
      for (int i = k + 1; i < n; i++) {
        if (Math.abs(a[i * n + k]) > max) {
          max = Math.abs(a[i * n + k]);
          p = i;
        }
      }
      if (!(max > 1e-300)) {
        return null;
      }
      for (int j = 0; j < n; j++) {
        double t = a[k * n + j];
        a[k * n + j] = a[p * n + j];
        a[p * n + j] = t;
      }
      int t = perm[k];
      perm[k] = perm[p];
      perm[p] = t;
      for (int i = k + 1; i < n; i++) {
        double l = a[i * n + k];
        if (l != 0.0) {
          l /= a[k * n + k];
          a[i * n + k] = l;
          for (int j = k + 1; j < n; j++) {
            if (a[k * n + j] != 0.0) {
              a[i * n + j] -= l * a[k * n + j];
            }
          }
        }
      }
    }
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      double s = rhs[perm[i]];
      for (int j = 0; j < i; j++) {
        s -= a[i * n + j] * w[j];
      }
      w[i] = s;
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = w[i];
      for (int j = i + 1; j < n; j++) {
        s -= a[i * n + j] * w[j];
      }
      w[i] = s / a[i * n + i];
    }
    return w;
  }

  @Test
  void scheduledFactorsEqualDensePartialPivotingBitForBit() {
    long repivoted = 0;
    int solved = 0;
    int generated = 0; // solutions from generated code (schedules too large for the JIT run as loops)
    for (long seed = 1; seed <= 24; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      int nodes = 2 + r.nextInt(14);
      int sources = 1 + r.nextInt(3);
      double[][] a = new double[nodes + sources][nodes + sources];
      MatrixPattern p = LinearSolverTest.mna(r, nodes, sources, a);
      DenseLU compiled = new DenseLU(p);
      DenseLU loops = new DenseLU(p, false);
      for (int round = 0; round < 12; round++) {
        double[] b = new double[a.length];
        for (int i = 0; i < b.length; i++) {
          b[i] = r.nextDouble() - 0.5;
        }
        double[] expected = reference(a, b);
        for (DenseLU lu : new DenseLU[] {compiled, loops}) {
          LinearSolverTest.fill(lu, p, a);
          double[] x = b.clone();
          try {
            lu.factor();
          } catch (SingularMatrixException e) {
            assertThat(expected).as("seed %d round %d: singular only if the reference is", seed, round).isNull();
            continue;
          }
          assertThat(expected).isNotNull();
          if (lu == loops) {
            assertThat(lu.compiled()).isFalse();
          } else if (lu.compiled()) {
            generated++;
          }
          lu.solve(x);
          for (int i = 0; i < x.length; i++) {
            assertThat(Double.doubleToRawLongBits(x[i])).as("seed %d round %d x[%d]", seed, round, i)
                .isEqualTo(Double.doubleToRawLongBits(expected[i]));
          }
          solved++;
        }
        // new values on the same pattern, some by orders of magnitude (moves pivots), some exact ties
        for (double[] row : a) {
          for (int j = 0; j < row.length; j++) {
            if (row[j] != 0 && r.nextInt(4) == 0) {
              row[j] = r.nextInt(8) == 0 ? Math.signum(row[j]) : row[j] * Math.pow(10, 4 * r.nextDouble() - 2);
            }
          }
        }
      }
      repivoted += compiled.pivotingFactorizations() - 1;
    }
    assertThat(solved).isGreaterThan(480);
    assertThat(generated).as("a good part of the schedules run as generated code").isGreaterThan(solved / 5);
    assertThat(repivoted).as("value changes that move pivots were exercised").isGreaterThan(24);
  }

  /** The frozen pattern of a full n x n matrix. */
  static MatrixPattern full(int n) {
    MatrixPattern p = new MatrixPattern(n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        p.entry(i, j);
      }
    }
    p.freeze();
    return p;
  }

  /** An unchanged matrix reuses its factors; a changed one with the same pivots does not pivot again. */
  @Test
  void pivotsAreChosenOnlyWhenTheyMove() {
    MatrixPattern p = full(2);
    DenseLU lu = new DenseLU(p);
    double[][][] steps = {{{4, 1}, {1, 3}}, {{4, 1}, {1, 3}}, {{5, 1}, {2, 3}}, {{1, 1}, {5, 3}}, {{1, 2}, {1, 3}}};
    // third: same order; fourth: row 2 is larger; fifth: a tie goes to row 1, as plain partial pivoting does:
    // the first order again, whose schedule passes its checks, so no pivots are chosen again
    long[] pivoting = {1, 1, 1, 2, 2};
    for (int s = 0; s < steps.length; s++) {
      double[][] a = steps[s];
      LinearSolverTest.fill(lu, p, a);
      lu.factor();
      double[] b = {1, 2};
      double[] expected = reference(a, b);
      lu.solve(b);
      assertThat(b).containsExactly(expected);
      assertThat(lu.pivotingFactorizations()).as("step %d", s).isEqualTo(pivoting[s]);
    }
  }

  /**
   * The fused Newton step (residual, matrix from G and C, factors, solve, update in generated code) gives bit for
   * bit what the same steps written out give, through value changes that move the pivots (then it hands back
   * to {@link DenseLU#factor}) and non-finite values.
   */
  @Test
  void fusedNewtonStepEqualsTheStepsWrittenOut() {
    SplittableRandom r = new SplittableRandom(13);
    int done = 0;
    int pivot = 0;
    for (int trial = 0; trial < 60; trial++) {
      int n = 2 + r.nextInt(7);
      MatrixPattern p = new MatrixPattern(n);
      for (int i = 0; i < n; i++) {
        p.entry(i, i);
        for (int j = 0; j < n; j++) {
          if (i != j && r.nextInt(3) == 0) {
            p.entry(i, j);
          }
        }
      }
      p.freeze();
      int m = p.size();
      DenseLU fused = new DenseLU(p);
      DenseLU plain = new DenseLU(p);
      double[] first = new double[m];
      for (int h = 0; h < m; h++) {
        first[h] = r.nextDouble() - 0.5 + (p.row(h) == p.col(h) ? 3 : 0);
      }
      for (DenseLU lu : new DenseLU[] {fused, plain}) {
        System.arraycopy(first, 0, lu.values(), 0, m);
        lu.factor(); // the current schedule
      }
      for (int step = 0; step < 8; step++) {
        double[] gv = new double[m];
        double[] cv = new double[m];
        double[] lg = new double[m];
        double[] lc = new double[m];
        for (int h = 0; h < m; h++) {
          gv[h] = (r.nextDouble() - 0.5) * Math.pow(10, 3 * r.nextDouble() - 1);
          cv[h] = r.nextInt(3) == 0 ? 0.0 : r.nextDouble() * 1e-9;
          lg[h] = r.nextDouble();
          lc[h] = r.nextDouble() * 1e-9;
        }
        if (step == 7) {
          gv[r.nextInt(m)] = Double.NaN;
        }
        double a0 = 1e9 * (1 + r.nextDouble());
        double[] f = new double[n];
        double[] q = new double[n];
        double[] qHist = new double[n];
        double[] rw = new double[n];
        double[] x = new double[n];
        double[] absTol = new double[n];
        for (int i = 0; i < n; i++) {
          f[i] = r.nextDouble() - 0.5;
          q[i] = (r.nextDouble() - 0.5) * 1e-9;
          qHist[i] = r.nextDouble() - 0.5;
          rw[i] = 1e6;
          x[i] = r.nextDouble();
          absTol[i] = 1e-6;
        }
        double[] gvA = gv.clone();
        double[] cvA = cv.clone();
        double[] xA = x.clone();
        double[] xOldA = new double[n];
        double[] bA = new double[n];
        double[] out = new double[3 + 2 * n];
        int code = fused.newtonStep(f, q, qHist, rw, Double.POSITIVE_INFINITY, gvA, cvA, lg, lc, a0, bA, xA, xOldA,
            absTol, 1e-3, out);
        // the steps written out
        double[] b = new double[n];
        double norm = 0;
        for (int i = 0; i < n; i++) {
          b[i] = f[i] + (a0 * q[i] + qHist[i]);
          double w = Math.abs(b[i]) * rw[i];
          if (w > norm || Double.isNaN(w)) {
            norm = w;
          }
        }
        boolean finite = true;
        for (int h = 0; h < m; h++) {
          plain.values()[h] = gv[h] + a0 * cv[h];
          finite &= Double.isFinite(plain.values()[h]);
        }
        boolean handedBack = code == DenseLU.STEP_NOT_FINITE || code == DenseLU.STEP_PIVOT;
        // G and C back to their linear parts, or as they came when the matrix is handed back
        assertThat(gvA).containsExactly(handedBack ? gv : lg);
        assertThat(cvA).containsExactly(handedBack ? cv : lc);
        if (!finite) {
          assertThat(code).isEqualTo(DenseLU.STEP_NOT_FINITE);
          continue;
        }
        // the residual reaches b only when the step is handed back for the caller's solve
        assertThat(bA).containsExactly(code == DenseLU.STEP_PIVOT ? b : new double[n]);
        assertThat(out[2]).isEqualTo(norm);
        if (code == DenseLU.STEP_PIVOT) {
          pivot++;
          for (int h = 0; h < m; h++) {
            fused.values()[h] = gvA[h] + a0 * cvA[h]; // the caller forms the matrix from G and C
          }
          assertThat(fused.values()).containsExactly(plain.values());
          assertThat(xA).containsExactly(x); // untouched: the caller factors and solves
          fused.factor();
          fused.solve(bA);
        }
        plain.factor();
        plain.solve(b);
        if (code == DenseLU.STEP_PIVOT) {
          assertThat(bA).containsExactly(b);
          continue;
        }
        assertThat(code).isEqualTo(DenseLU.STEP_DONE);
        done++;
        double worst = 0;
        int worstAt = -1;
        double[] xOld = new double[n];
        for (int i = 0; i < n; i++) {
          double xo = x[i];
          xOld[i] = xo;
          x[i] = xo - b[i];
          double ratio = Math.abs(b[i]) / (1e-3 * Math.max(Math.abs(x[i]), Math.abs(xo)) + absTol[i]);
          if (ratio > worst) {
            worst = ratio;
            worstAt = i;
          }
        }
        assertThat(xA).containsExactly(x);
        assertThat(xOldA).containsExactly(xOld);
        assertThat(DenseLU.worstRatio(out, n)).isEqualTo(worst);
        assertThat(DenseLU.worstUnknown(out, n)).isEqualTo(worstAt);
        assertThat(out[0]).isEqualTo(worst > 1.0 ? 1.0 : 0.0);
        assertThat(out[1]).isEqualTo(worstAt >= 0 ? 1.0 : 0.0);
      }
    }
    assertThat(done).isGreaterThan(80);
    assertThat(pivot).as("pivot changes handed back").isGreaterThan(10);
  }

  /**
   * The fused step's flags stand for the convergence ratio |dx| / tol without dividing: above 1 exactly when
   * |dx| > tol, above 0 unless the quotient rounds to 0. With reltol 0 the tolerance is absTol and, on the matrix 1,
   * the update is the residual f, so both are set exactly; the cases sit on the boundaries (equal operands, one ulp
   * either side, quotients at half the smallest subnormal, overflow).
   */
  @Test
  void fusedStepFlagsAgreeWithTheRatiosOnTheirBoundaries() {
    double tiny = Double.MIN_VALUE;
    double[][] cases = {{1e-6, 1e-6}, {Math.nextUp(1e-6), 1e-6}, {Math.nextDown(1e-6), 1e-6},
        {Math.nextUp(1.999), 1.999}, {Math.nextDown(1.0), 1.0}, {0.0, 1e-6}, {tiny, 2.0}, {tiny, Math.nextDown(2.0)},
        {tiny, 4.0}, {3 * tiny, 6.0}, {3 * tiny, Math.nextDown(6.0)}, {1e300, 1e-300}, {Double.MAX_VALUE, tiny},
        {1e-310, 1e-310}, {Math.nextUp(1e-310), 1e-310}, {5.0, Double.POSITIVE_INFINITY}, {1e-300, 1e300}};
    MatrixPattern p = full(1);
    for (double[] c : cases) {
      for (double sign : new double[] {1, -1}) {
        double dx = sign * c[0];
        DenseLU lu = new DenseLU(p);
        lu.values()[0] = 1;
        lu.factor();
        double[] x = {0};
        double[] out = new double[5];
        int code = lu.newtonStep(new double[] {dx}, new double[1], new double[1], new double[] {1},
            Double.POSITIVE_INFINITY, new double[] {1}, new double[1], new double[] {1}, new double[1], 1, new double[1],
            x, new double[1], new double[] {c[1]}, 0, out);
        assertThat(code).isEqualTo(DenseLU.STEP_DONE);
        assertThat(x[0]).isEqualTo(-dx);
        double ratio = Math.abs(dx) / c[1];
        assertThat(DenseLU.worstRatio(out, 1)).isEqualTo(ratio);
        assertThat(out[0]).as("above 1: %s / %s", dx, c[1]).isEqualTo(ratio > 1 ? 1.0 : 0.0);
        assertThat(out[1]).as("above 0: %s / %s", dx, c[1]).isEqualTo(ratio > 0 ? 1.0 : 0.0);
      }
    }
  }

  /**
   * With restore masks the fused step puts back only the marked entries of G and C and leaves the others as they
   * came; everything else it computes is what the step without masks computes.
   */
  @Test
  void fusedStepRestoresOnlyTheMarkedEntries() {
    MatrixPattern p = full(3);
    int m = p.size();
    boolean[][] restore = new boolean[2][m];
    for (int h = 0; h < m; h++) {
      restore[0][h] = h % 3 != 1;
      restore[1][h] = h % 4 == 0;
    }
    double[] gv = new double[m];
    double[] cv = new double[m];
    double[] lg = new double[m];
    double[] lc = new double[m];
    for (int h = 0; h < m; h++) {
      gv[h] = (p.row(h) == p.col(h) ? 5 : 0) + 0.1 * h;
      cv[h] = 1e-9 * (h + 1);
      lg[h] = -h;
      lc[h] = 2e-9 * h;
    }
    double[][] results = new double[2][];
    for (int masked = 0; masked < 2; masked++) {
      DenseLU lu = masked == 1 ? new DenseLU(p, restore) : new DenseLU(p);
      for (int h = 0; h < m; h++) {
        lu.values()[h] = gv[h] + 1e6 * cv[h];
      }
      lu.factor();
      double[] g = gv.clone();
      double[] c = cv.clone();
      double[] x = {0.1, 0.2, 0.3};
      double[] b = new double[3];
      double[] out = new double[9];
      int code = lu.newtonStep(new double[] {1, -2, 3}, new double[] {1e-9, 0, 2e-9}, new double[] {0.5, 0.25, 0},
          new double[] {1, 1, 1}, Double.POSITIVE_INFINITY, g, c, lg, lc, 1e6, b, x, new double[3],
          new double[] {1e-6, 1e-6, 1e-6}, 1e-3, out);
      assertThat(code).isEqualTo(DenseLU.STEP_DONE);
      for (int h = 0; h < m; h++) {
        assertThat(g[h]).isEqualTo(masked == 0 || restore[0][h] ? lg[h] : gv[h]);
        assertThat(c[h]).isEqualTo(masked == 0 || restore[1][h] ? lc[h] : cv[h]);
      }
      results[masked] = new double[] {x[0], x[1], x[2], b[0], b[1], b[2], out[0], out[1], out[2],
          DenseLU.worstRatio(out, 3)};
    }
    assertThat(results[1]).containsExactly(results[0]);
  }

  /** A residual norm above the limit returns before the matrix, G and C are touched. */
  @Test
  void fusedNewtonStepLeavesTheMatrixAloneAboveTheResidualLimit() {
    MatrixPattern p = full(2);
    DenseLU lu = new DenseLU(p);
    LinearSolverTest.fill(lu, p, new double[][] {{4, 1}, {1, 3}});
    lu.factor();
    double[] gv = {1, 2, 3, 4};
    double[] x = {1, 2};
    double[] out = new double[3];
    int code = lu.newtonStep(new double[] {1, 1}, new double[2], new double[2], new double[] {1, 1}, 0.5, gv,
        new double[4], new double[4], new double[4], 1e9, new double[2], x, new double[2], new double[2], 1e-3, out);
    assertThat(code).isEqualTo(DenseLU.STEP_RESIDUAL);
    assertThat(out[2]).isEqualTo(1.0);
    assertThat(gv).containsExactly(1, 2, 3, 4);
    assertThat(x).containsExactly(1, 2);
  }

  /**
   * Regression: every solver of the same structure (a sweep's points, repeated runs) got a new generated
   * class, so the JIT compiled the kernel again for each point and the call became megamorphic.
   */
  @Test
  void solversOfTheSameStructureShareOneGeneratedKernel() {
    MatrixPattern p = new MatrixPattern(3);
    int[][] nz = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {1, 2}, {2, 1}, {2, 2}};
    for (int[] e : nz) {
      p.entry(e[0], e[1]);
    }
    p.freeze();
    double[][] a = {{4, 1, 0}, {1, 5, 2}, {0, 2, 6}};
    DenseLU first = new DenseLU(p);
    DenseLU second = new DenseLU(p);
    for (DenseLU lu : new DenseLU[] {first, second}) {
      LinearSolverTest.fill(lu, p, a);
      lu.factor();
      double[] b = {1, 2, 3};
      double[] expected = reference(a, b);
      lu.solve(b);
      assertThat(b).containsExactly(expected);
    }
    assertThat(first.compiled()).isTrue();
    assertThat(second.kernel()).isSameAs(first.kernel());
    // another pivot order is another structure, with its own kernel
    double[][] swapped = {{1, 1, 0}, {5, 5, 2}, {0, 2, 6}};
    DenseLU third = new DenseLU(p);
    LinearSolverTest.fill(third, p, swapped);
    third.factor();
    assertThat(third.kernel()).isNotNull().isNotSameAs(first.kernel());
  }
}
