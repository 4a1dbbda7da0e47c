package org.neuristor.circuit.solve;

/**
 * The elimination of a fixed sparsity pattern under a fixed sequence of partial-pivoting choices,
 * flattened into index lists once so that every later factorization is straight loops over them.
 *
 * <p>Storage is compact: the pattern's handle h keeps index h and the fill-in of the chosen order
 * gets the indices after {@code pattern.size()}, so a matrix in handle order is copied in with one
 * {@code arraycopy}. Row i of the factors is the row at position i after the pivoting swaps.
 *
 * <p>The schedule performs the same floating-point operations in the same order as dense Gaussian
 * elimination with row swaps (Golub and Van Loan, Matrix Computations, 4th ed., algorithm 3.4.1)
 * restricted to structurally non-zero entries, so its factors equal the dense ones bit for bit. It also
 * knows, for each step k, which entries of column k competed for the pivot and in which order, so a
 * factorization can check that partial pivoting would have chosen the same pivot on the new values
 * (ties go to the first row in the current order, as in the dense algorithm).
 */
final class EliminationSchedule {
  /**
   * A schedule translated to straight-line code ({@link ScheduleCompiler}); same contract as the methods here. A
   * class, not an interface: a circuit that moves between several pivot orders calls several generated classes
   * from one call site, which then costs a virtual call (a table load) instead of an interface call (a search).
   */
  abstract static class Kernel {
    public abstract int factor(double[] values, double[] lu);

    public abstract void solve(double[] lu, double[] b);

    /**
     * One fused transient Newton step, see {@link DenseLU#newtonStep}: {@link DenseLU#STEP_UNAVAILABLE} when
     * the kernel was generated without it (then nothing was touched).
     */
    public int step(double[] f, double[] q, double[] qHist, double[] rw, double limit, double[] gv, double[] cv,
        double[] lg, double[] lc, double a0, double[] b, double[] x, double[] xOld, double[] absTol, double reltol,
        double[] out) {
      return DenseLU.STEP_UNAVAILABLE;
    }
  }

  final int n;
  /** Entries of the pattern (they keep their handle as index). */
  final int handles;
  /** Length of the compact value array (handles plus fill-in). */
  final int size;
  /** Original row at each final position. */
  final int[] perm;
  /** Compact index of pivot k. */
  final int[] pivot;
  /** Per step k, [candStart[k], candStart[k+1]) in candIdx: the other entries of column k that competed. */
  final int[] candStart;
  final int[] candIdx;
  /** Whether candidate c came before the pivot row in the current order (then it must be strictly smaller). */
  final boolean[] candBefore;
  /** Per step k, [lStart[k], lStart[k+1]) in lIdx: the sub-diagonal entries of column k (in row position order). */
  final int[] lStart;
  final int[] lIdx;
  /** Per L entry e: where its row's update targets start in tIdx (one target per U entry of row k). */
  final int[] tBase;
  final int[] tIdx;
  /** Per step k, [uStart[k], uStart[k+1]) in uIdx: the entries of row k right of the pivot. */
  final int[] uStart;
  final int[] uIdx;
  /** Forward substitution: per row i, [fStart[i], fStart[i+1]) in fIdx/fCol (L entries, columns ascending). */
  final int[] fStart;
  final int[] fIdx;
  final int[] fCol;
  /** Back substitution: per row i, [bStart[i], bStart[i+1]) in bIdx/bCol (U entries right of the diagonal). */
  final int[] bStart;
  final int[] bIdx;
  final int[] bCol;

  /**
   * Which entries the fused step puts back to their linear parts after a load: {@code restore[0][h]} for G,
   * {@code restore[1][h]} for C; null: every entry. An entry that no loaded element can stamp holds its linear part
   * already.
   */
  final boolean[][] restore;

  /** Schedules built so far; beyond this many the cache starts over. */
  private static final int MAX_CACHED = 256;
  private static final java.util.Map<Structure, EliminationSchedule> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Everything a schedule is a function of: the pattern's entries (row and column per handle, in handle order), the
   * pivot choices, whether it is compiled and the restore masks.
   */
  private record Structure(int n, int[] entries, int[] choices, boolean compile, boolean[] restoreG,
      boolean[] restoreC) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Structure s && n == s.n && compile == s.compile && java.util.Arrays.equals(entries, s.entries)
          && java.util.Arrays.equals(choices, s.choices) && java.util.Arrays.equals(restoreG, s.restoreG)
          && java.util.Arrays.equals(restoreC, s.restoreC);
    }

    @Override
    public int hashCode() {
      int h = java.util.Arrays.hashCode(entries) * 31 + java.util.Arrays.hashCode(choices);
      h = h * 31 + java.util.Arrays.hashCode(restoreG);
      return (h * 31 + java.util.Arrays.hashCode(restoreC)) * 2 + (compile ? 1 : 0) + 17 * n;
    }
  }

  /**
   * The schedule of {@code pattern} under {@code choices}: built once per structure and shared (a schedule holds no
   * state that a factorization changes, so circuits of one structure, e.g. every run of a warm loop or every point
   * of a sweep, use the same one). A bounded, thread-safe cache of a pure function of its key.
   */
  static EliminationSchedule of(MatrixPattern pattern, int[] choices, boolean compile, boolean[][] restore) {
    int[] entries = new int[2 * pattern.size()];
    for (int h = 0; h < pattern.size(); h++) {
      entries[2 * h] = pattern.row(h);
      entries[2 * h + 1] = pattern.col(h);
    }
    Structure key = new Structure(pattern.dimension(), entries, choices.clone(), compile,
        restore == null ? null : restore[0].clone(), restore == null ? null : restore[1].clone());
    EliminationSchedule s = CACHE.get(key);
    if (s != null) {
      return s;
    }
    s = new EliminationSchedule(pattern, choices, compile,
        restore == null ? null : new boolean[][] {key.restoreG(), key.restoreC()});
    if (CACHE.size() >= MAX_CACHED) {
      CACHE.clear();
    }
    EliminationSchedule first = CACHE.putIfAbsent(key, s);
    return first != null ? first : s;
  }

  /**
   * @param choices the position chosen as pivot at each step by dense partial pivoting (positions in
   *     the row order current at that step, before its swap)
   * @param compile translate the schedule to bytecode ({@link ScheduleCompiler}) when it is small enough
   * @param restore see {@link #restore}
   */
  EliminationSchedule(MatrixPattern pattern, int[] choices, boolean compile, boolean[][] restore) {
    this.restore = restore;
    this.n = pattern.dimension();
    this.handles = pattern.size();
    // Replay the swaps: rowAt[position] = original row.
    int[] rowAt = new int[n];
    for (int i = 0; i < n; i++) {
      rowAt[i] = i;
    }
    int[][] orderAtStep = new int[n][];
    for (int k = 0; k < n; k++) {
      orderAtStep[k] = rowAt.clone();
      int p = choices[k];
      int t = rowAt[k];
      rowAt[k] = rowAt[p];
      rowAt[p] = t;
    }
    this.perm = rowAt;
    int[] finalPos = new int[n];
    for (int i = 0; i < n; i++) {
      finalPos[perm[i]] = i;
    }
    // Structure of the permuted matrix with fill-in, and the compact index of every entry.
    int[][] idx = new int[n][n];
    for (int[] row : idx) {
      java.util.Arrays.fill(row, -1);
    }
    for (int h = 0; h < handles; h++) {
      idx[finalPos[pattern.row(h)]][pattern.col(h)] = h;
    }
    int next = handles;
    for (int k = 0; k < n; k++) {
      for (int i = k + 1; i < n; i++) {
        if (idx[i][k] < 0) {
          continue;
        }
        for (int j = k + 1; j < n; j++) {
          if (idx[k][j] >= 0 && idx[i][j] < 0) {
            idx[i][j] = next++;
          }
        }
      }
    }
    this.size = next;
    this.pivot = new int[n];
    this.candStart = new int[n + 1];
    this.lStart = new int[n + 1];
    this.uStart = new int[n + 1];
    IntList cand = new IntList();
    java.util.List<Boolean> before = new java.util.ArrayList<>();
    IntList l = new IntList();
    IntList tb = new IntList();
    IntList tg = new IntList();
    IntList u = new IntList();
    for (int k = 0; k < n; k++) {
      pivot[k] = idx[k][k];
      int pivotRow = perm[k];
      boolean seenPivot = false;
      for (int pos = k; pos < n; pos++) {
        int row = orderAtStep[k][pos];
        if (row == pivotRow) {
          seenPivot = true;
          continue;
        }
        int c = idx[finalPos[row]][k];
        if (c >= 0) {
          cand.add(c);
          before.add(!seenPivot);
        }
      }
      candStart[k + 1] = cand.size;
      for (int j = k + 1; j < n; j++) {
        if (idx[k][j] >= 0) {
          u.add(idx[k][j]);
        }
      }
      uStart[k + 1] = u.size;
      for (int i = k + 1; i < n; i++) {
        if (idx[i][k] < 0) {
          continue;
        }
        l.add(idx[i][k]);
        tb.add(tg.size);
        for (int j = k + 1; j < n; j++) {
          if (idx[k][j] >= 0) {
            tg.add(idx[i][j]);
          }
        }
      }
      lStart[k + 1] = l.size;
    }
    this.candIdx = cand.toArray();
    this.candBefore = new boolean[before.size()];
    for (int c = 0; c < candBefore.length; c++) {
      candBefore[c] = before.get(c);
    }
    this.lIdx = l.toArray();
    this.tBase = tb.toArray();
    this.tIdx = tg.toArray();
    this.uIdx = u.toArray();
    this.fStart = new int[n + 1];
    this.bStart = new int[n + 1];
    IntList fi = new IntList();
    IntList fc = new IntList();
    IntList bi = new IntList();
    IntList bc = new IntList();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        if (idx[i][j] >= 0) {
          fi.add(idx[i][j]);
          fc.add(j);
        }
      }
      fStart[i + 1] = fi.size;
      for (int j = i + 1; j < n; j++) {
        if (idx[i][j] >= 0) {
          bi.add(idx[i][j]);
          bc.add(j);
        }
      }
      bStart[i + 1] = bi.size;
    }
    this.fIdx = fi.toArray();
    this.fCol = fc.toArray();
    this.bIdx = bi.toArray();
    this.bCol = bc.toArray();
    this.kernel = compile ? ScheduleCompiler.compile(this) : null;
  }

  /** Whether the schedule runs as generated code. */
  boolean compiled() {
    return kernel != null;
  }

  /** The generated code, or null. */
  Kernel kernel() {
    return kernel;
  }

  /** The generated code of this schedule, or null (too large, or not asked for): then the loops below run it. */
  private final Kernel kernel;

  /**
   * Factors the matrix {@code values} (in handle order) into {@code lu} (length {@link #size}).
   *
   * @return -1 on success; k >= 0 when partial pivoting would choose another pivot at step k on these
   *     values ({@code lu} then holds a partial elimination); -2 - k when pivot k is zero or tiny while
   *     still the largest (singular matrix)
   */
  int factor(double[] values, double[] lu) {
    if (kernel != null) {
      return kernel.factor(values, lu);
    }
    System.arraycopy(values, 0, lu, 0, handles);
    java.util.Arrays.fill(lu, handles, size, 0.0);
    for (int k = 0; k < n; k++) {
      double piv = lu[pivot[k]];
      double ap = Math.abs(piv);
      for (int c = candStart[k]; c < candStart[k + 1]; c++) {
        double v = Math.abs(lu[candIdx[c]]);
        if (v > ap || (v == ap && candBefore[c])) {
          return k;
        }
      }
      if (!(ap > 1e-300)) {
        return -2 - k;
      }
      int u0 = uStart[k];
      int nu = uStart[k + 1] - u0;
      for (int e = lStart[k]; e < lStart[k + 1]; e++) {
        int li = lIdx[e];
        double m = lu[li];
        if (m != 0.0) {
          m /= piv;
          lu[li] = m;
          int t0 = tBase[e];
          for (int q = 0; q < nu; q++) {
            lu[tIdx[t0 + q]] -= m * lu[uIdx[u0 + q]];
          }
        }
      }
    }
    return -1;
  }

  /** Solves with the factors in {@code lu}: {@code b} in, solution out; {@code work} has length n. */
  void solve(double[] lu, double[] b, double[] work) {
    if (kernel != null) {
      kernel.solve(lu, b);
      return;
    }
    for (int i = 0; i < n; i++) {
      double s = b[perm[i]];
      for (int e = fStart[i]; e < fStart[i + 1]; e++) {
        s -= lu[fIdx[e]] * work[fCol[e]];
      }
      work[i] = s;
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = work[i];
      for (int e = bStart[i]; e < bStart[i + 1]; e++) {
        s -= lu[bIdx[e]] * work[bCol[e]];
      }
      work[i] = s / lu[pivot[i]];
    }
    System.arraycopy(work, 0, b, 0, n);
  }

  /** A growable int list for building the schedule. */
  private static final class IntList {
    int[] a = new int[16];
    int size;

    void add(int v) {
      if (size == a.length) {
        a = java.util.Arrays.copyOf(a, size * 2);
      }
      a[size++] = v;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, size);
    }
  }
}
