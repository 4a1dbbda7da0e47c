package org.neuristor.circuit.solve;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * LU factorization with partial pivoting for the small systems of neuron circuits (5-60 unknowns),
 * specialised to the fixed sparsity pattern: the first factorization pivots on a dense copy, which
 * fixes the pivot order; its {@link EliminationSchedule} (fill-in, update lists, substitution lists)
 * is computed once, and every later factorization runs the schedule on a compact array and only
 * checks that partial pivoting would choose the same pivots on the new values. When it would not, the
 * matrix is factored again with pivoting and the schedule of the new order is used (schedules are kept
 * per pivot order, so a circuit that alternates between two orders builds each once). The factors
 * equal those of dense elimination with partial pivoting bit for bit.
 *
 * <p>An unchanged matrix (same values as the last factorization) reuses its factors. Factor and solve
 * allocate nothing once the schedules exist.
 */
public final class DenseLU implements LinearSolver {
  /** Schedules kept per pivot order; beyond this many the cache starts over. */
  private static final int MAX_SCHEDULES = 32;
  private final int n;
  private final MatrixPattern pattern;
  private final double[] values;
  private final double[] factored;
  private final double[] work;
  private final Map<String, EliminationSchedule> schedules = new HashMap<>();
  private EliminationSchedule schedule;
  /** The last few schedules used, newest first (null after the last). */
  private final EliminationSchedule[] recent = new EliminationSchedule[4];
  private double[] lu = new double[0];
  /** Dense fallback (choosing the pivots): row-major copy, permutation and the choices made. */
  private final double[] a;
  private final int[] offsets;
  private final int[] choices;
  private final int[] cols;
  private final int[] perm;
  private boolean denseFactors;
  private boolean valid;
  private final boolean compile;
  /** See {@link EliminationSchedule#restore}. */
  private final boolean[][] restore;
  private long refactorings;

  public DenseLU(MatrixPattern pattern) {
    this(pattern, true, null);
  }

  /**
   * A solver whose fused step ({@link #newtonStep}) puts back only the entries of G ({@code restore[0][h]}) and C
   * ({@code restore[1][h]}) that a load can change: the others hold their linear parts throughout (null: all).
   */
  public DenseLU(MatrixPattern pattern, boolean[][] restore) {
    this(pattern, true, restore);
  }

  /** @param compile run the schedules as generated code when they are small enough (false: loops only) */
  DenseLU(MatrixPattern pattern, boolean compile) {
    this(pattern, compile, null);
  }

  private DenseLU(MatrixPattern pattern, boolean compile, boolean[][] restore) {
    this.compile = compile;
    this.restore = restore;
    this.pattern = pattern;
    this.n = pattern.dimension();
    this.values = new double[pattern.size()];
    this.factored = new double[pattern.size()];
    this.work = new double[n];
    this.a = new double[n * n];
    this.choices = new int[n];
    this.perm = new int[n];
    this.cols = new int[n];
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

  /** Factorizations that had to choose the pivots again (the first one included). */
  long pivotingFactorizations() {
    return refactorings;
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
    if (schedule != null && scheduled() < 0) {
      denseFactors = false;
      valid = true;
      return;
    }
    // The orders met last, newest first: one whose pivot checks all pass on these values is the order partial
    // pivoting chooses (the checks are its choices), so its factors are those of choosePivots and its schedule.
    for (int r = 0; r < recent.length; r++) {
      EliminationSchedule other = recent[r];
      if (other == null) {
        break;
      }
      if (other == schedule) {
        continue;
      }
      schedule = other;
      if (scheduled() < 0) {
        used(other);
        denseFactors = false;
        valid = true;
        return;
      }
    }
    choosePivots();
    schedule = schedules.get(Arrays.toString(choices));
    if (schedule == null) {
      if (schedules.size() >= MAX_SCHEDULES) {
        schedules.clear();
      }
      schedule = EliminationSchedule.of(pattern, choices, compile, restore);
      schedules.put(Arrays.toString(choices), schedule);
    }
    used(schedule);
    if (lu.length < schedule.size) {
      lu = new double[schedule.size];
    }
    // The schedule replays the elimination that chose these pivots, so it agrees; should overflow make
    // it disagree, the dense factors serve this once.
    denseFactors = scheduled() >= 0;
    valid = true;
  }

  /** Moves {@code s} to the front of {@link #recent}. */
  private void used(EliminationSchedule s) {
    int at = recent.length - 1;
    for (int r = 0; r < recent.length; r++) {
      if (recent[r] == s || recent[r] == null) {
        at = r;
        break;
      }
    }
    System.arraycopy(recent, 0, recent, 1, at);
    recent[0] = s;
  }

  /** Runs the schedule on the values: -1 on success, k >= 0 if step k would pivot differently. */
  private int scheduled() {
    int r = schedule.factor(factored, lu);
    if (r <= -2) {
      throw new SingularMatrixException(-2 - r);
    }
    return r;
  }

  /** Dense Gaussian elimination with partial pivoting on a copy, recording the pivot choices. */
  private void choosePivots() {
    refactorings++;
    double[] vs = factored;
    Arrays.fill(a, 0.0);
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
      choices[k] = p;
      int rk = k * n;
      if (p != k) {
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
      double pivot = a[rk + k];
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
  }

  @Override
  public void solve(double[] b) {
    if (!denseFactors) {
      schedule.solve(lu, b, work);
      return;
    }
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

  /**
   * {@link #newtonStep}: the step is done; {@code out} holds whether an update is beyond its tolerance, whether one
   * is above 0 relative to it, the norm, and the operands of every convergence ratio (see {@link #worstRatio}).
   */
  public static final int STEP_DONE = -1;
  /** {@link #newtonStep}: a matrix value is infinite or NaN; G and C are as they came (only {@code out[2]} written). */
  public static final int STEP_NOT_FINITE = -2;
  /**
   * {@link #newtonStep}: the current pivot order does not fit the new values (or a pivot is singular); G and C are
   * as they came and {@code b} holds the residual: form the matrix into {@link #values}, call {@link #factor} and
   * {@link #solve}.
   */
  public static final int STEP_PIVOT = -3;
  /** {@link #newtonStep}: no generated step for the current order; nothing was read or written. */
  public static final int STEP_UNAVAILABLE = -4;
  /** {@link #newtonStep}: the residual norm is NaN or above the limit; only {@code out[2]} was written. */
  public static final int STEP_RESIDUAL = -5;

  /**
   * One transient Newton step fused into generated code of the current elimination schedule, with every value in
   * a local variable. It performs the same operations in the same order as: the residual
   * {@code b[i] = f[i] + (a0 q[i] + qHist[i])} (written to b only for {@link #STEP_PIVOT}: the solution is not stored
   * either) and its norm {@code max |b[i]| rw[i]} (a NaN term wins); Newton's
   * matrix {@code gv[h] + a0 cv[h]} (kept in local variables: {@link #values} is not written), then G and C back to
   * their linear parts {@code lg}, {@code lc} (the entries a load can change, see {@link #DenseLU(MatrixPattern,
   * boolean[][])}; none when the matrix is handed back: {@link #STEP_NOT_FINITE}, {@link #STEP_PIVOT});
   * {@link #factor}; {@link #solve} of b; and the update {@code x -= dx} with the operands of its convergence ratio
   * {@code |dx| / tol}, {@code tol = reltol max(|x|, |xOld|) + absTol}. So the results are bit-identical to those
   * steps written out. The factors are not kept: a later {@link #factor} works as if this step had not happened.
   *
   * <p>The ratios themselves (a division per unknown) are left to {@link #worstRatio} and {@link #worstUnknown}, for
   * when they are needed: with positive tolerances a Newton iteration only asks whether some ratio is above 1, and
   * the rounded quotient |dx| / tol is above 1 exactly when |dx| > tol (the next double above a positive tol exceeds
   * tol (1 + 2^-53), so its quotient rounds to 1 + 2^-52 or more; |dx| <= tol gives a quotient of at most 1). It is 0
   * exactly when {@code |dx| <= tol 2^-1075} (round to nearest even: at most half the smallest subnormal rounds to 0), tested as
   * {@code (|dx| 2^1000) 2^75 <= tol}, where scaling by a power of two is exact or overflows to infinity.
   *
   * @param limit a norm above it returns {@link #STEP_RESIDUAL} before the matrix is touched (+Infinity: none)
   * @param out length at least 3 + 2n; receives 1 or 0 at index 0 (whether some |dx| > tol: for positive tolerances,
   *     whether some ratio is above 1), 1 or 0 at index 1 (whether some ratio is above 0 for positive tolerances,
   *     i.e. whether the update loop would name a worst unknown), the residual norm at index 2, and |dx| and tol of
   *     unknown i at 3 + 2i and 4 + 2i
   * @return {@link #STEP_DONE}; an unknown i >= 0 whose update is not finite (x and xOld hold the updates of the
   *     unknowns before i, and xOld[i]); or {@link #STEP_NOT_FINITE}, {@link #STEP_PIVOT}, {@link #STEP_UNAVAILABLE},
   *     {@link #STEP_RESIDUAL}
   */
  public int newtonStep(double[] f, double[] q, double[] qHist, double[] rw, double limit, double[] gv, double[] cv,
      double[] lg, double[] lc, double a0, double[] b, double[] x, double[] xOld, double[] absTol, double reltol,
      double[] out) {
    EliminationSchedule.Kernel k = schedule == null ? null : schedule.kernel();
    if (k == null) {
      return STEP_UNAVAILABLE;
    }
    return k.step(f, q, qHist, rw, limit, gv, cv, lg, lc, a0, b, x, xOld, absTol, reltol, out);
  }

  /**
   * The largest convergence ratio {@code |dx| / tol} of a {@link #newtonStep} that returned {@link #STEP_DONE} for n
   * unknowns, from the operands it left in {@code out}: 0 when no ratio is above 0. The same divisions and
   * comparisons as the update loop that the step replaces.
   */
  public static double worstRatio(double[] out, int n) {
    return ratio(out, worstUnknown(out, n));
  }

  /** Unknown i's convergence ratio {@code |dx| / tol} from the operands a {@link #newtonStep} left; 0 for i < 0. */
  public static double ratio(double[] out, int i) {
    return i < 0 ? 0 : out[3 + 2 * i] / out[4 + 2 * i];
  }

  /** The unknown of {@link #worstRatio}: the first with the largest ratio, or -1 when no ratio is above 0. */
  public static int worstUnknown(double[] out, int n) {
    double worst = 0;
    int at = -1;
    for (int i = 0; i < n; i++) {
      double ratio = out[3 + 2 * i] / out[4 + 2 * i];
      if (ratio > worst) {
        worst = ratio;
        at = i;
      }
    }
    return at;
  }

  /** Whether the current schedule runs as generated code (for tests). */
  boolean compiled() {
    return schedule != null && schedule.compiled();
  }

  /** The generated code of the current schedule, or null (for tests). */
  Object kernel() {
    return schedule == null ? null : schedule.kernel();
  }
}
