package org.neuristor.circuit.solve;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * Sparse LU for large circuits in the style of KLU: a fill-reducing minimum-degree ordering of
 * the columns (computed once, on the pattern of A + A^T), a left-looking Gilbert-Peierls
 * factorization with threshold partial pivoting that prefers the diagonal, and cheap numeric
 * refactorization for later matrices of the same pattern: the pivot sequence and the patterns of L
 * and U are reused, so a Newton step costs only the floating-point work. When a reused pivot
 * becomes too small relative to its column, the solver pivots afresh.
 *
 * <p>Written here because EJML (used for everything else) offers no fill-reducing ordering and cannot
 * reuse the symbolic analysis of a pivoting LU; measured against EJML in the bench module.
 */
public final class RefactoringSparseLU implements LinearSolver {
  /** A pivot is accepted when |pivot| >= this fraction of the largest candidate in its column. */
  private static final double PIVOT_TOLERANCE = 1e-3;

  private final int n;
  private final double[] values;
  private final double[] factored;
  private boolean valid;

  // A in compressed columns, original indices
  private final int[] ap;
  private final int[] ai;
  private final double[] ax;
  private final int[] position;

  /** Column order: column k of the factors is column q[k] of A. */
  private final int[] q;
  /** pinv[row] = pivot step at which the row was chosen. */
  private final int[] pinv;

  // L (unit lower, first entry of a column is the pivot itself) and U (diagonal last), pivoted rows
  private int[] lp;
  private int[] li = new int[16];
  private double[] lx = new double[16];
  private int[] up;
  private int[] ui = new int[16];
  private double[] ux = new double[16];
  private boolean symbolic;

  private final double[] x;
  private final int[] xi;
  private final int[] stack;
  private final int[] childPos;
  private final int[] mark;
  private int stamp;
  private int fullFactorizations;
  private int refactorizations;

  public RefactoringSparseLU(MatrixPattern pattern) {
    n = pattern.dimension();
    int nz = pattern.size();
    values = new double[nz];
    factored = new double[nz];
    position = new int[nz];
    ap = new int[n + 1];
    ai = new int[nz];
    ax = new double[nz];
    int[] pos = pattern.compressedColumns(ap, ai);
    System.arraycopy(pos, 0, position, 0, nz);
    q = minimumDegreeOrder(n, ap, ai);
    pinv = new int[n];
    lp = new int[n + 1];
    up = new int[n + 1];
    x = new double[n];
    xi = new int[n];
    stack = new int[n];
    childPos = new int[n];
    mark = new int[n];
  }

  @Override
  public double[] values() {
    return values;
  }

  @Override
  public String kind() {
    return "sparse";
  }

  /** Column order chosen by the minimum-degree analysis (for tests and reports). */
  public int[] order() {
    return q.clone();
  }

  /** Number of factorizations with pivot search, and of numeric refactorizations, so far. */
  public int[] counts() {
    return new int[] {fullFactorizations, refactorizations};
  }

  /** Entries in L and U (fill included). */
  public int factorNonZeros() {
    return lp[n] + up[n];
  }

  @Override
  public void factor() {
    if (valid && Arrays.equals(values, factored)) {
      return; // same matrix as last time: reuse the factors
    }
    valid = false;
    for (int h = 0; h < values.length; h++) {
      ax[position[h]] = values[h];
    }
    if (!symbolic || !refactor()) {
      factorWithPivoting();
    }
    System.arraycopy(values, 0, factored, 0, values.length);
    valid = true;
  }

  // ------------------------------------------------------------------ full factorization

  private void factorWithPivoting() {
    fullFactorizations++;
    symbolic = false;
    Arrays.fill(pinv, -1);
    int lnz = 0;
    int unz = 0;
    for (int k = 0; k < n; k++) {
      lp[k] = lnz;
      up[k] = unz;
      int col = q[k];
      int top = reach(col);
      for (int p = ap[col]; p < ap[col + 1]; p++) {
        x[ai[p]] = ax[p];
      }
      // x = L \ A(:, col) over the reach, in topological order
      for (int px = top; px < n; px++) {
        int j = xi[px];
        int jj = pinv[j];
        if (jj < 0) {
          continue;
        }
        double xj = x[j];
        for (int p = lp[jj] + 1; p < lp[jj + 1]; p++) {
          x[li[p]] -= lx[p] * xj;
        }
      }
      // choose the pivot among rows not yet pivoted, preferring the diagonal row q[k]
      int ipiv = -1;
      double amax = -1;
      for (int px = top; px < n; px++) {
        int i = xi[px];
        if (pinv[i] < 0) {
          double a = Math.abs(x[i]);
          if (a > amax) {
            amax = a;
            ipiv = i;
          }
        }
      }
      if (ipiv < 0 || !(amax > 0) || !Double.isFinite(amax)) {
        clear(top);
        throw new SingularMatrixException(col);
      }
      if (pinv[col] < 0 && mark[col] == stamp && Math.abs(x[col]) >= PIVOT_TOLERANCE * amax) {
        ipiv = col;
      }
      double pivot = x[ipiv];
      int need = n - top + 1;
      ensureU(unz + need);
      ensureL(lnz + need);
      for (int px = top; px < n; px++) {
        int i = xi[px];
        if (pinv[i] >= 0) {
          ui[unz] = pinv[i];
          ux[unz++] = x[i];
        }
      }
      ui[unz] = k;
      ux[unz++] = pivot;
      pinv[ipiv] = k;
      li[lnz] = ipiv;
      lx[lnz++] = 1;
      for (int px = top; px < n; px++) {
        int i = xi[px];
        if (pinv[i] < 0) {
          li[lnz] = i;
          lx[lnz++] = x[i] / pivot;
        }
      }
      clear(top);
    }
    lp[n] = lnz;
    up[n] = unz;
    // rows of L to pivoted indices; U columns sorted by row (a topological order for refactoring),
    // with the diagonal kept last
    for (int p = 0; p < lnz; p++) {
      li[p] = pinv[li[p]];
    }
    for (int k = 0; k < n; k++) {
      sortByRow(ui, ux, up[k], up[k + 1] - 1);
    }
    symbolic = true;
  }

  private void clear(int top) {
    for (int px = top; px < n; px++) {
      x[xi[px]] = 0;
    }
  }

  /**
   * Rows reachable from the pattern of A(:, col) through the columns of L already computed
   * (rows with original indices; a pivoted row j leads to the rows of L column pinv[j]); leaves
   * them in xi[top..n-1] in topological order and marks them with the current stamp.
   */
  private int reach(int col) {
    stamp++;
    if (stamp == Integer.MAX_VALUE) {
      Arrays.fill(mark, 0);
      stamp = 1;
    }
    int top = n;
    for (int p = ap[col]; p < ap[col + 1]; p++) {
      int start = ai[p];
      if (mark[start] == stamp) {
        continue;
      }
      int head = 0;
      stack[0] = start;
      mark[start] = stamp;
      int jj0 = pinv[start];
      childPos[0] = jj0 < 0 ? 0 : lp[jj0] + 1;
      while (head >= 0) {
        int j = stack[head];
        int jj = pinv[j];
        boolean descended = false;
        if (jj >= 0) {
          int end = lp[jj + 1];
          for (int pp = childPos[head]; pp < end; pp++) {
            int i = li[pp];
            if (mark[i] != stamp) {
              childPos[head] = pp + 1;
              mark[i] = stamp;
              stack[++head] = i;
              int ii = pinv[i];
              childPos[head] = ii < 0 ? 0 : lp[ii] + 1;
              descended = true;
              break;
            }
          }
        }
        if (!descended) {
          head--;
          xi[--top] = j;
        }
      }
    }
    return top;
  }

  // ------------------------------------------------------------------ numeric refactorization

  /** Refactors with the stored pivot order and patterns; false if a pivot became unacceptable. */
  private boolean refactor() {
    for (int k = 0; k < n; k++) {
      int col = q[k];
      for (int p = ap[col]; p < ap[col + 1]; p++) {
        x[pinv[ai[p]]] = ax[p];
      }
      int uend = up[k + 1] - 1;
      for (int p = up[k]; p < uend; p++) {
        int j = ui[p];
        double xj = x[j];
        ux[p] = xj;
        x[j] = 0;
        for (int pp = lp[j] + 1; pp < lp[j + 1]; pp++) {
          x[li[pp]] -= lx[pp] * xj;
        }
      }
      double pivot = x[k];
      x[k] = 0;
      double amax = Math.abs(pivot);
      for (int p = lp[k] + 1; p < lp[k + 1]; p++) {
        amax = Math.max(amax, Math.abs(x[li[p]]));
      }
      if (!(Math.abs(pivot) >= PIVOT_TOLERANCE * amax) || pivot == 0 || !Double.isFinite(amax)) {
        for (int p = lp[k] + 1; p < lp[k + 1]; p++) {
          x[li[p]] = 0;
        }
        return false;
      }
      ux[uend] = pivot;
      double inv = 1 / pivot;
      for (int p = lp[k] + 1; p < lp[k + 1]; p++) {
        int i = li[p];
        lx[p] = x[i] * inv;
        x[i] = 0;
      }
    }
    refactorizations++;
    return true;
  }

  // ------------------------------------------------------------------ solve

  @Override
  public void solve(double[] b) {
    double[] y = x;
    for (int i = 0; i < n; i++) {
      y[pinv[i]] = b[i];
    }
    for (int j = 0; j < n; j++) {
      double yj = y[j];
      if (yj != 0) {
        for (int p = lp[j] + 1; p < lp[j + 1]; p++) {
          y[li[p]] -= lx[p] * yj;
        }
      }
    }
    for (int j = n - 1; j >= 0; j--) {
      int diag = up[j + 1] - 1;
      double yj = y[j] / ux[diag];
      y[j] = yj;
      if (yj != 0) {
        for (int p = up[j]; p < diag; p++) {
          y[ui[p]] -= ux[p] * yj;
        }
      }
    }
    for (int k = 0; k < n; k++) {
      b[q[k]] = y[k];
      y[k] = 0;
    }
  }

  // ------------------------------------------------------------------ ordering

  /**
   * Minimum-degree ordering of the symmetric graph of A + A^T (explicit elimination graph, ties by
   * index, so the order is deterministic). Circuits are sparse enough that the exact elimination
   * graph stays small.
   */
  static int[] minimumDegreeOrder(int n, int[] ap, int[] ai) {
    int[][] adj = new int[n][];
    int[] deg = new int[n];
    // symmetric adjacency without the diagonal
    int[] count = new int[n];
    for (int c = 0; c < n; c++) {
      for (int p = ap[c]; p < ap[c + 1]; p++) {
        int r = ai[p];
        if (r != c) {
          count[r]++;
          count[c]++;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      adj[i] = new int[Math.max(4, count[i])];
    }
    for (int c = 0; c < n; c++) {
      for (int p = ap[c]; p < ap[c + 1]; p++) {
        int r = ai[p];
        if (r != c) {
          adj[r][deg[r]++] = c;
          adj[c][deg[c]++] = r;
        }
      }
    }
    int[] seen = new int[n];
    Arrays.fill(seen, -1);
    for (int i = 0; i < n; i++) { // remove duplicate edges
      int d = 0;
      for (int k = 0; k < deg[i]; k++) {
        int j = adj[i][k];
        if (seen[j] != i) {
          seen[j] = i;
          adj[i][d++] = j;
        }
      }
      deg[i] = d;
    }
    boolean[] done = new boolean[n];
    PriorityQueue<long[]> heap = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
        : Long.compare(a[1], b[1]));
    for (int i = 0; i < n; i++) {
      heap.add(new long[] {deg[i], i});
    }
    int[] order = new int[n];
    int[] nbr = new int[n];
    Arrays.fill(seen, -1);
    int tag = 0;
    for (int k = 0; k < n; k++) {
      long[] top;
      do {
        top = heap.poll();
      } while (done[(int) top[1]] || top[0] != deg[(int) top[1]]);
      int v = (int) top[1];
      order[k] = v;
      done[v] = true;
      int m = 0;
      for (int t = 0; t < deg[v]; t++) {
        int u = adj[v][t];
        if (!done[u]) {
          nbr[m++] = u;
        }
      }
      // the neighbours of v become a clique
      for (int t = 0; t < m; t++) {
        int u = nbr[t];
        tag++;
        int d = 0;
        int[] au = adj[u];
        for (int s = 0; s < deg[u]; s++) {
          int w = au[s];
          if (!done[w] && seen[w] != tag) {
            seen[w] = tag;
            au[d++] = w;
          }
        }
        for (int s = 0; s < m; s++) {
          int w = nbr[s];
          if (w != u && seen[w] != tag) {
            seen[w] = tag;
            if (d == au.length) {
              au = Arrays.copyOf(au, 2 * au.length);
            }
            au[d++] = w;
          }
        }
        adj[u] = au;
        if (d != deg[u]) {
          deg[u] = d;
          heap.add(new long[] {d, u});
        }
      }
      adj[v] = null;
    }
    return order;
  }

  // ------------------------------------------------------------------ storage helpers

  private void ensureL(int size) {
    if (size > li.length) {
      int cap = Math.max(size, 2 * li.length);
      li = Arrays.copyOf(li, cap);
      lx = Arrays.copyOf(lx, cap);
    }
  }

  private void ensureU(int size) {
    if (size > ui.length) {
      int cap = Math.max(size, 2 * ui.length);
      ui = Arrays.copyOf(ui, cap);
      ux = Arrays.copyOf(ux, cap);
    }
  }

  /** Insertion sort of (idx, val)[from, to) by idx: columns are short. */
  private static void sortByRow(int[] idx, double[] val, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      int ki = idx[i];
      double kv = val[i];
      int j = i - 1;
      while (j >= from && idx[j] > ki) {
        idx[j + 1] = idx[j];
        val[j + 1] = val[j];
        j--;
      }
      idx[j + 1] = ki;
      val[j + 1] = kv;
    }
  }
}
